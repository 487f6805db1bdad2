/**
 * Turning response bodies into JSON text, fast for the answers that matter most. Stored
 * endpoint objects are never mutated (an update stores a new object), so the text of one can be
 * kept and reused: a list page is then mostly a join of cached strings instead of a fresh
 * serialisation of every key of every endpoint. The cache is bounded, so walking a large store
 * does not turn into a second copy of it.
 */

/** Entries per generation: enough for the busiest pages to stay cached, small enough to stay a few MB. */
const GENERATION_SIZE = 2_048;

export type Serializer = (body: unknown) => string;

export function createSerializer(generationSize = GENERATION_SIZE): Serializer {
  // Two generations instead of one map with per-entry eviction: dropping a whole map is O(1),
  // while evicting a map's oldest entry one by one makes V8 walk ever more deleted slots. Texts
  // still in use move to the young generation, so a page served again and again stays cached.
  let young = new Map<object, string>();
  let old = new Map<object, string>();

  const item = (value: unknown): string => {
    if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
    let text = young.get(value);
    if (text !== undefined) return text;
    text = old.get(value) ?? JSON.stringify(value);
    if (young.size >= generationSize) {
      old = young;
      young = new Map();
    }
    young.set(value, text);
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
