/**
 * Reading a response body without trusting the server: at most `maxBytes` bytes (after any
 * decompression) are kept, so a hostile or broken server cannot make the client buffer 20 MB, and
 * a body that never ends is cut off by the attempt's deadline, which cancels the reader.
 */
import { decodeBody } from "../utf8-text";

/** Thrown inside an attempt when the body passes the limit; the transport turns it into a typed error. */
export class BodyTooLarge extends Error {}

/**
 * A declared length can be trusted (the HTTP parser fails a body that disagrees with it), unless
 * the body is compressed: then it counts the compressed bytes. No length reads as 0 or NaN, never
 * above the (positive) cap.
 */
export function declaresTooMuch(
  contentLength: string | null | undefined,
  contentEncoding: string | null | undefined,
  maxBytes: number,
): boolean {
  return Number(contentLength) > maxBytes && !contentEncoding;
}

/** The chunks of a body as text; `stop` is called (and `BodyTooLarge` thrown) once they pass `maxBytes`. */
export async function collectText(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
  stop: () => void,
): Promise<string> {
  const kept: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      stop();
      throw new BodyTooLarge();
    }
    kept.push(chunk);
  }
  // Stryker disable next-line ConditionalExpression: one chunk is used as it is, which a concat of it would copy.
  return decodeBody(kept.length === 1 ? kept[0]! : Buffer.concat(kept, size));
}

/** The text of a WHATWG `Response` body; `onReader` learns the reader so a deadline can cancel it. */
export async function readResponseText(
  response: Response,
  maxBytes: number,
  onReader?: (reader: ReadableStreamDefaultReader<Uint8Array>) => void,
): Promise<string> {
  const body = response.body;
  if (body === null) return "";
  // Not awaited: cancelling a stream that is teed or stuck may never settle.
  const cancel = (stream: { cancel(): Promise<void> }) => void stream.cancel().catch(() => undefined);
  if (declaresTooMuch(response.headers.get("content-length"), response.headers.get("content-encoding"), maxBytes)) {
    cancel(body);
    throw new BodyTooLarge();
  }
  const reader = body.getReader();
  onReader?.(reader);
  return collectText(chunksOf(reader), maxBytes, () => cancel(reader));
}

async function* chunksOf(reader: ReadableStreamDefaultReader<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}
