/**
 * The operation index: every operation of the spec with its parameters, request body and
 * documented responses, reduced to what the client, mock and checks need at run time. Codegen
 * writes it to `generated/operations.ts`, so nothing parses the spec at run time.
 */
import { deref, isPlainObject, type Json, type JsonObject } from "./document";

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

export interface ParameterInfo {
  name: string;
  in: "query" | "path" | "header" | "cookie";
  required: boolean;
  /** The JSON type a raw string value is coerced to before validation. */
  type: "string" | "integer" | "number" | "boolean" | "array";
}

export interface ResponseInfo {
  readonly contentTypes: readonly string[];
  /** Validator name of the JSON body, when the response documents one. */
  readonly bodyValidator: string | null;
  readonly headers: readonly string[];
}

export interface OperationInfo {
  operationId: string;
  method: string;
  path: string;
  parameters: ParameterInfo[];
  queryValidator: string | null;
  requestBody: { required: boolean; contentTypes: readonly string[]; validator: string | null } | null;
  responses: Record<string, ResponseInfo>;
}

/** Validator names are identifiers, so they double as export names of `generated/validators.js`. */
export const validatorName = {
  response: (operationId: string, status: string) => `${operationId}_${status}`,
  request: (operationId: string) => `${operationId}_request`,
  query: (operationId: string) => `${operationId}_query`,
  strict: (name: string) => `strict_${name}`,
};

/** The media type of a Content-Type value, without parameters, lower-cased ("" when absent). */
export function mediaTypeOf(contentType: string | null | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

export function isJsonMediaType(type: string): boolean {
  return /^application\/(?:[\w.+-]+\+)?json$/.test(mediaTypeOf(type));
}

/** Walks `paths` in document order; entries without an operationId are skipped (lint reports them). */
export function buildOperationIndex(doc: JsonObject): OperationInfo[] {
  const result: OperationInfo[] = [];
  const paths = isPlainObject(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref(doc, rawItem)?.node;
    if (!isPlainObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isPlainObject(op) || typeof op.operationId !== "string") continue;
      const operationId = op.operationId;
      const parameters = mergeParameters(doc, item.parameters, op.parameters);
      const query = parameters.filter((p) => p.info.in === "query");
      result.push({
        operationId,
        method: method.toUpperCase(),
        path,
        parameters: parameters.map((p) => p.info),
        queryValidator: query.length > 0 ? validatorName.query(operationId) : null,
        requestBody: requestBodyInfo(doc, op.requestBody, operationId),
        responses: responsesInfo(doc, op.responses, operationId),
      });
    }
  }
  return result;
}

export interface ResolvedParameter {
  info: ParameterInfo;
  schema: Json;
}

/** Path-item parameters apply unless the operation redefines the same name and location. */
export function mergeParameters(doc: JsonObject, pathLevel: Json | undefined, opLevel: Json | undefined): ResolvedParameter[] {
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
          type: (["string", "integer", "number", "boolean", "array"].includes(type as string) ? type : "string") as ParameterInfo["type"],
        },
        schema,
      });
    }
  }
  return [...byKey.values()];
}

function requestBodyInfo(doc: JsonObject, raw: Json | undefined, operationId: string): OperationInfo["requestBody"] {
  const body = deref(doc, raw)?.node;
  if (!isPlainObject(body)) return null;
  const content = isPlainObject(body.content) ? body.content : {};
  const contentTypes = Object.keys(content);
  const hasJsonSchema = contentTypes.some((t) => isJsonMediaType(t) && isPlainObject(content[t]) && "schema" in (content[t] as JsonObject));
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
    const hasJsonSchema = contentTypes.some((t) => isJsonMediaType(t) && isPlainObject(content[t]) && "schema" in (content[t] as JsonObject));
    out[status] = {
      contentTypes,
      bodyValidator: hasJsonSchema ? validatorName.response(operationId, status) : null,
      headers: isPlainObject(response.headers) ? Object.keys(response.headers) : [],
    };
  }
  return out;
}
