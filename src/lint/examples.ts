/**
 * Every example must validate against its schema, judged by the same ajv configuration and the
 * same schema document the generated validators are built from, so an example that passes here
 * is one the client, the mock and the checks accept too.
 */
import type { SpecSource } from "../spec-build/load";
import { findExamples } from "./example-sites";
import { problemAt, type LintProblem } from "./problem";
import { collapseAlternatives, compileSchemas, describeError } from "./schemas";

export function checkSchemasAndExamples(spec: SpecSource): LintProblem[] {
  const { sites, inlineSchemas, unchecked } = findExamples(spec.doc);
  const problems = unchecked.map((u) => problemAt(spec, "example-unchecked", u.pointer, `example ${u.reason}`));
  const schemas = compileSchemas(spec, inlineSchemas);
  problems.push(...schemas.problems);
  for (const site of sites) {
    const found = schemas.validatorAt(site.schemaPointer);
    if (!found || found.validate(site.data)) continue;
    for (const e of collapseAlternatives(found.validate.errors ?? [])) {
      const message = `example does not match #${found.shown}: ${describeError(e, site.data)}`;
      problems.push(problemAt(spec, "example-invalid", site.dataPointer + e.instancePath, message));
    }
  }
  return problems;
}
