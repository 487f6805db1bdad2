/**
 * The one walk over the spec's operations (paths × methods) and over its objects. The operation
 * index, the validators' schema document and the lint rules all start from it, so they agree on
 * which operations exist and where each is written.
 */
import { isPlainObject, pointer, type Json, type JsonObject } from "../spec/json-pointer";
import { HTTP_METHODS } from "../spec/operation-info";
import { deref } from "../spec/deref";

export interface OperationSite {
  /** The path template, e.g. `/endpoints/sip/{id}`. */
  path: string;
  method: (typeof HTTP_METHODS)[number];
  op: JsonObject;
  /** Where the operation object is written. */
  pointer: string;
  item: JsonObject;
  /** Where the path item is written (its `$ref` target when it is a reference). */
  itemPointer: string;
}

export function operationSites(doc: JsonObject): OperationSite[] {
  const sites: OperationSite[] = [];
  const paths = isPlainObject(doc.paths) ? doc.paths : {};
  for (const [path, raw] of Object.entries(paths)) {
    const resolved = deref(doc, raw, pointer("paths", path));
    if (!resolved || !isPlainObject(resolved.node)) continue;
    for (const method of HTTP_METHODS) {
      const op = resolved.node[method];
      if (isPlainObject(op)) {
        sites.push({
          path,
          method,
          op,
          pointer: `${resolved.pointer}/${method}`,
          item: resolved.node,
          itemPointer: resolved.pointer,
        });
      }
    }
  }
  return sites;
}

/** Calls `visit` for every object in the document with the pointer it is written at. */
export function visitObjects(node: Json, at: string, visit: (obj: JsonObject, at: string) => void): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => visitObjects(child, `${at}/${i}`, visit));
  } else if (isPlainObject(node)) {
    visit(node, at);
    for (const [key, child] of Object.entries(node)) visitObjects(child, at + pointer(key), visit);
  }
}
