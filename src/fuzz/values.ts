/**
 * Values from a JSON Schema node: `valueArb` makes values the schema accepts, `brokenValueArbs`
 * values that break exactly one of its keywords. Only the keywords the spec uses are understood;
 * any other one throws `FuzzSpecError`, so a spec change the fuzzer cannot follow is noticed.
 */
import fc, { type Arbitrary } from "fast-check";
import { jsonTypeOf } from "../checks/finding";
import type { JsonObject } from "../spec/json-pointer";
import { allowedTypes, FuzzSpecError, listedValues, objectShape, resolve } from "./schema";

const ANNOTATIONS = new Set([
  "description",
  "title",
  "default",
  "examples",
  "example",
  "writeOnly",
  "readOnly",
  "deprecated",
]);
const UNDERSTOOD = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "format",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "items",
  "properties",
  "required",
  "allOf",
]);

/** Any JSON value, small: the raw material of wrong-type values and random bodies. */
export const anyJson: Arbitrary<unknown> = fc.jsonValue({ maxDepth: 2 });

/** Text of every kind: printable ASCII most of the time, any Unicode (astral planes included) otherwise. */
export const anyText = (constraints: { minLength?: number; maxLength?: number } = {}): Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string(constraints) },
    { weight: 1, arbitrary: fc.string({ ...constraints, unit: "grapheme" }) },
  );

function checkKeywords(schema: JsonObject): void {
  for (const key of Object.keys(schema)) {
    if (!ANNOTATIONS.has(key) && !UNDERSTOOD.has(key))
      throw new FuzzSpecError(`the fuzzer does not understand the schema keyword "${key}"`);
  }
}

const num = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);

/** Inclusive integer bounds of a schema, if it has any. */
function integerBounds(schema: JsonObject): { min: number | undefined; max: number | undefined } {
  const exMin = num(schema.exclusiveMinimum);
  const exMax = num(schema.exclusiveMaximum);
  return {
    min: num(schema.minimum) ?? (exMin === undefined ? undefined : Math.floor(exMin) + 1),
    max: num(schema.maximum) ?? (exMax === undefined ? undefined : Math.ceil(exMax) - 1),
  };
}

function integerArb(schema: JsonObject): Arbitrary<number> {
  const { min = -1_000_000, max = 1_000_000 } = integerBounds(schema);
  // Small values near the lower bound are the interesting ones (page numbers, sizes): favour them.
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min, max: Math.min(max, min + 5) }) },
    { weight: 1, arbitrary: fc.integer({ min, max }) },
  );
}

function stringArb(schema: JsonObject): Arbitrary<string> {
  const minLength = num(schema.minLength) ?? 0;
  const maxLength = num(schema.maxLength) ?? Math.max(minLength, 24);
  const fits = (s: string) => s.length >= minLength && s.length <= maxLength;
  switch (schema.format) {
    case undefined:
      break;
    case "uuid":
      return fc.uuid();
    case "uri":
    case "uri-reference":
      return fc.webUrl().filter(fits);
    default:
      throw new FuzzSpecError(`the fuzzer cannot generate strings of format "${String(schema.format)}"`);
  }
  if (typeof schema.pattern === "string") return fc.stringMatching(new RegExp(schema.pattern, "u")).filter(fits);
  return anyText({ minLength, maxLength });
}

function typedArb(type: string, schema: JsonObject): Arbitrary<unknown> {
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return integerArb(schema);
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: num(schema.minimum), max: num(schema.maximum) });
    case "string":
      return stringArb(schema);
    case "array":
      return fc.array(valueArb(schema.items ?? {}), { maxLength: 4 });
    case "object": {
      const shape = objectShape(schema);
      const model = Object.fromEntries(Object.entries(shape.properties).map(([name, sub]) => [name, valueArb(sub)]));
      return fc.record(model, { requiredKeys: shape.required });
    }
    default:
      throw new FuzzSpecError(`the fuzzer cannot generate values of type "${type}"`);
  }
}

/** Values the schema accepts. */
export function valueArb(raw: unknown): Arbitrary<unknown> {
  const schema = resolve(raw as JsonObject);
  checkKeywords(schema);
  if ("const" in schema) return fc.constant(schema.const);
  const listed = listedValues(schema);
  if (listed) return fc.constantFrom(...listed);
  const types = allowedTypes(schema);
  if (types.length === 0) return anyJson;
  const arbs = types.map((t) => typedArb(t, schema));
  return arbs.length === 1 ? arbs[0]! : fc.oneof(...arbs);
}

/** A value breaking one keyword of a schema, and the keyword it breaks. */
export interface BrokenValue {
  rule: string;
  value: unknown;
}

/**
 * One arbitrary per keyword of the schema that a value can break. Each may now and then produce a
 * value that breaks nothing (a random string that is a valid URI); callers filter with the
 * spec's validator, which has the last word.
 */
export function brokenValueArbs(raw: unknown): Array<Arbitrary<BrokenValue>> {
  const schema = resolve(raw as JsonObject);
  checkKeywords(schema);
  const out: Array<Arbitrary<BrokenValue>> = [];
  const add = (rule: string, arb: Arbitrary<unknown>) => out.push(arb.map((value) => ({ rule, value })));
  const types = allowedTypes(schema);
  if (types.length > 0)
    add(
      "type",
      anyJson.filter((v) => !types.includes(jsonTypeOf(v))),
    );
  const enumerated = listedValues(schema);
  const listed = enumerated ?? ("const" in schema ? [schema.const] : undefined);
  if (listed)
    add(
      enumerated ? "enum" : "const",
      anyText().filter((v) => !listed.includes(v)),
    );
  if (typeof schema.format === "string") add("format", anyText({ maxLength: 12 }));
  if (typeof schema.pattern === "string") {
    const pattern = new RegExp(schema.pattern, "u");
    add(
      "pattern",
      anyText().filter((v) => !pattern.test(v)),
    );
  }
  const minLength = num(schema.minLength);
  if (minLength !== undefined && minLength > 0) add("minLength", fc.string({ maxLength: minLength - 1 }));
  const maxLength = num(schema.maxLength);
  if (maxLength !== undefined) add("maxLength", fc.string({ minLength: maxLength + 1, maxLength: maxLength + 8 }));
  const { min, max } = integerBounds(schema);
  if (types.includes("integer") && min !== undefined) add("minimum", fc.integer({ min: min - 1000, max: min - 1 }));
  if (types.includes("integer") && max !== undefined) add("maximum", fc.integer({ min: max + 1, max: max + 1000 }));
  if (types.includes("array") && schema.items !== undefined) {
    const itemBreaks = brokenValueArbs(schema.items);
    if (itemBreaks.length > 0) {
      const good = fc.array(valueArb(schema.items), { maxLength: 3 });
      add(
        "items",
        fc.tuple(good, fc.oneof(...itemBreaks), fc.nat()).map(([items, bad, at]) => {
          const copy = [...items];
          copy.splice(at % (copy.length + 1), 0, bad.value);
          return copy;
        }),
      );
    }
  }
  return out;
}
