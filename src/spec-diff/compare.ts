/**
 * What a spec change means for code that uses the client: each difference between two versions
 * of the spec, per operation, classified breaking or non-breaking, with oasdiff's rule ids as the
 * vocabulary. The two sides are judged oppositely: a response may only narrow what the client
 * receives (a field removed, a type changed, a value it did not know, a field that may now be
 * missing or null all break code written against the old types), a request may only widen what
 * the client may send (a field removed or made required breaks calls that compiled before).
 *
 * Schemas are compared as the client's types see them: `$ref`s followed, `allOf` merged,
 * `anyOf`/`oneOf` as the union of their branches. Conditional rules (`if`/`then`) and
 * descriptions are not compared.
 */
import { deref } from "../spec/deref";
import { operationSites, type OperationSite } from "../spec-build/walk";
import { isPlainObject, pointer, type Json, type JsonObject } from "../spec/json-pointer";

type ChangeClass = "breaking" | "non-breaking";

export interface SpecChange {
  class: ChangeClass;
  /** oasdiff's id for the rule, e.g. `response-property-removed`. */
  rule: string;
  /** `GET /endpoints/sip/{id}`. */
  operation: string;
  /** Where in the operation, e.g. `response 200 /data/items/send_as` or `request body /caller_id`. */
  where: string;
  detail: string;
}

interface View {
  /** undefined: any type. */
  types: Set<string> | undefined;
  properties: Map<string, Json>;
  required: Set<string>;
  enum: Json[] | undefined;
  format: string | undefined;
  items: Json | undefined;
}

type Side = "request" | "response";

export function compareSpecs(base: JsonObject, head: JsonObject): SpecChange[] {
  const changes: SpecChange[] = [];
  const baseOps = operationsOf(base);
  const headOps = operationsOf(head);
  for (const [key, op] of baseOps) {
    if (!headOps.has(key))
      changes.push({
        class: "breaking",
        rule: "endpoint-removed",
        operation: key,
        where: "",
        detail: "the operation is gone",
      });
    else compareOperation(base, head, key, op, headOps.get(key)!, changes);
  }
  for (const key of headOps.keys())
    if (!baseOps.has(key))
      changes.push({
        class: "non-breaking",
        rule: "endpoint-added",
        operation: key,
        where: "",
        detail: "a new operation",
      });
  return changes;
}

function operationsOf(doc: JsonObject): Map<string, OperationSite> {
  const out = new Map<string, OperationSite>();
  for (const site of operationSites(doc)) out.set(`${site.method.toUpperCase()} ${site.path}`, site);
  return out;
}

function compareOperation(
  base: JsonObject,
  head: JsonObject,
  operation: string,
  siteBefore: OperationSite,
  siteAfter: OperationSite,
  changes: SpecChange[],
): void {
  const add = (cls: ChangeClass, rule: string, where: string, detail: string) =>
    changes.push({ class: cls, rule, operation, where, detail });
  const before = siteBefore.op;
  const after = siteAfter.op;

  // Parameters, by location and name (path-level ones included).
  const paramsBefore = parametersOf(base, siteBefore);
  const paramsAfter = parametersOf(head, siteAfter);
  for (const [name, p] of paramsBefore) {
    const q = paramsAfter.get(name);
    if (!q) {
      add("breaking", "request-parameter-removed", `parameter ${name}`, "calls that pass it no longer compile");
      continue;
    }
    if (!p.required && q.required)
      add("breaking", "request-parameter-became-required", `parameter ${name}`, "calls without it no longer compile");
    if (p.required && !q.required)
      add("non-breaking", "request-parameter-became-optional", `parameter ${name}`, "it may be left out");
    compareSchemas(base, head, "request", `parameter ${name}`, p.schema, q.schema, add, 0);
  }
  for (const [name, q] of paramsAfter) {
    if (paramsBefore.has(name)) continue;
    if (q.required)
      add("breaking", "new-required-request-parameter", `parameter ${name}`, "calls without it no longer compile");
    else add("non-breaking", "new-optional-request-parameter", `parameter ${name}`, "a new optional parameter");
  }

  // Request body.
  const bodyBefore = jsonSchema(base, before.requestBody);
  const bodyAfter = jsonSchema(head, after.requestBody);
  if (bodyBefore !== undefined && bodyAfter !== undefined)
    compareSchemas(base, head, "request", "request body", bodyBefore, bodyAfter, add, 0);
  else if (bodyBefore === undefined && bodyAfter !== undefined)
    add("breaking", "request-body-added", "request body", "calls without a body no longer compile");
  else if (bodyBefore !== undefined && bodyAfter === undefined)
    add("breaking", "request-body-removed", "request body", "calls that send one no longer compile");

  // Responses, by status.
  const responsesBefore = isPlainObject(before.responses) ? before.responses : {};
  const responsesAfter = isPlainObject(after.responses) ? after.responses : {};
  for (const status of Object.keys(responsesBefore)) {
    const success = status.startsWith("2");
    if (!(status in responsesAfter)) {
      if (success)
        add("breaking", "response-success-status-removed", `response ${status}`, "code that handles it expects it");
      else
        add(
          "non-breaking",
          "response-non-success-status-removed",
          `response ${status}`,
          "an error status no longer documented",
        );
      continue;
    }
    const a = jsonSchema(base, responsesBefore[status]);
    const b = jsonSchema(head, responsesAfter[status]);
    if (a !== undefined && b !== undefined) compareSchemas(base, head, "response", `response ${status}`, a, b, add, 0);
    else if (a !== undefined && b === undefined)
      add("breaking", "response-body-removed", `response ${status}`, "the body the types promise is gone");
    else if (a === undefined && b !== undefined)
      add("non-breaking", "response-body-added", `response ${status}`, "a body is now documented");
  }
  for (const status of Object.keys(responsesAfter)) {
    if (status in responsesBefore) continue;
    add(
      "non-breaking",
      status.startsWith("2") ? "response-success-status-added" : "response-non-success-status-added",
      `response ${status}`,
      "a status is now documented",
    );
  }
}

function parametersOf(doc: JsonObject, site: OperationSite): Map<string, { required: boolean; schema: Json }> {
  const out = new Map<string, { required: boolean; schema: Json }>();
  const lists = [site.item.parameters, site.op.parameters];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = resolve(doc, raw);
      if (!isPlainObject(p) || typeof p.name !== "string") continue;
      out.set(`${String(p.in)}.${p.name}`, { required: p.required === true, schema: p.schema ?? {} });
    }
  }
  return out;
}

function jsonSchema(doc: JsonObject, holder: Json | undefined): Json | undefined {
  const resolved = resolve(doc, holder);
  if (!isPlainObject(resolved) || !isPlainObject(resolved.content)) return undefined;
  const media = Object.entries(resolved.content).find(([type]) => /json/i.test(type))?.[1];
  return isPlainObject(media) ? (media.schema ?? {}) : undefined;
}

type Add = (cls: ChangeClass, rule: string, where: string, detail: string) => void;

function compareSchemas(
  base: JsonObject,
  head: JsonObject,
  side: Side,
  context: string,
  before: Json,
  after: Json,
  add: Add,
  depth: number,
  path = "",
): void {
  if (depth > 12) return;
  const where = path === "" ? context : `${context} ${path}`;
  const a = view(base, before);
  const b = view(head, after);
  const response = side === "response";
  const rule = (what: string) => `${side}-property-${what}`;

  if (a.types && b.types) {
    const nullBefore = a.types.has("null");
    const nullAfter = b.types.has("null");
    if (!nullBefore && nullAfter)
      add(
        response ? "breaking" : "non-breaking",
        rule("became-nullable"),
        where,
        response ? "code must now handle null" : "null may now be sent",
      );
    if (nullBefore && !nullAfter)
      add(
        response ? "non-breaking" : "breaking",
        rule("became-not-nullable"),
        where,
        response ? "null is no longer sent" : "calls that send null no longer compile",
      );
    const plain = (s: Set<string>) => [...s].filter((t) => t !== "null").sort();
    const [pa, pb] = [plain(a.types), plain(b.types)];
    if (pa.join() !== pb.join()) {
      const widened = pa.every((t) => pb.includes(t) || (t === "integer" && pb.includes("number")));
      const cls = response ? "breaking" : widened ? "non-breaking" : "breaking";
      add(
        cls,
        rule(widened && !response ? "type-generalized" : "type-changed"),
        where,
        `${pa.join(" | ") || "any"} → ${pb.join(" | ") || "any"}`,
      );
    }
  } else if (a.types && !b.types) {
    add(response ? "breaking" : "non-breaking", rule("type-changed"), where, `${[...a.types].join(" | ")} → any`);
  } else if (!a.types && b.types) {
    add(response ? "non-breaking" : "breaking", rule("type-changed"), where, `any → ${[...b.types].join(" | ")}`);
  }

  if (a.enum && b.enum) {
    const key = (v: Json) => JSON.stringify(v);
    const added = b.enum.filter((v) => !a.enum!.some((w) => key(w) === key(v)));
    const removed = a.enum.filter((v) => !b.enum!.some((w) => key(w) === key(v)));
    if (added.length > 0)
      add(
        response ? "breaking" : "non-breaking",
        rule("enum-value-added"),
        where,
        `${list(added)}${response ? ": an exhaustive switch misses it" : ""}`,
      );
    if (removed.length > 0)
      add(response ? "non-breaking" : "breaking", rule("enum-value-removed"), where, list(removed));
  } else if (a.enum && !b.enum) {
    add(response ? "breaking" : "non-breaking", rule("enum-removed"), where, "any value may now appear");
  } else if (!a.enum && b.enum) {
    add(response ? "non-breaking" : "breaking", rule("enum-added"), where, `only ${list(b.enum)}`);
  }

  if (a.format !== b.format) {
    const stricter = b.format !== undefined;
    add(
      response || !stricter ? "non-breaking" : "breaking",
      rule(a.format === undefined ? "format-added" : b.format === undefined ? "format-removed" : "format-changed"),
      where,
      `${a.format ?? "none"} → ${b.format ?? "none"}`,
    );
  }

  for (const [name, schema] of a.properties) {
    const at = `${context} ${path}${pointer(name)}`;
    const next = b.properties.get(name);
    if (next === undefined) {
      add(
        "breaking",
        rule("removed"),
        at,
        response ? "code that reads it no longer compiles" : "calls that send it no longer compile",
      );
      continue;
    }
    const wasRequired = a.required.has(name);
    const isRequired = b.required.has(name);
    if (wasRequired && !isRequired)
      add(
        response ? "breaking" : "non-breaking",
        rule("became-optional"),
        at,
        response ? "code must now handle it missing" : "it may be left out",
      );
    if (!wasRequired && isRequired)
      add(
        response ? "non-breaking" : "breaking",
        rule("became-required"),
        at,
        response ? "it is now always sent" : "calls without it no longer compile",
      );
    compareSchemas(base, head, side, context, schema, next, add, depth + 1, `${path}${pointer(name)}`);
  }
  for (const name of b.properties.keys()) {
    if (a.properties.has(name)) continue;
    const at = `${context} ${path}${pointer(name)}`;
    const required = b.required.has(name);
    if (response)
      add(
        "non-breaking",
        required ? "response-required-property-added" : "response-optional-property-added",
        at,
        "a new field",
      );
    else
      add(
        required ? "breaking" : "non-breaking",
        required ? "new-required-request-property" : "new-optional-request-property",
        at,
        required ? "calls without it no longer compile" : "a new optional field",
      );
  }
  if (a.items !== undefined && b.items !== undefined)
    compareSchemas(base, head, side, context, a.items, b.items, add, depth + 1, `${path}[]`);
}

/** A schema as the client's types see it. */
function view(doc: JsonObject, schema: Json, depth = 0): View {
  const out: View = {
    types: undefined,
    properties: new Map(),
    required: new Set(),
    enum: undefined,
    format: undefined,
    items: undefined,
  };
  const node = resolve(doc, schema);
  if (!isPlainObject(node) || depth > 12) return out;
  if (typeof node.type === "string") out.types = new Set([node.type]);
  else if (Array.isArray(node.type)) out.types = new Set(node.type.map(String));
  if (Array.isArray(node.enum)) out.enum = [...node.enum];
  if ("const" in node) out.enum = [node.const as Json];
  if (typeof node.format === "string") out.format = node.format;
  if (node.items !== undefined) out.items = node.items;
  if (isPlainObject(node.properties)) for (const [k, v] of Object.entries(node.properties)) out.properties.set(k, v);
  if (Array.isArray(node.required)) for (const r of node.required) out.required.add(String(r));
  if (Array.isArray(node.allOf)) {
    for (const branch of node.allOf) {
      const v = view(doc, branch, depth + 1);
      out.types ??= v.types;
      out.enum ??= v.enum;
      out.format ??= v.format;
      out.items ??= v.items;
      for (const [k, s] of v.properties) if (!out.properties.has(k)) out.properties.set(k, s);
      for (const r of v.required) out.required.add(r);
    }
  }
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = node[key];
    if (!Array.isArray(branches)) continue;
    const views = branches.map((b) => view(doc, b, depth + 1));
    const types = new Set<string>();
    let open = false;
    for (const v of views) {
      if (!v.types) open = true;
      else for (const t of v.types) types.add(t);
      for (const [k, s] of v.properties) if (!out.properties.has(k)) out.properties.set(k, s);
      out.items ??= v.items;
    }
    if (!out.types) out.types = open ? undefined : types;
    if (views.every((v) => v.enum) && !out.enum) out.enum = views.flatMap((v) => v.enum!);
  }
  return out;
}

function resolve(doc: JsonObject, node: Json | undefined): Json | undefined {
  return node === undefined ? undefined : deref(doc, node)?.node;
}

function list(values: readonly Json[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}
