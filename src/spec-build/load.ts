/**
 * Reading the OpenAPI document itself: parsing the YAML source and pointing back into its text.
 * Everything that looks at the spec's raw structure (codegen, lint) starts here, so the parsing
 * rules live in one place. Build-time only: nothing a consumer loads imports YAML.
 */
import { readFileSync } from "node:fs";
import { parseDocument, isMap, isScalar, isSeq, type Document, type Node as YamlNode } from "yaml";
import { isPlainObject, splitPointer, type JsonObject } from "../spec/json-pointer";

/** A parsed spec plus what is needed to point back into its source text. */
export interface SpecSource {
  file: string;
  text: string;
  doc: JsonObject;
  /** 1-based line of the node at a JSON pointer, when the source has one there. */
  lineOf(pointer: string): number | undefined;
  /** 1-based line of the key that holds the node at a JSON pointer (its item's line in a list). */
  keyLineOf(pointer: string): number | undefined;
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
  const lineAt = (offset: number) => text.slice(0, offset).split("\n").length;
  return {
    file,
    text,
    doc,
    lineOf: (pointer) => {
      const range = nodeAt(yamlDoc, pointer)?.node?.range;
      return range ? lineAt(range[0]) : undefined;
    },
    keyLineOf: (pointer) => {
      const found = nodeAt(yamlDoc, pointer);
      const range = found?.key?.range ?? found?.node?.range;
      return range ? lineAt(range[0]) : undefined;
    },
  };
}

/** The node at a pointer, and the key it sits under when its parent is a mapping. */
function nodeAt(
  yamlDoc: Document,
  pointer: string,
): { node: YamlNode | undefined; key: YamlNode | undefined } | undefined {
  let node: unknown = yamlDoc.contents;
  let key: YamlNode | undefined;
  for (const token of splitPointer(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === token);
      key = pair?.key as YamlNode | undefined;
      node = pair?.value;
    } else if (isSeq(node)) {
      key = undefined;
      node = node.get(Number(token), true);
    } else return undefined;
  }
  return { node: node as YamlNode | undefined, key };
}
