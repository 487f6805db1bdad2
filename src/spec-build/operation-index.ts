/**
 * The operation index: every operation of the spec with its parameters, request body and
 * documented responses, reduced to what the client, mock and checks need at run time. Codegen
 * writes it to `generated/operations.ts`, so nothing parses the spec at run time.
 */
import { isPlainObject, type Json, type JsonObject } from "../spec/json-pointer";
import { isJsonMediaType } from "../spec/media-type";
import {
  validatorName,
  type BodyObject,
  type LinkInfo,
  type OperationInfo,
  type ParameterInfo,
  type ResponseInfo,
} from "../spec/operation-info";
import { deref } from "../spec/deref";
import { operationSites } from "./walk";

/** Every operation that has an operationId, in document order (lint reports the others). */
export function buildOperationIndex(doc: JsonObject): OperationInfo[] {
  return operationSites(doc)
    .filter((site) => typeof site.op.operationId === "string")
    .map(({ path, method, op, item }) => {
      const operationId = op.operationId as string;
      const parameters = mergeParameters(doc, item.parameters, op.parameters);
      return {
        operationId,
        method: method.toUpperCase(),
        path,
        parameters: parameters.map((p) => p.info),
        queryValidator: parameters.some((p) => p.info.in === "query") ? validatorName.query(operationId) : null,
        requestBody: requestBodyInfo(doc, op.requestBody, operationId),
        responses: responsesInfo(doc, op.responses, operationId),
      };
    });
}

export interface ResolvedParameter {
  info: ParameterInfo;
  schema: Json;
}

/** Path-item parameters apply unless the operation redefines the same name and location. */
export function mergeParameters(
  doc: JsonObject,
  pathLevel: Json | undefined,
  opLevel: Json | undefined,
): ResolvedParameter[] {
  const byKey = new Map<string, ResolvedParameter>();
  for (const list of [pathLevel, opLevel]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const param = deref(doc, raw)?.node;
      if (!isPlainObject(param) || typeof param.name !== "string" || typeof param.in !== "string") continue;
      const schema = param.schema ?? {};
      const resolved = deref(doc, schema)?.node;
      const rawType = isPlainObject(resolved) ? resolved.type : undefined;
      const type = (Array.isArray(rawType) ? rawType.find((t) => t !== "null") : rawType) ?? "string";
      byKey.set(`${param.in}:${param.name}`, {
        info: {
          name: param.name,
          in: param.in as ParameterInfo["in"],
          required: param.required === true,
          type: (["string", "integer", "number", "boolean", "array"].includes(type as string)
            ? type
            : "string") as ParameterInfo["type"],
          ...(isPlainObject(resolved) && isScalar(resolved.default) ? { default: resolved.default } : {}),
          ...valueClassesOf(resolved),
        },
        schema,
      });
    }
  }
  return [...byKey.values()];
}

/** Enum (and boolean) values, else a number's bounds; nothing for free text. */
function valueClassesOf(schema: Json | undefined): Pick<ParameterInfo, "valueClasses"> {
  if (!isPlainObject(schema)) return {};
  if (Array.isArray(schema.enum)) return { valueClasses: schema.enum.filter(isScalar) };
  if (schema.type === "boolean") return { valueClasses: [true, false] };
  const bounds = [schema.minimum, schema.maximum].filter((b): b is number => typeof b === "number");
  return bounds.length > 0 ? { valueClasses: bounds } : {};
}

function isScalar(value: Json | undefined): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function requestBodyInfo(doc: JsonObject, raw: Json | undefined, operationId: string): OperationInfo["requestBody"] {
  const body = deref(doc, raw)?.node;
  if (!isPlainObject(body)) return null;
  const content = isPlainObject(body.content) ? body.content : {};
  const contentTypes = Object.keys(content);
  const hasJsonSchema = contentTypes.some(
    (t) => isJsonMediaType(t) && isPlainObject(content[t]) && "schema" in (content[t] as JsonObject),
  );
  return {
    required: body.required === true,
    contentTypes,
    validator: hasJsonSchema ? validatorName.request(operationId) : null,
  };
}

function responsesInfo(doc: JsonObject, raw: Json | undefined, operationId: string): Record<string, ResponseInfo> {
  const out: Record<string, ResponseInfo> = {};
  if (!isPlainObject(raw)) return out;
  for (const [status, rawResponse] of Object.entries(raw)) {
    const response = deref(doc, rawResponse)?.node;
    if (!isPlainObject(response)) continue;
    const content = isPlainObject(response.content) ? response.content : {};
    const contentTypes = Object.keys(content);
    const hasJsonSchema = contentTypes.some(
      (t) => isJsonMediaType(t) && isPlainObject(content[t]) && "schema" in (content[t] as JsonObject),
    );
    out[status] = {
      contentTypes,
      bodyValidator: hasJsonSchema ? validatorName.response(operationId, status) : null,
      headers: Object.entries(isPlainObject(response.headers) ? response.headers : {}).map(([name, raw]) => {
        const header = deref(doc, raw)?.node;
        const documented = isPlainObject(header) ? header : {};
        return {
          name,
          required: documented.required === true,
          validator: documented.schema === undefined ? null : validatorName.header(operationId, status, name),
        };
      }),
      links: linksOf(doc, response.links),
      objects: objectsOf(doc, jsonSchemaOf(content), ""),
    };
  }
  return out;
}

/** The links of a response, each by name; a link without an operationId is lint's to report. */
function linksOf(doc: JsonObject, raw: Json | undefined): LinkInfo[] {
  if (!isPlainObject(raw)) return [];
  return Object.entries(raw).flatMap(([name, rawLink]) => {
    const link = deref(doc, rawLink)?.node;
    if (!isPlainObject(link) || typeof link.operationId !== "string") return [];
    const parameters = isPlainObject(link.parameters)
      ? Object.fromEntries(
          Object.entries(link.parameters).filter((e): e is [string, string] => typeof e[1] === "string"),
        )
      : {};
    return [
      {
        name,
        operationId: link.operationId,
        parameters,
        requestUrl: typeof link["x-request-url"] === "string" ? link["x-request-url"] : null,
      },
    ];
  });
}

function jsonSchemaOf(content: JsonObject): Json | undefined {
  const type = Object.keys(content).find((t) => isJsonMediaType(t) && isPlainObject(content[t]));
  return type === undefined ? undefined : (content[type] as JsonObject).schema;
}

const COMPONENT_SCHEMA = /^#\/components\/schemas\/([^/]+)$/;

/**
 * The component-schema objects a body holds, walked from its schema: through `$ref`s (which name
 * them), `properties`, `items` and `allOf`. A schema met again on its own path ends the walk there.
 */
function objectsOf(doc: JsonObject, schema: Json | undefined, at: string, path: readonly string[] = []): BodyObject[] {
  if (!isPlainObject(schema)) return [];
  const ref = typeof schema.$ref === "string" ? COMPONENT_SCHEMA.exec(schema.$ref)?.[1] : undefined;
  if (ref !== undefined) {
    if (path.includes(ref)) return [];
    const target = deref(doc, schema)?.node;
    const own: BodyObject[] = isObjectSchema(doc, target) ? [{ at, schema: ref }] : [];
    return merge([...own, ...objectsOf(doc, target, at, [...path, ref])]);
  }
  const found: BodyObject[] = [];
  if (Array.isArray(schema.allOf)) for (const member of schema.allOf) found.push(...objectsOf(doc, member, at, path));
  if (isPlainObject(schema.properties)) {
    for (const [name, child] of Object.entries(schema.properties))
      found.push(...objectsOf(doc, child, `${at}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`, path));
  }
  if (isPlainObject(schema.items)) found.push(...objectsOf(doc, schema.items, `${at}/*`, path));
  return merge(found);
}

/** A schema with properties of its own or of an `allOf` member. */
function isObjectSchema(doc: JsonObject, schema: Json | undefined): boolean {
  if (!isPlainObject(schema)) return false;
  if (isPlainObject(schema.properties)) return true;
  return Array.isArray(schema.allOf) && schema.allOf.some((member) => isObjectSchema(doc, deref(doc, member)?.node));
}

/** One entry per place: the first schema named there (an `allOf` of a component and a refinement names the component). */
function merge(objects: BodyObject[]): BodyObject[] {
  const byPlace = new Map<string, BodyObject>();
  for (const o of objects) if (!byPlace.has(o.at)) byPlace.set(o.at, o);
  return [...byPlace.values()];
}
