/**
 * openapi-typescript cannot express `if`/`then` rules, so it types the "companion field" rules of
 * the spec as `unknown` and a create without its companion would compile. This transform turns a
 * schema made only of such rules into a discriminated union, so the compiler enforces exactly
 * what the validator enforces, read from the same place in the spec.
 */
import { deref } from "../spec/deref";
import { isPlainObject, type Json, type JsonObject } from "../spec/json-pointer";

interface CompanionRule {
  value: string;
  companions: string[];
}

/** Recognises `allOf: [{ if: { properties: { P: { const: V } }, required: [P] }, then: { required: [...] } }, …]`. */
export function readCompanionRules(schema: Json): { property: string; rules: CompanionRule[] } | undefined {
  if (!isPlainObject(schema) || !Array.isArray(schema.allOf) || schema.allOf.length === 0) return undefined;
  let property: string | undefined;
  const rules: CompanionRule[] = [];
  for (const item of schema.allOf) {
    if (!isPlainObject(item) || !isPlainObject(item.if) || !isPlainObject(item.then)) return undefined;
    const props = item.if.properties;
    if (!isPlainObject(props)) return undefined;
    const names = Object.keys(props);
    const name = names[0];
    const condition = name === undefined ? undefined : props[name];
    if (names.length !== 1 || name === undefined || !isPlainObject(condition) || typeof condition.const !== "string")
      return undefined;
    if (property !== undefined && property !== name) return undefined;
    property = name;
    const required = item.then.required;
    if (!Array.isArray(required) || !required.every((r): r is string => typeof r === "string")) return undefined;
    rules.push({ value: condition.const, companions: required });
  }
  return property === undefined ? undefined : { property, rules };
}

/** The enum of `property` in the schemas that are combined (`allOf`) with the rules at `rulesRef`. */
function siblingEnum(doc: JsonObject, rulesRef: string, property: string): string[] | undefined {
  const schemas = isPlainObject(doc.components) && isPlainObject(doc.components.schemas) ? doc.components.schemas : {};
  for (const schema of Object.values(schemas)) {
    if (!isPlainObject(schema) || !Array.isArray(schema.allOf)) continue;
    if (!schema.allOf.some((m) => isPlainObject(m) && m.$ref === rulesRef)) continue;
    for (const member of schema.allOf) {
      const resolved = deref(doc, member)?.node;
      const prop =
        isPlainObject(resolved) && isPlainObject(resolved.properties) ? resolved.properties[property] : undefined;
      const values = enumOf(doc, prop);
      if (values) return values;
    }
  }
  return undefined;
}

/** The string values a property takes: its own `enum`, or that of a schema it narrows with `allOf`. */
function enumOf(doc: JsonObject, node: Json | undefined): string[] | undefined {
  const target = deref(doc, node)?.node;
  if (!isPlainObject(target)) return undefined;
  if (Array.isArray(target.enum)) return target.enum.filter((v): v is string => typeof v === "string");
  for (const member of Array.isArray(target.allOf) ? target.allOf : []) {
    const values = enumOf(doc, member);
    if (values) return values;
  }
  return undefined;
}

/** TypeScript source of the union type, or undefined when `schema` is not a set of companion rules. */
export function companionUnionSource(doc: JsonObject, schema: Json, ref: string | undefined): string | undefined {
  const found = readCompanionRules(schema);
  if (!found) return undefined;
  const { property, rules } = found;
  const key = JSON.stringify(property);
  const branches = [`{ ${key}?: undefined }`];
  const governed = new Set(rules.map((r) => r.value));
  const others = ref ? (siblingEnum(doc, ref, property) ?? []).filter((v) => !governed.has(v)) : [];
  if (others.length > 0) branches.push(`{ ${key}: ${others.map((v) => JSON.stringify(v)).join(" | ")} }`);
  for (const rule of rules) {
    const fields = rule.companions.map((c) => `${JSON.stringify(c)}: string`).join("; ");
    branches.push(`{ ${key}: ${JSON.stringify(rule.value)}; ${fields} }`);
  }
  return branches.join(" | ");
}
