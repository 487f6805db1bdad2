/**
 * Request bodies and query strings for an operation, generated from the schema its validator
 * checks: valid ones, ones with exactly one rule broken, and raw text that is not what the spec
 * asks for at all. Every case says what the spec makes of it, so the oracle needs no rules of its own.
 */
import fc, { type Arbitrary } from "fast-check";
import { operations, type OperationId } from "../spec";
import { validate, type ValidatorName } from "../spec/validators";
import { mediaTypeOf } from "../spec/media-type";
import { isSecretKey } from "../redact";
import { objectShape, validatorSchema } from "./schema";
import { anyJson, anyText, brokenValueArbs, valueArb } from "./values";

export interface GeneratorOptions {
  /** The value of every secret field (`password`); default: generated from the spec like any other. */
  password?: string;
}

export interface ValidCase {
  kind: "valid";
  value: Record<string, unknown>;
  /** Keys present only because a condition of the spec (`if`/`then`) requires them. */
  companions: string[];
}
export interface BrokenCase {
  kind: "broken";
  value: unknown;
  /** The field whose rule is broken; null when the body as a whole is wrong. */
  field: string | null;
  rule: string;
}
export interface RawCase {
  kind: "raw";
  what: string;
  bytes: Uint8Array;
  /** Null sends no Content-Type. */
  contentType: string | null;
}
export type BodyCase = ValidCase | BrokenCase | RawCase;

const requestValidator = (operationId: OperationId): ValidatorName => {
  const name = operations[operationId].requestBody?.validator;
  if (!name) throw new Error(`${operationId} has no JSON request body`);
  return name as ValidatorName;
};
const JSON_TYPE = (operationId: OperationId) => operations[operationId].requestBody!.contentTypes[0]!;

/**
 * The keys a condition requires and `value` lacks (`call_handler: laml_webhooks` needs
 * `call_request_url`). The spec's own validator says which: a `required` error under `then`.
 */
function missingCompanions(validator: ValidatorName, value: Record<string, unknown>): string[] {
  return validate(validator, value)
    .filter((e) => e.keyword === "required" && e.schemaPath.includes("/then/"))
    .map((e) => String((e.params as { missingProperty: string }).missingProperty))
    .filter((key, i, all) => !(key in value) && all.indexOf(key) === i);
}

/**
 * An object the validator accepts: its required keys, some optional ones, and the companions its
 * conditions ask for. Only the keys chosen are generated (URLs are costly to make).
 */
export function validObjectArb(validator: ValidatorName, options: GeneratorOptions = {}): Arbitrary<ValidCase> {
  const shape = objectShape(validatorSchema(validator));
  const arbs = Object.fromEntries(
    Object.entries(shape.properties).map(([name, schema]) => [
      name,
      isSecretKey(name) && options.password !== undefined ? fc.constant(options.password) : valueArb(schema),
    ]),
  );
  const recordOf = (keys: string[]) =>
    fc.record(Object.fromEntries(keys.filter((k) => k in arbs).map((k) => [k, arbs[k]!])));
  const optional = Object.keys(shape.properties).filter((name) => !shape.required.includes(name));
  return fc
    .subarray(optional)
    .chain((chosen) => recordOf([...shape.required, ...chosen]))
    .chain((value) => {
      const companions = missingCompanions(validator, value);
      if (companions.length === 0) return fc.constant<ValidCase>({ kind: "valid", value, companions });
      return recordOf(companions).map(
        (extra): ValidCase => ({ kind: "valid", value: { ...value, ...extra }, companions }),
      );
    })
    .filter((c) => validate(validator, c.value).length === 0);
}

/** An object with exactly one rule of the validator's schema broken, naming the field it concerns. */
export function brokenObjectArb(validator: ValidatorName, options: GeneratorOptions = {}): Arbitrary<BrokenCase> {
  const shape = objectShape(validatorSchema(validator));
  const fields = Object.keys(shape.properties).filter((name) => brokenValueArbs(shape.properties[name]).length > 0);
  return validObjectArb(validator, options)
    .chain((valid) => {
      // Field rules are the most numerous, so breaking one of them is the most frequent way.
      const ways: Array<fc.WeightedArbitrary<BrokenCase>> = [
        {
          weight: 4,
          arbitrary: fc.constantFrom(...fields).chain((field) =>
            fc.oneof(...brokenValueArbs(shape.properties[field])).map(({ rule, value }) => ({
              kind: "broken" as const,
              value: { ...valid.value, [field]: value },
              field,
              rule,
            })),
          ),
        },
        {
          weight: 1,
          arbitrary: fc
            .oneof(fc.array(anyJson, { maxLength: 2 }), anyText(), fc.integer(), fc.boolean(), fc.constant(null))
            .map((value) => ({ kind: "broken" as const, value, field: null, rule: "type" })),
        },
      ];
      const present = (keys: string[]) => keys.filter((key) => key in valid.value);
      const drop = (keys: string[], rule: string) =>
        fc.constantFrom(...keys).map((field) => {
          const { [field]: _dropped, ...rest } = valid.value;
          return { kind: "broken" as const, value: rest, field, rule };
        });
      if (present(shape.required).length > 0)
        ways.push({ weight: 1, arbitrary: drop(present(shape.required), "required") });
      if (valid.companions.length > 0) ways.push({ weight: 1, arbitrary: drop(valid.companions, "required") });
      return fc.oneof(...ways);
    })
    .filter((c) => validate(validator, c.value).length > 0);
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Bodies that are not a JSON object of the right media type, or that smuggle odd keys in. */
function rawBodyArb(operationId: OperationId, options: GeneratorOptions = {}): Arbitrary<RawCase> {
  const jsonType = JSON_TYPE(operationId);
  const accepted = operations[operationId].requestBody!.contentTypes as readonly string[];
  const valid = validObjectArb(requestValidator(operationId), options).map((c) => c.value);
  const raw =
    (what: string, contentType: string | null = jsonType) =>
    (text: string | Uint8Array) => ({
      kind: "raw" as const,
      what,
      bytes: typeof text === "string" ? utf8(text) : text,
      contentType,
    });
  const otherTypes = fc
    .constantFrom(
      "text/plain",
      "application/x-www-form-urlencoded",
      "application/xml",
      "multipart/form-data",
      "text/html",
    )
    .filter((t) => !accepted.includes(t));
  return fc.oneof(
    anyJson.map((v) => JSON.stringify(v)).map(raw("random JSON")),
    fc
      .tuple(
        valid,
        fc.dictionary(fc.constantFrom("__proto__", "constructor", "prototype"), anyJson, { minKeys: 1, maxKeys: 3 }),
      )
      .map(([body, odd]) => JSON.stringify(Object.assign(Object.create(null), body, odd)))
      .map(raw("prototype keys")),
    fc
      .tuple(valid, fc.nat())
      .map(([body, cut]) => {
        const text = JSON.stringify(body);
        return text.slice(0, cut % text.length);
      })
      .map(raw("truncated JSON")),
    anyText().map(raw("random text")),
    fc.uint8Array({ maxLength: 24 }).map(raw("random bytes")),
    fc
      .tuple(valid, fc.constantFrom([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]))
      .map(([body, bad]) => {
        // Bytes that are not UTF-8 inside the first string value: still JSON in shape, but not JSON text (RFC 8259 8.1).
        const text = utf8(JSON.stringify(body));
        const at = text.indexOf(0x22, text.indexOf(0x3a)) + 1;
        return raw("a string that is not UTF-8")(
          new Uint8Array([...text.subarray(0, at), ...bad, ...text.subarray(at)]),
        );
      }),
    fc
      .tuple(valid, otherTypes)
      .map(([body, type]) => raw("a JSON body of another media type", type)(JSON.stringify(body))),
    valid.map((body) => raw("no content type", null)(JSON.stringify(body))),
    fc.constant(raw("an empty body")("")),
  );
}

/** What the spec makes of a raw body: the parsed value when it is a valid request, else undefined. */
export function acceptedValue(operationId: OperationId, body: RawCase): { value: Record<string, unknown> } | undefined {
  const accepted = operations[operationId].requestBody?.contentTypes as readonly string[] | undefined;
  const mediaType = mediaTypeOf(body.contentType);
  if (!accepted?.includes(mediaType)) return undefined;
  let value: unknown;
  try {
    // JSON text is UTF-8 (RFC 8259 8.1): bytes that are not make the body unreadable, not altered.
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body.bytes));
  } catch {
    return undefined;
  }
  return validate(requestValidator(operationId), value).length === 0
    ? { value: value as Record<string, unknown> }
    : undefined;
}

export const bodyArb = (operationId: OperationId, options: GeneratorOptions = {}): Arbitrary<BodyCase> =>
  fc.oneof(
    validObjectArb(requestValidator(operationId), options),
    brokenObjectArb(requestValidator(operationId), options),
    rawBodyArb(operationId, options),
  );
