/**
 * `send`: a request described by operation id, for probing the API. Whatever status, body or
 * content type comes back is returned as data (scrubbed of secrets); only transport failures throw.
 * It is built by openapi-fetch like every other request, so middleware sees it too.
 */
import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/openapi";
import { operations } from "../spec";
import type { Bridge } from "./bridge";
import { ArgumentError } from "./errors";
import { observedExchange } from "./exchange";
import type { ClientExchange, SendRequest } from "./types";

export function createSend(raw: Client<paths>, bridge: Bridge) {
  /**
   * Sends one request for `operationId` through the client's transport (auth, retries, limits,
   * observation) and returns the final exchange. Never throws for an HTTP status.
   */
  return async function send(request: SendRequest): Promise<ClientExchange> {
    const op = Object.prototype.hasOwnProperty.call(operations, request.operationId) ? operations[request.operationId] : undefined;
    if (!op) throw new ArgumentError(`unknown operationId ${JSON.stringify(String(request.operationId))}`);
    const path = op.path.includes("{id}") ? { id: pathSegment(request.params?.id, "id") } : undefined;
    const { search, bodyText } = request;
    if (search !== undefined && request.query !== undefined) throw new ArgumentError("give either query or search, not both");
    if (search !== undefined && !/^(\?[^#]*)?$/.test(search)) throw new ArgumentError(`search ${JSON.stringify(search.slice(0, 200))} must be empty or start with "?" and hold no fragment`);
    const call = bridge.open({ operationId: request.operationId, requestBody: request.body ?? bodyText, auth: request.auth ?? "default", signal: request.signal, judged: false });
    const result = await raw.request(op.method.toLowerCase() as "get", op.path as "/endpoints/sip", {
      params: { path, query: request.query },
      headers: request.headers,
      body: bodyText ?? request.body,
      bodySerializer: bodyText !== undefined ? () => bodyText : serialize,
      querySerializer: search !== undefined ? () => search : undefined,
      parseAs: "stream",
      fetch: call.fetch,
    } as never);
    const { exchange, secrets } = (await call.receipt(result)).performed;
    return observedExchange(exchange, secrets);
  };
}

/**
 * A path parameter that cannot leave its segment: not empty (which would turn a retrieve into a
 * list) and not a dot segment (which URL resolution would turn into a step up the path).
 */
export function pathSegment(value: unknown, name = "id"): string {
  if (typeof value !== "string" || value === "") throw new ArgumentError(`path parameter ${name} must be a non-empty string`);
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
