/**
 * `send`: a request described by operation id, for probing the API. Whatever status, body or
 * content type comes back is returned as data (scrubbed of secrets); only transport failures throw.
 * It is built by openapi-fetch like every other request, so middleware sees it too.
 */
import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/openapi";
import { operations } from "../spec";
import { ArgumentError } from "./errors";
import { observedExchange } from "./exchange";
import { operationOf, type Call, type Pipeline } from "./pipeline";
import type { ClientExchange, SendRequest } from "./types";

type Method = "get" | "post" | "put" | "delete";

/** Any operation of any path, for requests the caller shapes freely (openapi-fetch's `paths` shape). */
interface AnyOperation {
  parameters: { path?: Record<string, string>; query?: Record<string, unknown> };
  requestBody?: { content: { "application/json": unknown } };
  responses: Record<number, { content: { "application/json": unknown } }>;
}

export function createSend(raw: Client<paths>, pipeline: Pipeline) {
  /**
   * Sends one request for `operationId` through the client's transport (auth, retries, limits,
   * observation) and returns the final exchange. Never throws for an HTTP status.
   */
  return async function send(request: SendRequest): Promise<ClientExchange> {
    const operationId = operationOf(String(request.operationId));
    const op = operations[operationId];
    const path = op.path.includes("{id}") ? { id: pathSegment(request.params?.id, "id") } : undefined;
    const { search, bodyText } = request;
    if (search !== undefined && request.query !== undefined)
      throw new ArgumentError("give either query or search, not both");
    if (search !== undefined && !/^(\?[^#]*)?$/.test(search))
      throw new ArgumentError(
        `search ${JSON.stringify(search.slice(0, 200))} must be empty or start with "?" and hold no fragment`,
      );
    const call: Call = { auth: request.auth ?? "default", signal: request.signal, judged: false };
    const open = pipeline.open(call);
    // Any operation, any body: `send` probes the API, so its path and body are the spec's only as far as the caller chose.
    const untyped = raw as unknown as Client<Record<string, Record<Method, AnyOperation>>>;
    const result = await untyped.request(op.method.toLowerCase() as Method, op.path, {
      params: { path, query: request.query },
      headers: request.headers,
      body: bodyText ?? request.body,
      bodySerializer: bodyText !== undefined ? () => bodyText : serialize,
      querySerializer: search !== undefined ? () => search : undefined,
      ...open.init,
    });
    const { exchange, secrets } = (await pipeline.receive(operationId, result, open)).performed;
    return observedExchange(exchange, secrets);
  };
}

/**
 * A path parameter that cannot leave its segment: not empty (which would turn a retrieve into a
 * list) and not a dot segment (which URL resolution would turn into a step up the path).
 */
export function pathSegment(value: unknown, name = "id"): string {
  if (typeof value !== "string" || value === "")
    throw new ArgumentError(`path parameter ${name} must be a non-empty string`);
  if (value === "." || value === "..") throw new ArgumentError(`path parameter ${name} must not be "${value}"`);
  return value;
}

function serialize(body: unknown): string {
  try {
    return JSON.stringify(body);
  } catch (error) {
    throw new ArgumentError(`body cannot be sent as JSON: ${(error as Error).message}`, { cause: error });
  }
}
