/**
 * Talking to a real mock over HTTP in tests. Every exchange is recorded in the shape the check
 * catalogue reads, and a client made with `checkSpec` runs `checkResponse` on each one as it
 * happens, so a test fails on the very request whose answer breaks the spec.
 */
import { checkResponse, type Finding, type HttpExchange } from "../../src/checks";
import { API_BASE_PATH, type MockServer } from "../../src/mock";
import { basicAuthHeader } from "../../src/redact";
import { matchOperation } from "../../src/spec";

export interface Reply {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The parsed body; undefined when the body is empty or not JSON. */
  json: any;
}

export interface CallOptions {
  /** A JSON value to send, or raw text with `raw: true`. */
  body?: unknown;
  raw?: boolean;
  /** Defaults to the mock's credentials; null sends none; a string is sent as the header. */
  authorization?: string | null;
  contentType?: string | null;
}

export interface MockClient {
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  exchanges: HttpExchange[];
}

/**
 * Answers the spec cannot judge: unknown routes and 405s have no operation, and 413 is the one
 * status the mock sends on purpose without the spec documenting it (see src/mock/http.ts).
 */
export function isOutsideSpec(exchange: Pick<HttpExchange, "status"> & { operationId?: string }): boolean {
  return exchange.operationId === undefined || exchange.status === 413;
}

export function mockClient(mock: MockServer, { checkSpec }: { checkSpec: boolean }): MockClient {
  const valid = basicAuthHeader(mock.credentials.projectId, mock.credentials.apiToken);
  const exchanges: HttpExchange[] = [];
  return {
    exchanges,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = {};
      const authorization = options.authorization === undefined ? valid : options.authorization;
      if (authorization !== null) headers.authorization = authorization;
      const hasBody = options.body !== undefined;
      const contentType =
        options.contentType === undefined ? (hasBody ? "application/json" : null) : options.contentType;
      if (contentType !== null) headers["content-type"] = contentType;
      const url = path.startsWith("http") ? path : mock.url + path;
      const response = await fetch(url, {
        method,
        headers,
        // Bytes rather than a string, so fetch adds no content type of its own.
        body: hasBody
          ? new TextEncoder().encode(options.raw ? String(options.body) : JSON.stringify(options.body))
          : undefined,
      });
      const text = await response.text();
      const replyHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => (replyHeaders[name] = value));
      const reply: Reply = { status: response.status, headers: replyHeaders, text, json: parse(text) };
      const exchange = toExchange(method, url, options.body, reply);
      if (exchange) {
        exchanges.push(exchange);
        if (checkSpec && !isOutsideSpec(exchange))
          expectNoFindings(checkResponse(exchange), `${method} ${path} → ${reply.status}`);
      }
      return reply;
    },
  };
}

function toExchange(method: string, url: string, requestBody: unknown, reply: Reply): HttpExchange | undefined {
  const path = new URL(url).pathname;
  if (!path.startsWith(API_BASE_PATH)) return undefined;
  const match = matchOperation(method, path.slice(API_BASE_PATH.length));
  if (!("operationId" in match)) return undefined;
  return {
    operationId: match.operationId,
    method,
    url,
    requestBody,
    status: reply.status,
    headers: reply.headers,
    bodyText: reply.text,
  };
}

function parse(text: string): unknown {
  try {
    return text === "" ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function expectNoFindings(findings: Finding[], what: string): void {
  if (findings.length > 0)
    throw new Error(
      `${what} breaks the spec:\n${findings.map((f) => `  ${f.check} ${f.pointer}: ${f.message}`).join("\n")}`,
    );
}

/** A well-formed create request with a unique username. */
export function newEndpointRequest(username: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { username, password: "correct-horse-battery", ...extra };
}
