/**
 * The fuzzer's own way of talking HTTP: plain node:http over one kept-alive connection, sending
 * bytes exactly as generated (no client in between to fix, refuse or scrub anything) and
 * returning what came back as the exchange record the check catalogue reads.
 */
import { Agent, request } from "node:http";
import type { HttpExchange } from "../checks";
import { operationAt, type OperationId } from "../spec";

export interface RawRequest {
  method: string;
  /** Absolute URL. */
  url: string;
  authorization?: string | undefined;
  contentType?: string | null;
  body?: Uint8Array;
}

export interface RawReply {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  bodyText: string;
}

export interface HttpSender {
  send(req: RawRequest): Promise<RawReply>;
  close(): void;
}

/** A sender with its own keep-alive agent; `close` drops its connections. */
export function createSender(timeoutMs = 10_000): HttpSender {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  return {
    close: () => agent.destroy(),
    send: (req) =>
      new Promise<RawReply>((resolve, reject) => {
        const headers: Record<string, string | number> = {};
        if (req.authorization !== undefined) headers.authorization = req.authorization;
        if (req.contentType) headers["content-type"] = req.contentType;
        if (req.body) headers["content-length"] = req.body.byteLength;
        const outgoing = request(req.url, { method: req.method, headers, agent, timeout: timeoutMs }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("error", reject);
          res.on("end", () => {
            const out: Record<string, string> = {};
            for (const [name, value] of Object.entries(res.headers))
              if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
            resolve({ status: res.statusCode ?? 0, headers: out, bodyText: Buffer.concat(chunks).toString("utf8") });
          });
        });
        outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer to ${req.method} within ${timeoutMs} ms`)));
        outgoing.on("error", reject);
        outgoing.end(req.body ? Buffer.from(req.body) : undefined);
      }),
  };
}

/** The exchange record of a reply, for `checkResponse`; undefined when no operation of the spec matches. */
export function toExchange(
  basePath: string,
  req: RawRequest,
  reply: RawReply,
  requestBody?: unknown,
): (HttpExchange & { operationId: OperationId }) | undefined {
  const operationId = operationAt(req.method, new URL(req.url).pathname, basePath);
  if (operationId === undefined) return undefined;
  return {
    operationId,
    method: req.method,
    url: req.url,
    requestBody,
    status: reply.status,
    headers: reply.headers,
    bodyText: reply.bodyText,
  };
}
