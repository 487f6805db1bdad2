/** Following internal `$ref`s of the raw spec document. */
import { at, isPlainObject, type Json, type JsonObject } from "./json-pointer";

/**
 * Follows a chain of internal `$ref`s. Returns the target and the pointer it lives at, or
 * undefined for a dangling or external reference (lint reports those; nothing else relies on them).
 */
export function deref(
  doc: JsonObject,
  node: Json | undefined,
  where = "",
): { node: Json; pointer: string } | undefined {
  let current = node;
  let ptr = where;
  for (let hops = 0; hops < 32; hops++) {
    if (!isPlainObject(current) || typeof current.$ref !== "string") {
      return current === undefined ? undefined : { node: current, pointer: ptr };
    }
    const ref = current.$ref;
    if (!ref.startsWith("#")) return undefined;
    ptr = ref.slice(1);
    current = at(doc, ptr);
  }
  return undefined;
}
