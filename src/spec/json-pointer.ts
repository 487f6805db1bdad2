/**
 * JSON values and JSON pointers (RFC 6901): addressing a node of a parsed document or body. Used
 * at run time (findings point into bodies) and by the build (lint points into the spec).
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function pointer(...tokens: Array<string | number>): string {
  return tokens.map((t) => "/" + escapePointerToken(String(t))).join("");
}

export function splitPointer(ptr: string): string[] {
  const body = ptr.startsWith("#") ? ptr.slice(1) : ptr;
  if (body === "") return [];
  return body
    .slice(1)
    .split("/")
    .map((t) => decodePercent(t).replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** A `%` that starts no valid escape is a literal character of the key, not an error. */
function decodePercent(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}

/** The node at a JSON pointer, or undefined when the path does not exist. */
export function at(doc: Json, ptr: string): Json | undefined {
  let node: Json | undefined = doc;
  for (const token of splitPointer(ptr)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isPlainObject(node)) node = Object.prototype.hasOwnProperty.call(node, token) ? node[token] : undefined;
    else return undefined;
  }
  return node;
}
