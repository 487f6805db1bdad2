/**
 * The `fetch` openapi-fetch is given: it hands each request to the transport, so `raw` calls get
 * the same auth, retries, limits, observation and validation as the typed methods.
 */
import { matchOperation, type OperationId } from "../spec";
import { withBufferedBody } from "./body";
import { ArgumentError } from "./errors";
import type { Transport } from "./transport";
import type { Judge, Received } from "./validation";

/**
 * What openapi-fetch builds for the typed methods instead of a WHATWG `Request` (a real one costs
 * more to construct than the rest of the client's per-request work together). Only the fields
 * the adapter reads are kept. `raw` still builds real `Request`s, so its middleware works as usual.
 */
export class LiteRequest {
  /** Set by the typed methods (through openapi-fetch's init), so no path matching is needed. */
  readonly operationId: OperationId | undefined;
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly bodyText: string | undefined;
  readonly signal: AbortSignal | null;

  constructor(url: string, init: RequestInit & { operationId?: OperationId }) {
    this.operationId = init.operationId;
    this.url = url;
    this.method = init.method ?? "GET";
    this.headers = init.headers as Headers;
    this.bodyText = typeof init.body === "string" ? init.body : undefined;
    this.signal = init.signal ?? null;
  }
}

const NO_HEADERS = { get: () => null };

/**
 * What the adapter answers a typed method's request with. The typed methods read the receipt
 * (exchange, findings, body parsed once), so openapi-fetch is handed a body-less 204 look-alike
 * and skips its own parsing.
 */
export class ReceiptResponse {
  readonly status = 204;
  readonly ok = true;
  readonly headers = NO_HEADERS;
  constructor(readonly receipt: Received) {}
}

export function createFetchAdapter(baseUrl: string, transport: Transport, judge: Judge) {
  return async function adapterFetch(input: Request | LiteRequest): Promise<Response> {
    const lite = input instanceof LiteRequest;
    const method = input.method.toUpperCase();
    const url = input.url;
    const bodyText = lite ? input.bodyText : input.body === null ? undefined : await input.text();
    const headers: Record<string, string> = {};
    input.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const performed = await transport({
      operationId: (lite && input.operationId) || operationOf(baseUrl, method, url),
      method,
      url,
      bodyText,
      requestBody: bodyText === undefined ? undefined : parseOrKeep(bodyText),
      headers,
      signal: input.signal,
    });
    const receipt = await judge(performed);
    return lite ? (new ReceiptResponse(receipt) as unknown as Response) : withBufferedBody(performed.response, performed.exchange.bodyText);
  };
}

function operationOf(baseUrl: string, method: string, url: string): OperationId {
  const rest = url.startsWith(baseUrl) ? url.slice(baseUrl.length) : new URL(url).pathname;
  const path = rest.split(/[?#]/, 1)[0] ?? "";
  const match = matchOperation(method, path);
  if ("operationId" in match) return match.operationId;
  throw new ArgumentError(`no operation of the spec is ${method} ${path}`);
}

function parseOrKeep(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
