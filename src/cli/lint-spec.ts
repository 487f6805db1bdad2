/**
 * `npm run lint:spec [-- file]`: checks the spec and prints one line per problem,
 * `file:line #pointer rule: message`. Exit 0 when there is no error (warnings are printed but
 * allowed), 1 when there is one, 2 on a usage error.
 */
import { isAbsolute, relative, resolve } from "node:path";
import { formatProblem, lintSpecFile } from "../lint";
import { defineCommand } from "./command";
import { fromRoot, SPEC_PATH } from "./repository";

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

export const lintSpecCommand = defineCommand({
  invocation: "npm run lint:spec --",
  summary: `Lints an OpenAPI file (default ${SPEC_PATH}): the OpenAPI 3.1 schema, references, operations, path parameters, schemas and examples.`,
  options: {},
  positionals: { placeholder: "FILE", max: 1 },
  async run({ positionals }, io) {
    const started = performance.now();
    const file = positionals[0] === undefined ? fromRoot(SPEC_PATH) : resolve(io.cwd, positionals[0]);
    // Paths inside the working directory are shown relative to it, as people type them.
    const rel = relative(io.cwd, file);
    const name = rel === "" || rel.startsWith("..") || isAbsolute(rel) ? file : rel;
    const { problems, errorCount, warningCount } = await lintSpecFile(file);
    for (const problem of problems) io.stderr.write(`${formatProblem(name, problem)}\n`);
    const ms = Math.round(performance.now() - started);
    if (errorCount > 0) {
      io.stderr.write(
        `lint:spec: ${name}: ${count(errorCount, "error")}, ${count(warningCount, "warning")} (${ms} ms)\n`,
      );
      return 1;
    }
    const warnings = warningCount > 0 ? `, ${count(warningCount, "warning")}` : "";
    io.stdout.write(`lint:spec: ${name}: no errors${warnings} (${ms} ms)\n`);
    return 0;
  },
});
