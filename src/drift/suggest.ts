/**
 * A spec change for each schema finding: a sentence and a JSON Patch (RFC 6902) against the spec
 * document, made from what the server sent across all occurrences (`evidence.ts`) and applied
 * where the finding belongs (`spec-location.ts`). Findings that need the same change (the same
 * undocumented key in a list item and in a retrieve) share one suggestion. The changes only ever
 * widen the spec — a new property, a new enum value, a key made optional, a type or `null`
 * allowed, a format dropped, a status documented — so code built on the old spec still compiles
 * against what is observed, and `npm run spec:diff` says what each change means for it.
 */
import { checkInfo, type Finding, type SpecChange } from "../checks";
import { operations, type OperationId } from "../spec";
import { at, isPlainObject, pointer, splitPointer, type Json } from "../spec/json-pointer";
import { jsonTypeOf } from "../checks/finding";
import type { Evidence, EvidenceCollector } from "./evidence";
import { resolved, specDocument, specLocation } from "./spec-location";

type JsonPatchOperation =
  | { op: "add"; path: string; value: Json }
  | { op: "replace"; path: string; value: Json }
  | { op: "remove"; path: string };

export interface Suggestion {
  text: string;
  patch: JsonPatchOperation[];
}

/** What a finding asks of the spec, before findings asking the same are merged. */
type Intent =
  | { kind: "add-property"; object: string; key: string }
  | { kind: "add-enum"; schema: string }
  | { kind: "optional"; object: string; key: string }
  | { kind: "widen"; schema: string }
  | { kind: "drop-format"; schema: string }
  | { kind: "add-response"; responses: string; status: number };

const node = (p: string) => at(specDocument, p);
const lastToken = (p: string) => splitPointer(p).at(-1) ?? "";
const parentOf = (p: string, levels = 1) =>
  splitPointer(p)
    .slice(0, -levels)
    .reduce((acc, t) => acc + pointer(t), "");

/** For each change a check may suggest, what it asks of the spec at the finding's place there. */
const INTENTS: Record<SpecChange, (finding: Finding, specPointer: string) => Intent | undefined> = {
  "add-property": (finding, specPointer) => ({
    kind: "add-property",
    object: specPointer,
    key: lastToken(finding.pointer),
  }),
  "add-enum": (_, specPointer) => ({ kind: "add-enum", schema: resolved(specPointer) }),
  "make-optional": (_, specPointer) =>
    lastToken(parentOf(specPointer)) === "properties"
      ? { kind: "optional", object: parentOf(specPointer, 2), key: lastToken(specPointer) }
      : undefined,
  "widen-type": (_, specPointer) => ({ kind: "widen", schema: specPointer }),
  "drop-format": (_, specPointer) => ({
    kind: "drop-format",
    schema:
      isPlainObject(node(specPointer)) && "format" in (node(specPointer) as object)
        ? specPointer
        : resolved(specPointer),
  }),
  "add-response": (finding, specPointer) =>
    finding.status === null ? undefined : { kind: "add-response", responses: specPointer, status: finding.status },
};

function intentOf(finding: Finding): Intent | undefined {
  const { suggests } = checkInfo(finding.check);
  return suggests === undefined ? undefined : INTENTS[suggests](finding, specLocation(finding).pointer);
}

const intentKey = (i: Intent) => JSON.stringify(i);

/** The suggestion for each finding that has one, by finding id. */
export function suggestChanges(
  findings: readonly Finding[],
  evidence: Pick<EvidenceCollector, "get">,
): Map<string, Suggestion> {
  const groups = new Map<string, { intent: Intent; findings: Finding[] }>();
  for (const finding of findings) {
    const intent = intentOf(finding);
    if (!intent) continue;
    const key = intentKey(intent);
    const group = groups.get(key) ?? { intent, findings: [] };
    group.findings.push(finding);
    groups.set(key, group);
  }
  const out = new Map<string, Suggestion>();
  for (const { intent, findings: group } of groups.values()) {
    const merged = mergeEvidence(group.map((f) => evidence.get(f.id)));
    const suggestion = build(intent, merged);
    if (suggestion) for (const f of group) out.set(f.id, suggestion);
  }
  return out;
}

function mergeEvidence(all: Array<Evidence | undefined>): Evidence {
  const merged: Evidence = { occurrences: 0, types: new Set(), values: new Map(), more: false };
  for (const e of all) {
    if (!e) continue;
    merged.occurrences += e.occurrences;
    for (const t of e.types) merged.types.add(t);
    for (const [k, v] of e.values) merged.values.set(k, v);
    merged.more ||= e.more;
    merged.contentType ??= e.contentType;
  }
  return merged;
}

function build(intent: Intent, evidence: Evidence): Suggestion | undefined {
  const seen = `seen ${evidence.occurrences} time${evidence.occurrences === 1 ? "" : "s"}`;
  switch (intent.kind) {
    case "add-property": {
      // A secret's values are never kept (evidence.ts): its types are all a suggestion can say of it.
      const schema =
        evidence.values.size > 0 ? inferSchema([...evidence.values.values()], evidence) : typeSchema(evidence.types);
      const properties = `${intent.object}/properties`;
      const patch: JsonPatchOperation[] =
        node(properties) === undefined
          ? [{ op: "add", path: properties, value: { [intent.key]: schema } }]
          : [{ op: "add", path: `${properties}${pointer(intent.key)}`, value: schema }];
      return {
        text: `Document \`${intent.key}\` in ${describe(intent.object)} as ${describeSchema(schema)} (${seen}).`,
        patch,
      };
    }
    case "add-enum": {
      const schema = node(intent.schema);
      if (!isPlainObject(schema)) return undefined;
      const values = [...evidence.values.values()];
      if (Array.isArray(schema.enum)) {
        const known = new Set(schema.enum.map((v) => JSON.stringify(v)));
        const added = values.filter((v) => !known.has(JSON.stringify(v)));
        if (added.length === 0) return undefined;
        return {
          text: `Add ${list(added)} to the values of ${describe(intent.schema)} (${seen}).`,
          patch: added.map((value) => ({ op: "add", path: `${intent.schema}/enum/-`, value })),
        };
      }
      if ("const" in schema) {
        return {
          text: `Allow ${list(values)} besides ${JSON.stringify(schema.const)} in ${describe(intent.schema)} (${seen}).`,
          patch: [
            { op: "remove", path: `${intent.schema}/const` },
            { op: "add", path: `${intent.schema}/enum`, value: [schema.const as Json, ...values] },
          ],
        };
      }
      return undefined;
    }
    case "optional": {
      const required = node(`${intent.object}/required`);
      const index = Array.isArray(required) ? required.indexOf(intent.key) : -1;
      if (index < 0) return undefined;
      return {
        text: `Make \`${intent.key}\` optional in ${describe(intent.object)}: answers came without it (${seen}).`,
        patch: [{ op: "remove", path: `${intent.object}/required/${index}` }],
      };
    }
    case "widen":
      return widen(intent.schema, evidence, seen);
    case "drop-format": {
      const schema = node(intent.schema);
      if (!isPlainObject(schema) || typeof schema.format !== "string") return undefined;
      return {
        text: `Drop \`format: ${schema.format}\` from ${describe(intent.schema)}: answers held values that are not ${schema.format} (${seen}).`,
        patch: [{ op: "remove", path: `${intent.schema}/format` }],
      };
    }
    case "add-response": {
      const body = [...evidence.values.values()];
      const response: { [key: string]: Json } = {
        description: `Observed from the live API (status ${intent.status}); describe when it is sent.`,
      };
      const mediaType = (evidence.contentType ?? "").split(";")[0]!.trim().toLowerCase();
      if (body.length > 0 && mediaType) response.content = { [mediaType]: { schema: inferSchema(body, evidence) } };
      return {
        text: `Document status ${intent.status} under ${describe(intent.responses)} (${seen}).`,
        patch: [{ op: "add", path: `${intent.responses}/${intent.status}`, value: response }],
      };
    }
  }
}

/** A type mismatch: the schema also allows what was seen (`null` makes it nullable). */
function widen(schemaPointer: string, evidence: Evidence, seen: string): Suggestion | undefined {
  const schema = node(schemaPointer);
  if (!isPlainObject(schema)) return undefined;
  const observed = [...evidence.types];
  if (observed.length === 0) return undefined;
  const onlyNull = observed.every((t) => t === "null");
  const what = onlyNull ? "nullable" : `also ${list(observed)}`;
  // A reference is shared: the change goes beside it here, not into the component.
  if (typeof schema.$ref === "string") {
    const other = inferSchema([...evidence.values.values()], evidence);
    return {
      text: `Make ${describe(schemaPointer)} ${what} (${seen}).`,
      patch: [{ op: "replace", path: schemaPointer, value: { anyOf: [{ $ref: schema.$ref }, other] } }],
    };
  }
  const declared = Array.isArray(schema.type)
    ? (schema.type as string[])
    : typeof schema.type === "string"
      ? [schema.type]
      : [];
  const union = [...declared];
  for (const t of observed) if (!union.includes(t) && !(t === "integer" && union.includes("number"))) union.push(t);
  const patch: JsonPatchOperation[] = [
    {
      op: declared.length > 0 ? "replace" : "add",
      path: `${schemaPointer}/type`,
      value: union.length === 1 ? union[0]! : union,
    },
  ];
  if (observed.includes("null") && Array.isArray(schema.enum) && !schema.enum.includes(null))
    patch.push({ op: "add", path: `${schemaPointer}/enum/-`, value: null });
  return { text: `Make ${describe(schemaPointer)} ${what} (${seen}).`, patch };
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IDENTIFIER = /^[A-Za-z0-9_.-]{1,40}$/;

/** `type` for the JSON types seen (`null` last; `integer` inside `number` when both were seen). */
function typeSchema(seen: ReadonlySet<string>): { [key: string]: Json } {
  const types = new Set(seen);
  if (types.has("number")) types.delete("integer");
  const nonNull = [...types].filter((t) => t !== "null");
  const typeList = types.has("null") ? [...nonNull, "null"] : nonNull;
  return typeList.length === 0 ? {} : { type: typeList.length === 1 ? typeList[0]! : typeList };
}

/** A schema for the values seen: their types, a format every string has, a closed set of few short values. */
function inferSchema(
  values: readonly Json[],
  evidence: Pick<Evidence, "more" | "occurrences">,
): { [key: string]: Json } {
  const types = new Set(values.map(jsonTypeOf));
  const schema = typeSchema(types);
  const nonNull = [...types].filter((t) => t !== "null" && !(t === "integer" && types.has("number")));
  if (nonNull.length !== 1) return schema;
  const present = values.filter((v) => v !== null);
  if (nonNull[0] === "string") {
    const strings = present as string[];
    if (strings.every((s) => DATE_TIME.test(s))) schema.format = "date-time";
    else if (strings.every((s) => UUID.test(s))) schema.format = "uuid";
    else if (
      !evidence.more &&
      strings.length <= 3 &&
      evidence.occurrences >= 2 * strings.length &&
      strings.every((s) => IDENTIFIER.test(s))
    ) {
      schema.enum = types.has("null") ? [...strings, null] : strings;
    }
  } else if (nonNull[0] === "object") {
    const keys = new Map<string, Json[]>();
    for (const object of present as Array<{ [key: string]: Json }>)
      for (const [k, v] of Object.entries(object)) keys.set(k, [...(keys.get(k) ?? []), v]);
    schema.properties = Object.fromEntries(
      [...keys].map(([k, vs]) => [k, inferSchema(vs, { more: true, occurrences: vs.length })]),
    );
  } else if (nonNull[0] === "array") {
    const items = (present as Json[][]).flat();
    if (items.length > 0) schema.items = inferSchema(items, { more: true, occurrences: items.length });
  }
  return schema;
}

function describeSchema(schema: { [key: string]: Json }): string {
  const type = Array.isArray(schema.type)
    ? schema.type.join(" or ")
    : typeof schema.type === "string"
      ? schema.type
      : undefined;
  const noun = type === undefined ? "any value" : `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;
  const extra = [
    typeof schema.format === "string" ? `format ${schema.format}` : "",
    Array.isArray(schema.enum) ? `one of ${list(schema.enum)}` : "",
  ].filter(Boolean);
  return `${noun}${extra.length > 0 ? ` (${extra.join(", ")})` : ""}`;
}

/** A schema pointer in words: `components.schemas.SipEndpoint.properties.send_as`, or the operation. */
function describe(specPointer: string): string {
  const tokens = splitPointer(specPointer);
  if (tokens[0] === "paths" && tokens.length >= 3) {
    const op = Object.entries(operations).find(([, o]) => o.path === tokens[1] && o.method.toLowerCase() === tokens[2]);
    return `${op ? (op[0] as OperationId) : `${tokens[2]!.toUpperCase()} ${tokens[1]}`}${tokens.length > 3 ? ` (${tokens.slice(3).join(".")})` : ""}`;
  }
  return `\`${tokens.join(".")}\``;
}

function list(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}
