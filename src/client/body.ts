/**
 * Reading a response body without trusting the server: at most `maxBytes` bytes are kept, so a
 * hostile or broken server cannot make the client buffer 20 MB, and a body that never ends is
 * cut off by the attempt's deadline, which cancels the reader registered here.
 */
import { decodeBody } from "../utf8-text";

/** Thrown inside an attempt when the body passes the limit; the transport turns it into a typed error. */
export class BodyTooLarge extends Error {
  constructor(readonly status: number) {
    super("response body too large");
  }
}

/** Where the reader of a body in progress is left, so a deadline can cancel it. */
export interface ReaderSlot {
  reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
}

export async function readBodyText(response: Response, maxBytes: number, slot?: ReaderSlot): Promise<string> {
  const body = response.body;
  if (body === null) return "";
  const declared = response.headers.get("content-length");
  // A declared length can be trusted (the HTTP parser fails a body that disagrees with it), unless
  // the body is compressed: then it counts the compressed bytes.
  if (declared !== null && Number(declared) > maxBytes && !response.headers.has("content-encoding")) {
    // Not awaited: cancelling a stream that is teed or stuck may never settle.
    void body.cancel().catch(() => undefined);
    throw new BodyTooLarge(response.status);
  }
  const reader = body.getReader();
  if (slot) slot.reader = reader;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      void reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(response.status);
    }
    chunks.push(value);
  }
  return decodeBody(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
}


/**
 * Lets a consumed response still answer `text()`, `json()`, `arrayBuffer()` and `blob()` from the
 * text read once, so openapi-fetch (and users of `raw`) can use it without a second copy.
 */
export function withBufferedBody(response: Response, text: string): Response {
  Object.defineProperties(response, {
    text: { value: () => Promise.resolve(text), configurable: true },
    json: { value: () => Promise.resolve(text).then(JSON.parse), configurable: true },
    arrayBuffer: { value: () => Promise.resolve(new TextEncoder().encode(text).buffer), configurable: true },
    blob: { value: () => Promise.resolve(new Blob([text], { type: response.headers.get("content-type") ?? "" })), configurable: true },
  });
  return response;
}
