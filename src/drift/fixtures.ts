/**
 * The request bodies and queries the scenarios send, derived from the spec's validators rather than
 * written from knowledge of the API: the handler kinds come from the enum the validator reports,
 * each handler's companion field from the `required` error it raises without one, and every
 * "invalid" request is confirmed invalid by the validator (the finding's pointer comes from it).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { errorPointer, isWrapperError } from "../spec/schema-error";
import { validate, type SchemaError, type ValidatorName } from "../spec/validators";
import { isPlainObject } from "../spec/json-pointer";
import { specDocument } from "./spec-location";
import { isSecretField } from "./secret-fields";

interface InvalidCase {
  name: string;
  /** Where the validator says the request is wrong (into the body or the query). */
  pointer: string;
  rule: string;
}

export interface InvalidBody extends InvalidCase {
  body: Record<string, unknown>;
}

export interface InvalidQuery extends InvalidCase {
  query: Record<string, number | string>;
}

const CREATE = "create_sip_endpoint_request" as ValidatorName;
const UPDATE = "update_sip_endpoint_request" as ValidatorName;
const LIST_QUERY = "list_sip_endpoints_query" as ValidatorName;

/** A fresh SIP password; the run registers every one as a secret to scrub from output. */
export function newPassword(): string {
  return `Dr1ft-${randomBytes(15).toString("base64url")}`;
}

/** The call handlers the spec documents, read from the enum error of an impossible value. */
function handlerKinds(): string[] {
  const errors = validate(UPDATE, { call_handler: "\u0000" });
  const enumError = errors.find((e) => e.keyword === "enum" && e.instancePath === "/call_handler");
  return ((enumError?.params as { allowedValues?: unknown[] } | undefined)?.allowedValues ?? []).filter(
    (v): v is string => typeof v === "string",
  );
}

/** The field a handler needs alongside it, as the validator demands it; undefined when none. */
function companionOf(handler: string): string | undefined {
  const errors = validate(CREATE, { username: "probe", password: "probe", call_handler: handler });
  return errors
    .filter((e) => e.keyword === "required")
    .map((e) => String((e.params as { missingProperty: string }).missingProperty))[0];
}

/**
 * The request fields the spec marks `x-reference`: each names another resource of the Space (a
 * video room, a call flow), which a Space may check exists. By field, what it names.
 */
export function referenceFields(): ReadonlyMap<string, string> {
  const found = new Map<string, string>();
  const schemas =
    isPlainObject(specDocument) &&
    isPlainObject(specDocument.components) &&
    isPlainObject(specDocument.components.schemas)
      ? specDocument.components.schemas
      : {};
  for (const schema of Object.values(schemas)) {
    const properties = isPlainObject(schema) && isPlainObject(schema.properties) ? schema.properties : {};
    for (const [field, property] of Object.entries(properties)) {
      if (isPlainObject(property) && typeof property["x-reference"] === "string")
        found.set(field, property["x-reference"]);
    }
  }
  return found;
}

/**
 * The optional request fields the spec marks `x-handler`, by handler kind: a field that serves
 * that handler only (a status callback of a `relay_topic` endpoint). References and write-only
 * fields are left out: they need values of the Space.
 */
function handlerFields(): ReadonlyMap<string, string[]> {
  const found = new Map<string, string[]>();
  const schemas =
    isPlainObject(specDocument) &&
    isPlainObject(specDocument.components) &&
    isPlainObject(specDocument.components.schemas)
      ? specDocument.components.schemas
      : {};
  for (const schema of Object.values(schemas)) {
    const properties = isPlainObject(schema) && isPlainObject(schema.properties) ? schema.properties : {};
    for (const [field, property] of Object.entries(properties)) {
      if (
        !isPlainObject(property) ||
        typeof property["x-handler"] !== "string" ||
        property["x-reference"] !== undefined ||
        isSecretField(field)
      )
        continue;
      const fields = found.get(property["x-handler"]) ?? [];
      if (!fields.includes(field)) found.set(property["x-handler"], [...fields, field]);
    }
  }
  return found;
}

/** Where the companion values of the create bodies come from. */
export interface CompanionValues {
  /** Values given for companion fields (`--fixture FIELD=VALUE`), used as they are. */
  given: Readonly<Record<string, string>>;
  /** Reference values seen in the Space's own endpoints, by field. */
  seen: ReadonlyMap<string, string>;
  /** Make references up (the mock checks none); against a Space only given or seen ones are sent. */
  invent: boolean;
}

const INVENTED: CompanionValues = { given: {}, seen: new Map(), invent: true };

/** The fields a handler kind needs alongside it, for which `--fixture` may give a value. */
function companionFields(): string[] {
  return [...new Set(handlerKinds().flatMap((handler) => companionOf(handler) ?? []))];
}

/** Why a value given for a field cannot be sent, or undefined when it can. */
export function fixtureProblem(field: string, value: string): string | undefined {
  const fields = companionFields();
  if (!fields.includes(field)) return `${field} is no field a handler kind needs; give one of ${fields.join(", ")}`;
  const errors = validate(CREATE, { username: "fixture", password: "fixture", [field]: value });
  const problem = errors.find((e) => e.instancePath === `/${field}`);
  if (!problem) return undefined;
  // A write-only value (`call_flow_id`) is one the job never writes down, here either.
  const given = isSecretField(field)
    ? `the value given for ${field} (write-only, so not shown)`
    : `${field} ${JSON.stringify(value)}`;
  return `the spec refuses ${given}: it ${problem.message ?? problem.keyword}`;
}

type Companion = { field: string; value: string; reference?: string } | { field: string; missing: string } | undefined;

function companionFor(handler: string, values: CompanionValues): Companion {
  const field = companionOf(handler);
  if (!field) return undefined;
  const reference = referenceFields().get(field);
  const given = values.given[field] ?? (reference !== undefined ? values.seen.get(field) : undefined);
  if (given !== undefined) return { field, value: given, ...(reference !== undefined ? { reference } : {}) };
  if (reference !== undefined && !values.invent) return { field, missing: reference };
  const body = { username: "probe", password: "probe", call_handler: handler };
  const candidates = [randomUUID(), `https://example.com/drift/${handler}`];
  return {
    field,
    value: candidates.find((value) => validate(CREATE, { ...body, [field]: value }).length === 0) ?? candidates[0]!,
  };
}

/**
 * One valid create body per handler kind the run can create, plus one with no handler. A
 * companion value is the one given for its field, else (for a reference) one seen in the Space,
 * else the first candidate (a UUID, then a URL) the validator accepts — made up only where
 * `values.invent` allows it for a reference. `reference` says what the companion names, if anything.
 */
export function validCreateBodies(
  prefix: string,
  password: () => string,
  values: CompanionValues = INVENTED,
): Array<{ handler: string; body: Record<string, unknown>; reference?: { field: string; what: string } }> {
  const cases: Array<{ handler: string; body: Record<string, unknown>; reference?: { field: string; what: string } }> =
    [];
  for (const handler of ["none", ...handlerKinds()]) {
    const companion = handler === "none" ? undefined : companionFor(handler, values);
    if (companion && "missing" in companion) continue;
    const body: Record<string, unknown> = {
      username: `${prefix}${handler}`,
      password: password(),
      caller_id: "drift check",
    };
    if (handler !== "none") body.call_handler = handler;
    if (companion) body[companion.field] = companion.value;
    // The handler's optional fields too, so every field an answer can hold is seen with a value.
    for (const field of handlerFields().get(handler) ?? []) {
      const candidates = [`https://example.com/drift/${handler}/${field}`, randomUUID()];
      const value = candidates.find((v) => validate(CREATE, { ...body, [field]: v }).length === 0);
      if (value !== undefined) body[field] = value;
    }
    const errors = validate(CREATE, body);
    if (errors.length > 0)
      throw new Error(
        `the spec refuses the generated create body for ${handler}: ${errors[0]!.message ?? errors[0]!.keyword}`,
      );
    cases.push({
      handler,
      body,
      ...(companion?.reference !== undefined
        ? { reference: { field: companion.field, what: companion.reference } }
        : {}),
    });
  }
  return cases;
}

/** The handler kinds the run cannot create: their companion names a resource of the Space, and none is known. */
export function kindsWithoutReference(
  values: CompanionValues,
): Array<{ handler: string; field: string; what: string }> {
  return handlerKinds().flatMap((handler) => {
    const companion = companionFor(handler, values);
    return companion && "missing" in companion ? [{ handler, field: companion.field, what: companion.missing }] : [];
  });
}

/** Create bodies the spec forbids; each keeps the run's prefix so that, if accepted, cleanup finds it. */
export function invalidCreateBodies(prefix: string, password: () => string): InvalidBody[] {
  const withCompanion = handlerKinds().find((h) => companionOf(h) !== undefined);
  const base = (n: number) => ({ username: `${prefix}invalid-${n}`, password: password() });
  const candidates: Array<{ name: string; body: Record<string, unknown> }> = [
    { name: "a username with white space", body: { ...base(1), username: `${prefix}invalid 1` } },
    { name: "no password", body: { username: `${prefix}invalid-2` } },
    { name: "an encryption outside the enum", body: { ...base(3), encryption: "sometimes" } },
    { name: "a caller_id that is not a string", body: { ...base(4), caller_id: 42 } },
    ...(withCompanion
      ? [
          {
            name: `call_handler ${withCompanion} without its companion field`,
            body: { ...base(5), call_handler: withCompanion },
          },
        ]
      : []),
  ];
  return confirmInvalid(CREATE, candidates, "body");
}

/** Update bodies the spec forbids. */
export function invalidUpdateBodies(): InvalidBody[] {
  return confirmInvalid(
    UPDATE,
    [{ name: "an encryption outside the enum", body: { encryption: "sometimes" } }],
    "body",
  );
}

/**
 * List queries the spec forbids: a page size of 0, and one just above the documented maximum
 * (read from the validator's own error, so a server that clamps answers one modest page).
 */
export function invalidListQueries(): InvalidQuery[] {
  const tooBig = validate(LIST_QUERY, { page_size: Number.MAX_SAFE_INTEGER }).find((e) => e.keyword === "maximum");
  const limit = (tooBig?.params as { limit?: unknown } | undefined)?.limit;
  const candidates = [
    { name: "page_size 0", query: { page_size: 0 } },
    ...(typeof limit === "number" ? [{ name: `page_size ${limit + 1}`, query: { page_size: limit + 1 } }] : []),
  ];
  return confirmInvalid(LIST_QUERY, candidates, "query");
}

/** True when the spec allows this list query (used to size the probe page of a walk). */
export function isValidListQuery(query: Record<string, unknown>): boolean {
  return validate(LIST_QUERY, query).length === 0;
}

function confirmInvalid<K extends "body" | "query", T extends { name: string } & Record<K, Record<string, unknown>>>(
  validator: ValidatorName,
  candidates: T[],
  key: K,
): Array<T & InvalidCase> {
  const out: Array<T & InvalidCase> = [];
  for (const candidate of candidates) {
    const problem = firstProblem(validate(validator, candidate[key]));
    if (problem) out.push({ ...candidate, ...problem });
  }
  return out;
}

/** The error a reader would fix first: not the `if`/`allOf` wrappers, but what broke inside them. */
function firstProblem(errors: SchemaError[]): { pointer: string; rule: string } | undefined {
  const real = errors.find((e) => !isWrapperError(e)) ?? errors[0];
  if (!real) return undefined;
  return { pointer: errorPointer(real), rule: real.message ?? real.keyword };
}
