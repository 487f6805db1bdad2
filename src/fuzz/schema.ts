/**
 * The schemas the fuzzer generates from: exactly the ones the generated validators were compiled
 * from (`buildSchemaDefs` over `generated/openapi.json`), looked up by validator name. Nothing
 * here names a field, an enum value or a bound; all of that is read from the spec.
 */
import spec from "../../generated/openapi.json";
import { isPlainObject, type Json, type JsonObject } from "../spec/json-pointer";
import { buildSchemaDefs } from "../spec-build/schema-defs";

/** A spec shape the generators do not understand; fails loudly instead of generating wrong data. */
export class FuzzSpecError extends Error {
  override name = "FuzzSpecError";
}

const defs = buildSchemaDefs(spec as unknown as JsonObject).document.$defs as JsonObject;

/** Follows `#/$defs/…` references (the only kind `buildSchemaDefs` leaves). */
export function resolve(schema: Json | undefined): JsonObject {
  let node = schema;
  for (let hops = 0; isPlainObject(node) && typeof node.$ref === "string"; hops++) {
    const name = node.$ref.replace(/^#\/\$defs\//, "");
    if (hops > 16 || !(name in defs)) throw new FuzzSpecError(`cannot resolve ${node.$ref}`);
    node = defs[name];
  }
  if (!isPlainObject(node)) throw new FuzzSpecError("a schema must be an object");
  return node;
}

/** The schema a named validator checks (`create_sip_endpoint_request`, `list_sip_endpoints_query`…). */
export function validatorSchema(name: string): JsonObject {
  if (!(name in defs)) throw new FuzzSpecError(`no schema for validator ${name}`);
  return resolve(defs[name]);
}

/** An object schema with its `allOf` branches merged: the properties a value may have and those it must. */
export interface ObjectShape {
  properties: Record<string, JsonObject>;
  required: string[];
}

export function objectShape(schema: JsonObject): ObjectShape {
  const shape: ObjectShape = { properties: {}, required: [] };
  const visit = (node: JsonObject) => {
    if (isPlainObject(node.properties)) {
      for (const [name, sub] of Object.entries(node.properties)) shape.properties[name] = resolve(sub);
    }
    if (Array.isArray(node.required))
      for (const name of node.required) if (!shape.required.includes(String(name))) shape.required.push(String(name));
    // Conditions (`if`/`then`) only add `required`; the repair step in the generators honours them.
    if (Array.isArray(node.allOf)) for (const branch of node.allOf) visit(resolve(branch));
  };
  visit(schema);
  return shape;
}

/** The JSON types a schema allows (`type: [string, "null"]` → both); empty when it does not say. */
export function allowedTypes(schema: JsonObject): string[] {
  const type = schema.type;
  const types = Array.isArray(type) ? type.map(String) : typeof type === "string" ? [type] : [];
  // An integer is also a number in JSON Schema; a number schema accepts integers.
  return types.includes("number") ? [...types, "integer"] : types;
}

/**
 * The values a schema lists: its own `enum`, or that of a schema it narrows through `allOf`
 * (`type: string` over a nullable enum), keeping only the values of the types it allows.
 */
export function listedValues(schema: JsonObject): Json[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  const types = allowedTypes(schema);
  for (const member of Array.isArray(schema.allOf) ? schema.allOf : []) {
    const values = listedValues(resolve(member));
    if (values)
      return types.length === 0
        ? values
        : values.filter((v) =>
            types.includes(
              v === null
                ? "null"
                : Array.isArray(v)
                  ? "array"
                  : typeof v === "number" && Number.isInteger(v)
                    ? "integer"
                    : typeof v,
            ),
          );
  }
  return undefined;
}
