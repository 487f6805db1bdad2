/**
 * `npm run lint:spec [file]`: checks the spec (default openapi/openapi.yaml) and prints one line
 * per problem, `file:line #pointer rule: message`. Exit 0 when there is no error (warnings are
 * printed but allowed), 1 when there is one, 2 on a usage error.
 */
import { isAbsolute, relative, resolve } from "node:path";
import { formatProblem, lintSpecFile } from "../src/lint";
import { SPEC_PATH, fromRoot, runMain } from "./cli";

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
const USAGE = "usage: npm run lint:spec [-- path/to/openapi.yaml]";

/** Paths inside the working directory are shown relative to it, as people type them. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? file : rel;
}

runMain(async () => {
  const args = process.argv.slice(2);
  if (args.length > 1 || args.some((a) => a.startsWith("-"))) {
    console.error(args.includes("--help") || args.includes("-h") ? USAGE : `lint:spec: unexpected arguments ${args.join(" ")}\n${USAGE}`);
    return args.includes("--help") || args.includes("-h") ? 0 : 2;
  }
  const started = performance.now();
  const file = args[0] === undefined ? fromRoot(SPEC_PATH) : resolve(args[0]);
  const name = shown(file);
  const { problems, errorCount, warningCount } = await lintSpecFile(file);
  for (const problem of problems) console.error(formatProblem(name, problem));
  const ms = Math.round(performance.now() - started);
  if (errorCount > 0) {
    console.error(`lint:spec: ${name}: ${count(errorCount, "error")}, ${count(warningCount, "warning")} (${ms} ms)`);
    return 1;
  }
  const warnings = warningCount > 0 ? `, ${count(warningCount, "warning")}` : "";
  console.log(`lint:spec: ${name}: no errors${warnings} (${ms} ms)`);
  return 0;
});
