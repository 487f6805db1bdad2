/** The README's check table lists every check of the catalogue with its severity, and nothing else. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ALL_CHECKS } from "../../src/checks";

const readme = readFileSync(resolve(__dirname, "../../README.md"), "utf8");
const SEVERITY_ROW = /^\| `([a-z-]+)` \| (breaking|warning|info) \| /;

test("every check has one row with its severity, and every such row is a check", () => {
  const rows = readme
    .split("\n")
    .map((line) => SEVERITY_ROW.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]} ${m[2]}`);
  expect(rows.sort()).toEqual(ALL_CHECKS.map((c) => `${c.id} ${c.severity}`).sort());
});
