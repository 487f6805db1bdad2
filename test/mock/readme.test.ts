/** The README's fault table names every profile with the checks its profile says find it. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { FAULT_NAMES, FAULT_PROFILES } from "../../src/mock";

const readme = readFileSync(resolve(__dirname, "../../README.md"), "utf8");
const rows = new Map(
  readme
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => [/^\| `([^`]+)`/.exec(line)![1]!, line] as const),
);

test.each(FAULT_NAMES)("%s has a row naming its checks", (name) => {
  const row = rows.get(name);
  expect(row).toBeDefined();
  for (const check of FAULT_PROFILES[name].checks) expect(row).toContain(`\`${check}\``);
});
