/**
 * Finds every example in the document and the schema that judges it: media-type, parameter and
 * header `example`/`examples` (including the components/examples they reference) are judged by
 * the schema beside them; a schema's own `examples`/`example` by that schema.
 */
import { at, isPlainObject, pointer, type Json, type JsonObject } from "../spec/json-pointer";
import { deref } from "../spec/deref";
import { operationSites } from "../spec-build/walk";

interface ExampleSite {
  data: Json;
  /** Where the example data is written. */
  dataPointer: string;
  /** Where the schema that judges it is written (a subschema pointer for schema-level examples). */
  schemaPointer: string;
}

export interface ExampleInventory {
  sites: ExampleSite[];
  /** Inline schemas (beside examples, outside components/schemas) by the pointer they are written at. */
  inlineSchemas: Map<string, Json>;
  /** Examples that no schema covers: unused components/examples, or examples with no schema beside them. */
  unchecked: Array<{ pointer: string; reason: string }>;
}

const SUBSCHEMA_ONE = [
  "items",
  "not",
  "if",
  "then",
  "else",
  "additionalProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "contains",
  "propertyNames",
  "contentSchema",
];
const SUBSCHEMA_LIST = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SUBSCHEMA_MAP = ["properties", "patternProperties", "$defs", "dependentSchemas"];

function schemaLevelSites(node: Json, at: string, sites: ExampleSite[]): void {
  if (!isPlainObject(node)) return;
  if (Array.isArray(node.examples))
    node.examples.forEach((data, i) => sites.push({ data, dataPointer: `${at}/examples/${i}`, schemaPointer: at }));
  if (node.example !== undefined) sites.push({ data: node.example, dataPointer: `${at}/example`, schemaPointer: at });
  for (const key of SUBSCHEMA_ONE) if (node[key] !== undefined) schemaLevelSites(node[key], `${at}/${key}`, sites);
  for (const key of SUBSCHEMA_LIST) {
    const list = node[key];
    if (Array.isArray(list)) list.forEach((s, i) => schemaLevelSites(s, `${at}/${key}/${i}`, sites));
  }
  for (const key of SUBSCHEMA_MAP) {
    const map = node[key];
    if (isPlainObject(map))
      for (const [name, s] of Object.entries(map)) schemaLevelSites(s, `${at}/${key}${pointer(name)}`, sites);
  }
}

/**
 * How an object found in the document relates to examples: a `carrier` (media type, parameter,
 * header) has its own schema and examples; a `body` only carries media types; a `response`
 * carries media types and headers.
 */
type Kind = "carrier" | "body" | "response";

/** Media types, parameters and headers by the pointer they are written at. */
function exampleHolders(doc: JsonObject): Map<string, JsonObject> {
  const holders = new Map<string, JsonObject>();
  const add = (raw: Json | undefined, where: string, kind: Kind) => {
    const found = deref(doc, raw, where);
    if (!found || !isPlainObject(found.node)) return;
    const node = found.node;
    if (kind === "carrier") holders.set(found.pointer, node);
    if (isPlainObject(node.content))
      for (const type of Object.keys(node.content))
        add(node.content[type], `${found.pointer}/content${pointer(type)}`, "carrier");
    if (kind === "response" && isPlainObject(node.headers))
      for (const [name, h] of Object.entries(node.headers))
        add(h, `${found.pointer}/headers${pointer(name)}`, "carrier");
  };
  const each = (container: Json | undefined, where: string, kind: Kind) => {
    if (Array.isArray(container)) container.forEach((v, i) => add(v, `${where}/${i}`, kind));
    else if (isPlainObject(container))
      for (const [k, v] of Object.entries(container)) add(v, `${where}${pointer(k)}`, kind);
  };
  const components = isPlainObject(doc.components) ? doc.components : {};
  each(components.requestBodies, "/components/requestBodies", "body");
  each(components.responses, "/components/responses", "response");
  each(components.parameters, "/components/parameters", "carrier");
  each(components.headers, "/components/headers", "carrier");
  for (const site of operationSites(doc)) {
    add(site.op.requestBody, `${site.pointer}/requestBody`, "body");
    each(site.op.responses, `${site.pointer}/responses`, "response");
    each(site.op.parameters, `${site.pointer}/parameters`, "carrier");
    each(site.item.parameters, `${site.itemPointer}/parameters`, "carrier");
  }
  return holders;
}

export function findExamples(doc: JsonObject): ExampleInventory {
  const sites: ExampleSite[] = [];
  const inlineSchemas = new Map<string, Json>();
  const unchecked: ExampleInventory["unchecked"] = [];
  const usedComponentExamples = new Set<string>();

  for (const [where, holder] of exampleHolders(doc)) {
    const schemaPointer = `${where}/schema`;
    const hasSchema = holder.schema !== undefined;
    if (hasSchema) {
      inlineSchemas.set(schemaPointer, holder.schema!);
      schemaLevelSites(holder.schema!, schemaPointer, sites);
    }
    const found: Array<{ data: Json; dataPointer: string }> = [];
    if (holder.example !== undefined) found.push({ data: holder.example, dataPointer: `${where}/example` });
    if (isPlainObject(holder.examples)) {
      for (const [name, raw] of Object.entries(holder.examples)) {
        const example = deref(doc, raw, `${where}/examples${pointer(name)}`);
        if (!example || !isPlainObject(example.node)) continue;
        usedComponentExamples.add(example.pointer);
        if (example.node.value !== undefined)
          found.push({ data: example.node.value, dataPointer: `${example.pointer}/value` });
      }
    }
    for (const f of found) {
      if (hasSchema) sites.push({ ...f, schemaPointer });
      else unchecked.push({ pointer: f.dataPointer, reason: "has no schema beside it to be checked against" });
    }
  }

  const schemas = at(doc, "/components/schemas");
  if (isPlainObject(schemas))
    for (const name of Object.keys(schemas))
      schemaLevelSites(schemas[name]!, `/components/schemas${pointer(name)}`, sites);

  const examples = at(doc, "/components/examples");
  if (isPlainObject(examples)) {
    for (const name of Object.keys(examples)) {
      const where = `/components/examples${pointer(name)}`;
      if (!usedComponentExamples.has(where))
        unchecked.push({
          pointer: where,
          reason: "is not used by any media type, parameter or header, so no schema checks it",
        });
    }
  }
  const seen = new Set<string>();
  const unique = sites.filter((s) => {
    const key = `${s.dataPointer}\n${s.schemaPointer}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
  return { sites: unique, inlineSchemas, unchecked };
}
