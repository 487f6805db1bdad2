/**
 * `lintSpecFile`: everything `npm run lint:spec` checks in an OpenAPI file, returned as data. The
 * file is read once with the project's YAML loader (the one codegen uses); swagger-parser gets
 * the parsed document, so both judge exactly the same content.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseSpec, SpecLoadError, type SpecSource } from "../spec-build/load";
import { checkSchemasAndExamples } from "./examples";
import { checkWithSwaggerParser } from "./openapi-schema";
import { checkLinks } from "./links";
import { checkOperations } from "./operations";
import { checkPathParameters } from "./path-params";
import { problemAt, tidyProblems, type LintProblem } from "./problem";
import { checkExternalRefs } from "./refs";

export { formatProblem } from "./problem";

export interface LintResult {
  /** The file as it was given. */
  file: string;
  /** Sorted by source line; errors and warnings together. */
  problems: LintProblem[];
  errorCount: number;
  warningCount: number;
}

function result(file: string, problems: LintProblem[]): LintResult {
  const tidy = tidyProblems(problems);
  const errorCount = tidy.filter((p) => p.severity === "error").length;
  return { file, problems: tidy, errorCount, warningCount: tidy.length - errorCount };
}

function load(file: string): SpecSource | LintProblem {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (cause as Error).message;
    return problemAt(undefined, "spec-unreadable", "", `cannot read the spec: ${why}`);
  }
  try {
    return parseSpec(file, text);
  } catch (error) {
    if (!(error instanceof SpecLoadError)) throw error;
    const reason = error.message.slice(`${error.file}${error.line ? `:${error.line}` : ""}: `.length).replace(/:$/, "");
    return { ...problemAt(undefined, "spec-syntax", "", reason), line: error.line };
  }
}

/** Lints one spec file. Never throws for a bad spec: every problem, including unreadable input, is data. */
export async function lintSpecFile(file: string): Promise<LintResult> {
  const spec = load(file);
  if ("rule" in spec) return result(file, [spec]);
  return result(file, [
    ...(await checkWithSwaggerParser(spec, resolve(file))),
    ...checkExternalRefs(spec),
    ...checkOperations(spec),
    ...checkPathParameters(spec),
    ...checkLinks(spec),
    ...checkSchemasAndExamples(spec),
  ]);
}
