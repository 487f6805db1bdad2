/**
 * What @apidevtools/swagger-parser checks, mapped to lint problems: the document against the
 * OpenAPI 3.1 schema (`oas-schema`) and every internal `$ref` (`ref-unresolved`). For 3.x it
 * checks nothing else; the other rules of this folder cover that.
 */
import SwaggerParser from "@apidevtools/swagger-parser";
import { pointer } from "../spec/json-pointer";
import { namedKey } from "../spec/schema-error";
import { type SpecSource } from "../spec-build/load";
import { problemAt, sourcePointer, type LintProblem } from "./problem";

interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** The error shapes of json-schema-ref-parser, read by duck typing (it is not our dependency). */
interface RefParserError {
  code?: string;
  message: string;
  path?: Array<string | number> | null;
  errors?: RefParserError[];
  details?: SchemaError[];
}

/**
 * swagger-parser's bundled OpenAPI 3.1 schema spells the Server Variable key `descriptions`, so it
 * rejects a correct `description` (APIDevTools/swagger-cli#83, fixed upstream in the OAI schema).
 */
function isKnownFalsePositive(e: SchemaError): boolean {
  return (
    e.keyword === "unevaluatedProperties" &&
    e.params.unevaluatedProperty === "description" &&
    /\/servers\/\d+\/variables\/[^/]+$/.test(e.instancePath)
  );
}

function fromSchemaError(spec: SpecSource, e: SchemaError): LintProblem | undefined {
  // An if/then failure is always reported again by the branch that failed, with the detail.
  if (e.keyword === "if" || isKnownFalsePositive(e)) return undefined;
  const at = sourcePointer(spec.doc, e.instancePath);
  const key = namedKey(e);
  if (key !== undefined && e.keyword === "required")
    return problemAt(spec, "oas-schema", at, `missing required key "${key}"`);
  if (key !== undefined) return problemAt(spec, "oas-schema", `${at}${pointer(key)}`, `unknown key "${key}"`);
  return problemAt(spec, "oas-schema", at, e.message ?? e.keyword);
}

function fromRefError(spec: SpecSource, e: RefParserError): LintProblem {
  const at = sourcePointer(spec.doc, pointer(...(e.path ?? [])));
  if (e.code === "EMISSINGPOINTER") {
    const target = /"([^"]*)"/.exec(e.message)?.[1] ?? "its target";
    return problemAt(spec, "ref-unresolved", at, `$ref ${target} points at nothing in this file`);
  }
  return problemAt(spec, "ref-unresolved", at, e.message);
}

export async function checkWithSwaggerParser(spec: SpecSource, absoluteFile: string): Promise<LintProblem[]> {
  if (typeof spec.doc.openapi !== "string") {
    return [
      problemAt(spec, "oas-schema", "", 'not an OpenAPI document: the top-level "openapi" version string is missing'),
    ];
  }
  try {
    // A copy: swagger-parser dereferences in place. External refs are not followed (codegen reads
    // one file; the ref rule reports them) and nothing is fetched over the network.
    await SwaggerParser.validate(absoluteFile, structuredClone(spec.doc) as never, {
      continueOnError: true,
      resolve: { external: false, http: false },
    });
    return [];
  } catch (caught) {
    const error = caught as RefParserError;
    if (Array.isArray(error.errors)) return error.errors.map((e) => fromRefError(spec, e));
    if (Array.isArray(error.details)) return error.details.flatMap((e) => fromSchemaError(spec, e) ?? []);
    if (error.code !== undefined) return [fromRefError(spec, error)];
    return [problemAt(spec, "oas-schema", "", String(error.message ?? caught).replace(absoluteFile, "the document"))];
  }
}
