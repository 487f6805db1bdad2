/**
 * Reading a response body without trusting the server: at most `maxBytes` bytes are kept, so a
 * hostile or broken server cannot make the client buffer 20 MB, and a body that never ends is
 * cut off by the attempt's deadline, which cancels the reader registered here.
 */

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

const strict = new TextDecoder("utf-8", { fatal: true });

/**
 * The text of a body. JSON must be UTF-8 (RFC 8259, 8.1), so bytes that are not UTF-8 are kept
 * visible as `\xHH` instead of being replaced by U+FFFD: the data is not silently altered, and the
 * text no longer parses as JSON (a backslash-x is no JSON escape), so the checks report it.
 */
export function decodeBody(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    let out = "";
    let start = 0;
    for (let i = 0; i < bytes.length; ) {
      const length = utf8SequenceAt(bytes, i);
      if (length > 0) {
        i += length;
        continue;
      }
      out += `${strict.decode(bytes.subarray(start, i))}\\x${bytes[i]!.toString(16).toUpperCase().padStart(2, "0")}`;
      start = ++i;
    }
    return out + strict.decode(bytes.subarray(start));
  }
}

/** Length of the well-formed UTF-8 sequence starting at `i` (Unicode table 3-7), or 0. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  const inRange = (k: number, lo = 0x80, hi = 0xbf) => {
    const byte = bytes[i + k];
    return byte !== undefined && byte >= lo && byte <= hi;
  };
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return inRange(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const [lo, hi] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return inRange(1, lo, hi) && inRange(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const [lo, hi] = lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return inRange(1, lo, hi) && inRange(2) && inRange(3) ? 4 : 0;
  }
  return 0;
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
