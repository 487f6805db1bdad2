/**
 * `$ref`s that leave the file. swagger-parser is told not to follow them (offline, and codegen
 * reads a single file), so they would pass unnoticed and then vanish from the generated code.
 * Dangling internal refs are reported from swagger-parser's resolver (see openapi-schema.ts).
 */
import type { SpecSource } from "../spec-build/load";
import { problemAt, type LintProblem } from "./problem";
import { visitObjects } from "../spec-build/walk";

export function checkExternalRefs(spec: SpecSource): LintProblem[] {
  const problems: LintProblem[] = [];
  visitObjects(spec.doc, "", (obj, at) => {
    const ref = obj.$ref;
    if (typeof ref === "string" && !ref.startsWith("#")) {
      problems.push(
        problemAt(
          spec,
          "ref-unresolved",
          at,
          `$ref ${ref} points outside this file; the generator reads only this file, so keep the definition in it`,
        ),
      );
    }
  });
  return problems;
}
