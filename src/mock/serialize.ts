/**
 * Turning response bodies into JSON text, fast for the answers that matter most. Stored
 * endpoint objects are never mutated (an update stores a new object), so the text of one can be
 * kept and reused: a list page is then mostly a join of cached strings instead of a fresh
 * serialisation of every key of every endpoint. The cache is bounded, so walking a large store
 * does not turn into a second copy of it.
 */
import { GenerationalMap } from "./generational-map";

/** Entries per generation: enough for the busiest pages to stay cached, small enough to stay a few MB. */
const GENERATION_SIZE = 2_048;

export type Serializer = (body: unknown) => string;

export function createSerializer(generationSize = GENERATION_SIZE): Serializer {
  const cache = new GenerationalMap<object, string>(generationSize);

  const item = (value: unknown): string => {
    if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
    let text = cache.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      cache.set(value, text);
    }
    return text;
  };

  return (body) => {
    if (isListEnvelope(body)) return `{"links":${JSON.stringify(body.links)},"data":[${body.data.map(item).join(",")}]}`;
    if (isEndpoint(body)) return item(body);
    return JSON.stringify(body);
  };
}

/**
 * Exactly `{ links, data: [...] }` in that key order: only then is the hand-built text the same as
 * what `JSON.stringify` would give. Anything else (a fault's rewritten body) takes the plain path.
 */
function isListEnvelope(body: unknown): body is { links: unknown; data: unknown[] } {
  if (body === null || typeof body !== "object") return false;
  const keys = Object.keys(body);
  return keys.length === 2 && keys[0] === "links" && keys[1] === "data" && Array.isArray((body as { data: unknown }).data);
}

function isEndpoint(body: unknown): body is object {
  return body !== null && typeof body === "object" && (body as { type?: unknown }).type === "sip_endpoint";
}
