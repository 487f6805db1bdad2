/**
 * The operation index: every operation of the spec with its parameters, request body and
 * documented responses, reduced to what the client, mock and checks need at run time. Codegen
 * writes it to `generated/operations.ts`, so nothing parses the spec at run time.
 */
import { isPlainObject, type Json, type JsonObject } from "../spec/json-pointer";
import { isJsonMediaType } from "../spec/media-type";
import { validatorName, type OperationInfo, type ParameterInfo, type ResponseInfo } from "../spec/operation-info";
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
          ...(isPlainObject(resolved) && isScalar(resolved.default) ? { default: resolved.default } : {}),
        },
        schema,
      });
    }
  }
  return [...byKey.values()];
}

function isScalar(value: Json | undefined): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
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
      headers: Object.entries(isPlainObject(response.headers) ? response.headers : {}).map(([name, raw]) => {
        const header = deref(doc, raw)?.node;
        const documented = isPlainObject(header) ? header : {};
        return { name, required: documented.required === true, validator: documented.schema === undefined ? null : validatorName.header(operationId, status, name) };
      }),
    };
  }
  return out;
}
