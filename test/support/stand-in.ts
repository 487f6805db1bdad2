/**
 * Stand-in servers: SignalWire's API as the honest mock serves it, except for one thing each. A
 * stand-in is a real HTTP server on 127.0.0.1 in front of a mock; a `Rewrite` sees every JSON answer
 * (with the request that got it) and may replace it. The same rewrite also works as a `fetch` for
 * the engine (`rewritingFetch`), so a test can run it in-process or through the command line.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startMockServer, type MockServer, type MockOptions } from "../../src/mock";

export interface RewriteRequest {
  url: URL;
  method: string;
  /** The request body, parsed (undefined when there is none). */
  body: any;
}

export interface Rewritten {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Given the request and the mock's answer (its body parsed when JSON), what to answer instead; undefined keeps it. */
export type Rewrite = (request: RewriteRequest, body: any, status: number) => Rewritten | undefined;

export const isList = ({ url, method }: RewriteRequest) => method === "GET" && url.pathname.endsWith("/endpoints/sip");
export const isRetrieve = ({ url, method }: RewriteRequest) =>
  method === "GET" && /\/endpoints\/sip\/[^/]+$/.test(url.pathname);
export const isCreate = ({ url, method }: RewriteRequest) =>
  method === "POST" && url.pathname.endsWith("/endpoints/sip");
export const isUpdate = ({ url, method }: RewriteRequest) =>
  method === "PUT" && /\/endpoints\/sip\/[^/]+$/.test(url.pathname);

const parse = (text: string, contentType: string | null): unknown =>
  text && (contentType ?? "").includes("json") ? JSON.parse(text) : undefined;

/** Sends the request on with `fetch`, then lets `change` replace the answer. */
async function answer(
  change: Rewrite,
  url: string,
  method: string,
  headers: HeadersInit,
  bodyText: string | undefined,
): Promise<Response> {
  const response = await fetch(url, { method, headers, body: bodyText });
  const text = await response.text();
  const request = { url: new URL(url), method, body: bodyText ? JSON.parse(bodyText) : undefined };
  const changed = change(request, parse(text, response.headers.get("content-type")), response.status);
  if (!changed)
    return new Response(response.status === 204 ? null : text, { status: response.status, headers: response.headers });
  const body = changed.status === 204 ? null : JSON.stringify(changed.body);
  return new Response(body, {
    status: changed.status,
    headers: { "content-type": "application/json", ...changed.headers },
  });
}

/** A `fetch` that hands the answers it gets to `change` and returns what it makes of them. */
export function rewritingFetch(change: Rewrite) {
  return (url: string, init: RequestInit): Promise<Response> =>
    answer(
      change,
      url,
      init.method ?? "GET",
      (init.headers ?? {}) as HeadersInit,
      typeof init.body === "string" ? init.body : undefined,
    );
}

export interface StandIn {
  /** Give this to a client or the drift job as the live base URL. */
  baseUrl: string;
  mock: MockServer;
  close(): Promise<void>;
}

/** Starts a mock and a server in front of it that answers as the mock does, as `change` rewrites it. */
export async function startStandIn(change: Rewrite, options: MockOptions = {}): Promise<StandIn> {
  const mock = await startMockServer({ port: 0, seedCount: 12, env: {}, ...options });
  const mockOrigin = new URL(mock.url).origin;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === "string" && name !== "host" && name !== "content-length") headers[name] = value;
      const bodyText = chunks.length > 0 ? Buffer.concat(chunks).toString("utf8") : undefined;
      answer(change, `${mockOrigin}${req.url ?? "/"}`, req.method ?? "GET", headers, bodyText)
        .then(async (response) => {
          const text = await response.text();
          // The mock's own origin never shows: page links name the stand-in.
          const own = text.split(mockOrigin).join(origin);
          const out: Record<string, string> = {};
          response.headers.forEach((value, name) => {
            if (
              name !== "content-length" &&
              name !== "transfer-encoding" &&
              name !== "connection" &&
              name !== "keep-alive"
            )
              out[name] = value;
          });
          res.writeHead(response.status, out).end(own);
        })
        .catch((error: Error) => res.writeHead(502, { "content-type": "text/plain" }).end(error.message));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: `${origin}${new URL(mock.url).pathname}`,
    mock,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await mock.close();
    },
  };
}
