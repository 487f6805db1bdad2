/**
 * Turning HTTP body bytes into text without hiding broken bytes. Shared by the client (response
 * bodies) and the mock (request bodies), so both sides treat invalid UTF-8 the same way.
 */
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
 * Whether a text takes more than `maxBytes` bytes in UTF-8, counted without encoding it and only
 * where the answer is not plain from its length: every UTF-16 unit takes one to three bytes.
 */
export function exceedsUtf8Bytes(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const pair =
      unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    // A surrogate pair is four bytes; any other unit one below U+0080, two below U+0800, else three.
    bytes += pair ? 4 : unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
    if (pair) i++;
  }
  return bytes > maxBytes;
}
