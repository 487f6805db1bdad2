/**
 * Compiles the spec's schemas with the project's one validator setup (`createAjv` +
 * `buildSchemaDefs`, as codegen does) plus the inline schemas that sit beside examples, and
 * reports the ones ajv refuses: what lint accepts here, `npm run gen` can compile.
 */
import type Ajv2020 from "ajv/dist/2020";
import type { ErrorObject, ValidateFunction } from "ajv";
import { createAjv } from "../spec-build/ajv";
import {
  at,
  escapePointerToken,
  isPlainObject,
  pointer,
  splitPointer,
  type Json,
  type JsonObject,
} from "../spec/json-pointer";
import { type SpecSource } from "../spec-build/load";
import { buildSchemaDefs, rewriteRefs, SCHEMA_ID } from "../spec-build/schema-defs";
import { problemAt, type LintProblem } from "./problem";

const COMPONENT_SCHEMAS = "/components/schemas";
const LITERAL_KEYS = ["examples", "example", "enum", "const", "default"];

export interface CompiledSchemas {
  problems: LintProblem[];
  /** The validator of the schema written at `schemaPointer`, and the pointer to name in messages. */
  validatorAt(schemaPointer: string): { validate: ValidateFunction; shown: string } | undefined;
}

/** An ajv error in words; `data` is what was validated, to show the offending value. */
export function describeError(e: ErrorObject, data: Json): string {
  if (e.keyword === "enum" && Array.isArray(e.params.allowedValues)) {
    const got = JSON.stringify(at(data, e.instancePath)) ?? "another value";
    return `must be one of ${e.params.allowedValues.map((v: unknown) => JSON.stringify(v)).join(", ")} (got ${got.length > 60 ? got.slice(0, 59) + "…" : got})`;
  }
  return e.message ?? e.keyword;
}

/**
 * Collapses each failed anyOf/oneOf with the branch errors ajv emitted just before it (at or below
 * the same instance path) into one error, worded by one branch. `if` errors are dropped: a
 * failed if/then is reported again by `then`, with the detail.
 */
export function collapseAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const e of errors) {
    if (e.keyword === "if") continue;
    if (e.keyword !== "anyOf" && e.keyword !== "oneOf") {
      out.push(e);
      continue;
    }
    const within = (b: ErrorObject) =>
      b.instancePath === e.instancePath || b.instancePath.startsWith(e.instancePath + "/");
    let first = out.length;
    while (first > 0 && within(out[first - 1]!)) first--;
    const branches = out.splice(first);
    // The branch that got deepest into the data is the alternative the author most likely meant.
    const depth = (b: ErrorObject) => b.instancePath.split("/").length;
    out.push(branches.reduce<ErrorObject>((best, b) => (depth(b) > depth(best) ? b : best), branches[0] ?? e));
  }
  return out;
}

const fragment = (tokens: string[]) => tokens.map((t) => "/" + encodeURIComponent(escapePointerToken(t))).join("");

/** `X` when the schema is nothing but a `$ref` to `#/components/schemas/X`. */
function componentRefName(schema: Json): string | undefined {
  if (!isPlainObject(schema) || Object.keys(schema).length !== 1 || typeof schema.$ref !== "string") return undefined;
  return schema.$ref.startsWith(`#${COMPONENT_SCHEMAS}/`) ? splitPointer(schema.$ref.slice(1))[2] : undefined;
}

function refsOf(node: Json | undefined, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsOf(n, found));
  else if (isPlainObject(node)) {
    if (typeof node.$ref === "string") found.push(node.$ref);
    for (const [key, value] of Object.entries(node)) if (!LITERAL_KEYS.includes(key)) refsOf(value, found);
  }
  return found;
}

function compile(ajv: Ajv2020, name: string, rest: string[]): ValidateFunction | Error {
  try {
    return ajv.getSchema(`${SCHEMA_ID}#/$defs${fragment([name, ...rest])}`) ?? new Error(`no schema at ${name}`);
  } catch (error) {
    return error as Error;
  }
}

export function compileSchemas(spec: SpecSource, inline: Map<string, Json>): CompiledSchemas {
  const schemaDocument = buildSchemaDefs(spec.doc).document;
  const defs = schemaDocument.$defs as JsonObject;
  // rootOf: where a schema is written → its $defs name; sourceOf: the reverse, for own entries only.
  const rootOf = new Map<string, string>();
  const sourceOf = new Map<string, string>();
  const components = at(spec.doc, COMPONENT_SCHEMAS);
  for (const name of isPlainObject(components) ? Object.keys(components) : []) {
    rootOf.set(COMPONENT_SCHEMAS + pointer(name), name);
    sourceOf.set(name, COMPONENT_SCHEMAS + pointer(name));
  }
  for (const [where, schema] of inline) {
    const target = componentRefName(schema);
    const name = target !== undefined && defs[target] !== undefined ? target : `lint_inline_${sourceOf.size}`;
    if (name !== target) {
      defs[name] = rewriteRefs(schema);
      sourceOf.set(name, where);
    }
    rootOf.set(where, name);
  }

  const problems: LintProblem[] = [];
  const ajv = createAjv();
  if (!ajv.validateSchema(schemaDocument)) {
    // buildSchemaDefs' per-operation entries repeat the schemas registered above; only what
    // appears nowhere else (an x-query-rules schema) is reported under the entry's name.
    const elsewhere: LintProblem[] = [];
    for (const e of collapseAlternatives(ajv.errors ?? [])) {
      const [, name = "", ...rest] = splitPointer(e.instancePath);
      const source = sourceOf.get(name);
      const message = describeError(e, schemaDocument);
      if (source !== undefined) problems.push(problemAt(spec, "schema-invalid", source + pointer(...rest), message));
      else
        elsewhere.push(
          problemAt(
            spec,
            "schema-invalid",
            "",
            `in the schema of validator ${name}, at ${pointer(...rest)}: ${message}`,
          ),
        );
    }
    return { problems: problems.length > 0 ? problems : elsewhere, validatorAt: () => undefined };
  }
  ajv.addSchema(schemaDocument, undefined, undefined, false); // already validated just above

  // Compiling every schema, not only those with examples, finds what would also break `npm run gen`.
  const broken = new Map<string, Error>();
  for (const name of new Set(rootOf.values())) {
    const compiled = compile(ajv, name, []);
    if (compiled instanceof Error) broken.set(name, compiled);
  }
  const healthyRef = (ref: string) => {
    const name = ref.startsWith("#/$defs/") ? splitPointer(ref.slice(1))[1] : undefined;
    return name !== undefined && defs[name] !== undefined && !broken.has(name);
  };
  for (const [name, error] of broken) {
    // Report the schema that is itself wrong, not each one referring to it; bad refs are the ref rule's.
    if (!("missingRef" in error) && refsOf(defs[name]).every(healthyRef))
      problems.push(problemAt(spec, "schema-invalid", sourceOf.get(name)!, error.message));
  }

  const roots = [...rootOf.keys()].sort((a, b) => b.length - a.length);
  return {
    problems,
    validatorAt(schemaPointer) {
      const root = roots.find((r) => schemaPointer === r || schemaPointer.startsWith(r + "/"));
      const name = root === undefined ? undefined : rootOf.get(root)!;
      if (root === undefined || name === undefined || broken.has(name)) return undefined;
      const rest = splitPointer(schemaPointer.slice(root.length));
      const validate = compile(ajv, name, rest);
      if (validate instanceof Error) return undefined;
      const shown = sourceOf.get(name) === root ? schemaPointer : COMPONENT_SCHEMAS + pointer(name) + pointer(...rest);
      return { validate, shown };
    },
  };
}
