/**
 * Turning response bodies into the bytes sent, fast for the answers that matter most. Stored
 * endpoint objects are never mutated (an update stores a new object), so the encoded JSON of one
 * can be kept and reused: a list page is then a concatenation of cached buffers instead of a
 * fresh serialisation of every key of every endpoint (and a second pass to encode the text). The
 * cache is bounded, so walking a large store does not turn into a second copy of it.
 */
import { isPlainObject } from "../spec/json-pointer";
import { GenerationalMap } from "./generational-map";

/** Entries per generation: enough for the busiest pages to stay cached, small enough to stay a few MB. */
const GENERATION_SIZE = 2_048;
const COMMA = Buffer.from(",");
const LIST_END = Buffer.from("]}");

export type Serializer = (body: unknown) => Buffer;

const encode = (value: unknown) => Buffer.from(JSON.stringify(value) ?? "null", "utf8");

export function createSerializer(generationSize = GENERATION_SIZE): Serializer {
  const cache = new GenerationalMap<object, Buffer>(generationSize);

  const item = (value: unknown): Buffer => {
    if (value === null || typeof value !== "object") return encode(value);
    let bytes = cache.get(value);
    if (bytes === undefined) {
      bytes = encode(value);
      cache.set(value, bytes);
    }
    return bytes;
  };

  return (body) => {
    if (isListEnvelope(body)) {
      const parts: Buffer[] = [Buffer.from(`{"links":${JSON.stringify(body.links)},"data":[`, "utf8")];
      body.data.forEach((value, i) => {
        if (i > 0) parts.push(COMMA);
        parts.push(item(value));
      });
      parts.push(LIST_END);
      return Buffer.concat(parts);
    }
    if (isEndpoint(body)) return item(body);
    return encode(body);
  };
}

/**
 * Exactly `{ links, data: [...] }` in that key order: only then are the hand-built bytes the same as
 * what `JSON.stringify` would give. Anything else (a fault's rewritten body) takes the plain path.
 */
function isListEnvelope(body: unknown): body is { links: unknown; data: unknown[] } {
  if (!isPlainObject(body)) return false;
  const keys = Object.keys(body);
  // Two keys, `links` first and a `data` array: the second key can only be `data`.
  return keys.length === 2 && keys[0] === "links" && Array.isArray(body.data);
}

function isEndpoint(body: unknown): body is object {
  return isPlainObject(body) && body.type === "sip_endpoint";
}
