/**
 * What the run time needs to know about a spec beyond its operations and validators, as data:
 * `npm run gen` writes it to `generated/`, and a run judging another copy of the spec (`--spec`)
 * makes it from that copy the same way.
 */
import { createHash } from "node:crypto";
import { deref } from "../spec/deref";
import { escapePointerToken, isPlainObject } from "../spec/json-pointer";
import type { SpecFacts } from "../spec/facts";
import type { SpecSource } from "./load";
import { visitObjects } from "./walk";

/**
 * Which text the artefacts were made from (reports name it, so a stale `generated/` cannot pass
 * as the current spec), the path every operation lives under, and the write-only property names.
 */
export function specFactsOf(spec: SpecSource, source: string): SpecFacts {
  const servers = Array.isArray(spec.doc.servers) ? spec.doc.servers : [];
  const first = servers[0];
  const url = isPlainObject(first) && typeof first.url === "string" ? first.url : "/";
  const basePath = new URL(url.replace(/\{[^}]+\}/g, "x"), "http://x").pathname.replace(/\/$/, "");
  const writeOnly = writeOnlyProperties(spec);
  return {
    source,
    sha256: createHash("sha256").update(spec.text).digest("hex"),
    basePath,
    writeOnlyProperties: writeOnly,
    schemaProperties: schemaProperties(spec, writeOnly),
  };
}

/** Each component schema with properties (its `allOf` members' included), in the order written. */
function schemaProperties(spec: SpecSource, writeOnly: readonly string[]): Record<string, string[]> {
  const components =
    isPlainObject(spec.doc.components) && isPlainObject(spec.doc.components.schemas) ? spec.doc.components.schemas : {};
  const namesOf = (schema: unknown, depth: number): string[] => {
    if (!isPlainObject(schema) || depth > 16) return [];
    const own = isPlainObject(schema.properties) ? Object.keys(schema.properties) : [];
    const members = Array.isArray(schema.allOf)
      ? schema.allOf.flatMap((m) => namesOf(deref(spec.doc, m)?.node, depth + 1))
      : [];
    return [...new Set([...own, ...members])];
  };
  const out: Record<string, string[]> = {};
  for (const [name, schema] of Object.entries(components)) {
    const names = namesOf(schema, 0).filter((p) => !writeOnly.includes(p));
    if (names.length > 0) out[name] = names;
  }
  return out;
}

function writeOnlyProperties(spec: SpecSource): string[] {
  const names = new Set<string>();
  visitObjects(spec.doc, "", (node) => {
    if (!isPlainObject(node.properties)) return;
    for (const [name, raw] of Object.entries(node.properties)) {
      const schema = deref(spec.doc, raw)?.node;
      if (isPlainObject(schema) && schema.writeOnly === true) names.add(name);
    }
  });
  return [...names].sort();
}

/**
 * The line in the spec's source of every mapping and list in it, by JSON pointer (the line of its
 * key): how a SARIF report points a finding at the schema that judged it without parsing YAML.
 */
export function specLinesOf(spec: SpecSource): Record<string, number> {
  const lines: Record<string, number> = {};
  const visit = (value: unknown, pointer: string) => {
    if (typeof value !== "object" || value === null) return;
    const line = spec.keyLineOf(pointer);
    if (line !== undefined) lines[pointer] = line;
    for (const [key, child] of Object.entries(value)) visit(child, `${pointer}/${escapePointerToken(key)}`);
  };
  visit(spec.doc, "");
  return lines;
}
