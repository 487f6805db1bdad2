/**
 * The thin node:http layer: turns an incoming request into a `MockRequest`, hands it to the
 * handler and writes the `MockResponse` back. It knows the API's base path and the body size
 * limit, nothing about operations.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
// JSON text must be UTF-8 (RFC 8259, 8.1). The client's decoder keeps bytes that are not as `\xHH`,
// which no JSON parser accepts, so such a body is refused as not JSON instead of silently altered.
import { decodeBody } from "../utf8-text";
import { plainError } from "./responses";
import { createSerializer } from "./serialize";
import { isPromised, type MockHandler, type MockRequest, type MockResponse } from "./types";

/**
 * Bodies above 1 MiB are refused with 413, the one status the mock sends that the spec does not
 * document: the issue asks for it, and no documented status fits a body the server never reads.
 */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Beyond this the rest of an oversized body is not even drained; the connection is closed. */
const DRAIN_LIMIT_BYTES = 16 * MAX_BODY_BYTES;
const JSON_TYPE = "application/json; charset=utf-8";

/** `onInternalError` is told of every error the handler threw, which the client gets as a 500. */
export function createRequestListener(
  basePath: string,
  handler: MockHandler,
  onInternalError: (error: unknown) => void,
): RequestListener {
  const prefix = `${basePath}/`;
  const serialize = createSerializer();

  function send(res: ServerResponse, response: MockResponse): void {
    if (res.headersSent || res.destroyed) return;
    const { status, headers, body, text } = response;
    const out: Record<string, string | number> = headers ? { ...headers } : {};
    if (text === undefined && body !== undefined && out["content-type"] === undefined) out["content-type"] = JSON_TYPE;
    const bytes = text !== undefined ? Buffer.from(text, "utf8") : body === undefined ? undefined : serialize(body);
    if (bytes) out["content-length"] = bytes.length;
    res.writeHead(status, out);
    res.end(bytes);
  }

  function tooLarge(req: IncomingMessage, res: ServerResponse, closeConnection: boolean): void {
    if (res.headersSent) return;
    if (!closeConnection) return send(res, plainError(413));
    // Stop reading; the client may still be sending, so the connection cannot be reused.
    req.removeAllListeners("data");
    res.once("finish", () => req.socket.destroy());
    send(res, plainError(413, { connection: "close" }));
  }

  function dispatch(req: IncomingMessage, res: ServerResponse, bodyText: string): void {
    const url = req.url ?? "/";
    const mark = url.indexOf("?");
    const path = mark === -1 ? url : url.slice(0, mark);
    if (!path.startsWith(prefix)) return send(res, plainError(404));
    let answer: ReturnType<MockHandler>;
    try {
      const request: MockRequest = {
        method: req.method ?? "GET",
        path: path.slice(basePath.length),
        query: mark === -1 ? "" : url.slice(mark + 1),
        authorization: req.headers.authorization,
        contentType: req.headers["content-type"],
        headers: req.headers,
        bodyText,
      };
      answer = handler(request);
    } catch (error) {
      onInternalError(error);
      return send(res, plainError(500));
    }
    if (isPromised(answer))
      answer.then(
        (r) => send(res, r),
        (error: unknown) => {
          onInternalError(error);
          send(res, plainError(500));
        },
      );
    else send(res, answer);
  }

  return (req, res) => {
    const declared = req.headers["content-length"];
    const hasBody = declared !== undefined ? declared !== "0" : req.headers["transfer-encoding"] !== undefined;
    if (!hasBody) return dispatch(req, res, "");
    if (declared !== undefined && Number(declared) > DRAIN_LIMIT_BYTES) return tooLarge(req, res, true);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > DRAIN_LIMIT_BYTES) tooLarge(req, res, true);
    });
    req.on("end", () =>
      size > MAX_BODY_BYTES ? tooLarge(req, res, false) : dispatch(req, res, decodeBody(Buffer.concat(chunks, size))),
    );
    req.on("error", () => res.destroy());
  };
}
