/**
 * `send`: a request described by operation id, for probing the API. Whatever status, body or
 * content type comes back is returned as data (scrubbed of secrets); only transport failures throw.
 */
import { operations, type OperationId } from "../spec";
import { ArgumentError } from "./errors";
import { observedExchange } from "./exchange";
import type { Transport } from "./transport";
import type { ClientExchange, SendRequest } from "./types";

export function createSend(baseUrl: string, transport: Transport) {
  /**
   * Sends one request for `operationId` through the client's transport (auth, retries, limits,
   * observation) and returns the final exchange. Never throws for an HTTP status.
   */
  return async function send(request: SendRequest): Promise<ClientExchange> {
    const op = Object.prototype.hasOwnProperty.call(operations, request.operationId) ? operations[request.operationId] : undefined;
    if (!op) throw new ArgumentError(`unknown operationId ${JSON.stringify(String(request.operationId))}`);
    const url = request.url !== undefined ? resolveUrl(baseUrl, request.url) : buildUrl(baseUrl, request.operationId, request);
    const performed = await transport({
      operationId: request.operationId,
      method: op.method,
      url,
      bodyText: request.bodyText ?? serialize(request.body),
      requestBody: request.body ?? request.bodyText,
      headers: lowerCaseKeys(request.headers),
      auth: request.auth ?? "default",
      signal: request.signal,
    });
    return observedExchange(performed.exchange, performed.secrets);
  };
}

/** Relative URLs resolve against the base URL as a directory (`endpoints/sip` → `<base>/endpoints/sip`). */
function resolveUrl(baseUrl: string, url: string): string {
  try {
    return new URL(url, `${baseUrl}/`).href;
  } catch {
    throw new ArgumentError(`url ${JSON.stringify(url.slice(0, 200))} is not a URL`);
  }
}

function buildUrl(baseUrl: string, operationId: OperationId, request: SendRequest): string {
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  const path = operations[operationId].path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(pathSegment(params[name], name)));
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query ?? {})) query.append(name, String(value));
  const search = query.toString();
  return `${baseUrl}${path}${search ? `?${search}` : ""}`;
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

function serialize(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  try {
    return JSON.stringify(body);
  } catch (error) {
    throw new ArgumentError(`body cannot be sent as JSON: ${(error as Error).message}`, { cause: error });
  }
}

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}
