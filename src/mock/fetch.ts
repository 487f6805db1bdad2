/**
 * The mock as a `fetch` function: a WHATWG `Request` turned into a `MockRequest`, the answer into
 * a `Response`. What the HTTP layer does for the server (base path, body limit, serialisation),
 * done here for calls that never leave the process.
 */
import { decodeBody } from "../utf8-text";
import { MAX_BODY_BYTES } from "./http";
import { plainError } from "./responses";
import { createSerializer } from "./serialize";
import type { MockRequest, MockResponse } from "./types";

const JSON_TYPE = "application/json; charset=utf-8";

/** The request as the core reads it, or the answer when the HTTP layer would give one itself. */
export async function mockRequestOf(request: Request, basePath: string): Promise<MockRequest | MockResponse> {
  const url = new URL(request.url);
  if (!url.pathname.startsWith(`${basePath}/`)) return plainError(404);
  const bytes = request.body === null ? new Uint8Array(0) : new Uint8Array(await request.arrayBuffer());
  if (bytes.length > MAX_BODY_BYTES) return plainError(413);
  const headers: Record<string, string> = { host: url.host };
  request.headers.forEach((value, name) => (headers[name] = value));
  return {
    method: request.method,
    path: url.pathname.slice(basePath.length),
    query: url.search.slice(1),
    authorization: headers.authorization,
    contentType: headers["content-type"],
    headers,
    bodyText: bytes.length === 0 ? "" : decodeBody(bytes),
  };
}

export function isMockRequest(value: MockRequest | MockResponse): value is MockRequest {
  return "method" in value;
}

const serialize = createSerializer();

/** Statuses whose `Response` cannot have a body. */
const NULL_BODY = new Set([204, 205, 304]);

export function responseOf(answer: MockResponse): Response {
  const { status, body, text } = answer;
  const headers: Record<string, string> = { ...answer.headers };
  if (NULL_BODY.has(status)) return new Response(null, { status, headers });
  if (text !== undefined) return new Response(text, { status, headers });
  if (body === undefined) return new Response(null, { status, headers });
  headers["content-type"] ??= JSON_TYPE;
  return new Response(new Uint8Array(serialize(body)), { status, headers });
}
