/**
 * Reading the OpenAPI document itself: parsing the YAML source, following internal `$ref`s and
 * addressing nodes by JSON pointer. Everything that looks at the spec's raw structure (codegen,
 * lint) starts here, so the parsing rules live in one place.
 */
import { readFileSync } from "node:fs";
import { parseDocument, isMap, isSeq, type Document, type Node as YamlNode } from "yaml";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A parsed spec plus what is needed to point back into its source text. */
export interface SpecSource {
  file: string;
  text: string;
  doc: JsonObject;
  /** 1-based line of the node at a JSON pointer, when the source has one there. */
  lineOf(pointer: string): number | undefined;
}

export class SpecLoadError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
  ) {
    super(`${file}${line ? `:${line}` : ""}: ${message}`);
    this.name = "SpecLoadError";
  }
}

export function loadSpec(file: string): SpecSource {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new SpecLoadError(file, undefined, `cannot read the spec (${(cause as Error).message})`);
  }
  return parseSpec(file, text);
}

export function parseSpec(file: string, text: string): SpecSource {
  const yamlDoc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = yamlDoc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    throw new SpecLoadError(file, line, `not valid YAML: ${first.message.split("\n")[0]}`);
  }
  const doc = yamlDoc.toJS({ maxAliasCount: 100 }) as unknown;
  if (!isPlainObject(doc)) throw new SpecLoadError(file, 1, "the spec must be a YAML mapping");
  return { file, text, doc, lineOf: (pointer) => lineOfPointer(yamlDoc, text, pointer) };
}

function lineOfPointer(yamlDoc: Document, text: string, pointer: string): number | undefined {
  let node: unknown = yamlDoc.contents;
  for (const token of splitPointer(pointer)) {
    if (isMap(node)) node = node.get(token, true);
    else if (isSeq(node)) node = node.get(Number(token), true);
    else return undefined;
  }
  const range = (node as YamlNode | undefined)?.range;
  if (!range) return undefined;
  return text.slice(0, range[0]).split("\n").length;
}

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

/**
 * Follows a chain of internal `$ref`s. Returns the target and the pointer it lives at, or
 * undefined for a dangling or external reference (lint reports those; nothing else relies on them).
 */
export function deref(doc: JsonObject, node: Json | undefined, where = ""): { node: Json; pointer: string } | undefined {
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
