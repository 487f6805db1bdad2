/**
 * Turns the spec into one JSON Schema 2020-12 document that a validator compiles: the component
 * schemas plus one entry per operation body, response body and query string. A second, "strict"
 * copy seals every object against keys the spec does not describe; that copy is what finds
 * undocumented fields without anyone editing the spec.
 */
import { isPlainObject, type Json, type JsonObject } from "../spec/json-pointer";
import { isJsonMediaType } from "../spec/media-type";
import { validatorName } from "../spec/operation-info";
import { deref } from "../spec/deref";
import { mergeParameters } from "./operation-index";
import { operationSites } from "./walk";

export const SCHEMA_ID = "urn:sip-endpoints:schemas";
const STRICT_SCHEMA_ID = "urn:sip-endpoints:schemas:strict";

export interface SchemaDefs {
  /** The document with every schema under `$defs`; refs point inside it. */
  document: JsonObject;
  /** Names of the `$defs` entries that are validators (operation bodies, responses, queries). */
  validatorNames: string[];
  /** Names of the component schemas (`#/components/schemas/*`), each also under `$defs`. */
  componentNames: string[];
}

const COMPONENT_REF = "#/components/schemas/";

/** Points `#/components/schemas/X` refs at `#/$defs/X` and drops `x-` extension keys. */
export function rewriteRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!isPlainObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string" && value.startsWith(COMPONENT_REF)) {
      out[key] = "#/$defs/" + value.slice(COMPONENT_REF.length);
    } else if (key.startsWith("x-")) {
      continue;
    } else {
      out[key] = rewriteRefs(value);
    }
  }
  return out;
}

function jsonSchemaOf(rawContent: Json | undefined): Json | undefined {
  const content = isPlainObject(rawContent) ? rawContent : {};
  for (const [type, media] of Object.entries(content)) {
    if (isJsonMediaType(type) && isPlainObject(media) && media.schema !== undefined) return media.schema;
  }
  return undefined;
}

export function buildSchemaDefs(doc: JsonObject): SchemaDefs {
  const defs: JsonObject = {};
  const components =
    isPlainObject(doc.components) && isPlainObject(doc.components.schemas) ? doc.components.schemas : {};
  for (const [name, schema] of Object.entries(components)) defs[name] = rewriteRefs(schema);

  const validatorNames: string[] = [];
  const add = (name: string, schema: Json) => {
    defs[name] = rewriteRefs(schema);
    validatorNames.push(name);
  };
  for (const { op, item } of operationSites(doc)) {
    if (typeof op.operationId !== "string") continue;
    const id = op.operationId;

    const query = mergeParameters(doc, item.parameters, op.parameters).filter((p) => p.info.in === "query");
    if (query.length > 0) {
      const rules = isPlainObject(op["x-query-rules"]) ? op["x-query-rules"] : {};
      const { description: _ignored, ...ruleSchema } = rules;
      add(validatorName.query(id), {
        type: "object",
        properties: Object.fromEntries(query.map((p) => [p.info.name, p.schema])),
        required: query.filter((p) => p.info.required).map((p) => p.info.name),
        ...ruleSchema,
      });
    }
    const body = deref(doc, op.requestBody)?.node;
    const bodySchema = isPlainObject(body) ? jsonSchemaOf(body.content) : undefined;
    if (bodySchema !== undefined) add(validatorName.request(id), bodySchema);

    const responses = isPlainObject(op.responses) ? op.responses : {};
    for (const [status, rawResponse] of Object.entries(responses)) {
      const response = deref(doc, rawResponse)?.node;
      const schema = isPlainObject(response) ? jsonSchemaOf(response.content) : undefined;
      if (schema !== undefined) add(validatorName.response(id, status), schema);
      const headers = isPlainObject(response) && isPlainObject(response.headers) ? response.headers : {};
      for (const [name, raw] of Object.entries(headers)) {
        const header = deref(doc, raw)?.node;
        if (isPlainObject(header) && header.schema !== undefined)
          add(validatorName.header(id, status, name), header.schema);
      }
    }
  }
  return { document: { $id: SCHEMA_ID, $defs: defs }, validatorNames, componentNames: Object.keys(components) };
}

/**
 * A copy in which every object schema that lists its properties refuses all others. Uses
 * `unevaluatedProperties` so that properties contributed through `allOf` still count as known.
 */
function sealObjects(node: Json): Json {
  if (Array.isArray(node)) return node.map(sealObjects);
  if (!isPlainObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    // Literal values (examples, enums, defaults) are data, not schemas; `if` and `not` are
    // conditions, and sealing them would change what they match.
    out[key] = ["examples", "enum", "const", "default", "if", "not"].includes(key) ? value : sealObjects(value);
  }
  if (isPlainObject(node.properties) && !("additionalProperties" in node) && !("unevaluatedProperties" in node)) {
    out.unevaluatedProperties = false;
  }
  return out;
}

/**
 * Every validator by its name (see `validatorName`), as the `$ref` of the schema it compiles: lax
 * and strict for response bodies, lax for requests, queries and headers (the caller shapes a
 * request, and a header is a string), and both for each component schema on its own.
 */
export function validatorRefs(defs: SchemaDefs): Record<string, string> {
  const refs: Record<string, string> = {};
  for (const name of defs.validatorNames) {
    refs[name] = `${SCHEMA_ID}#/$defs/${name}`;
    if (!name.endsWith("_request") && !name.endsWith("_query") && !name.includes("_header_"))
      refs[validatorName.strict(name)] = `${STRICT_SCHEMA_ID}#/$defs/${name}`;
  }
  for (const schemaName of defs.componentNames) {
    const name = validatorName.component(schemaName);
    refs[name] = `${SCHEMA_ID}#/$defs/${schemaName}`;
    refs[validatorName.strict(name)] = `${STRICT_SCHEMA_ID}#/$defs/${schemaName}`;
  }
  return refs;
}

export function buildStrictDocument(defs: SchemaDefs): JsonObject {
  const sealed = sealObjects(defs.document) as JsonObject;
  return { ...sealed, $id: STRICT_SCHEMA_ID };
}
