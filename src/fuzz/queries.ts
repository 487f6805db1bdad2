/**
 * Query strings for an operation, from its query validator's schema: valid ones, ones with one
 * parameter's rule broken, and raw text a careless client might write.
 */
import fc, { type Arbitrary } from "fast-check";
import { coerceQuery, operations, type OperationId } from "../spec";
import { validate, type ValidatorName } from "../spec/validators";
import { brokenObjectArb, validObjectArb } from "./bodies";

/** A query case: the text after `?`, and, for one broken rule, the parameter it concerns. */
export interface QueryCase {
  kind: "valid" | "broken" | "raw";
  text: string;
  field?: string;
}

const queryText = (query: Record<string, unknown>) =>
  new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();

/** Whether the spec's query validator accepts a query string (after the usual coercion of numbers). */
export function queryProblems(operationId: OperationId, text: string) {
  const name = operations[operationId].queryValidator as ValidatorName | null;
  return name ? validate(name, coerceQuery(operationId, new URLSearchParams(text))) : [];
}

export function queryArb(operationId: OperationId): Arbitrary<QueryCase> {
  const validator = operations[operationId].queryValidator as ValidatorName | null;
  if (!validator) return fc.constant({ kind: "valid", text: "" });
  const valid = validObjectArb(validator).map((c): QueryCase => ({ kind: "valid", text: queryText(c.value) }));
  const broken = brokenObjectArb(validator)
    .filter((c) => c.field !== null)
    .map((c): QueryCase => ({ kind: "broken", text: queryText(c.value as Record<string, unknown>), field: c.field! }))
    // A query string carries text: a wrong-typed value may read as a right one once it is text
    // (and then break another rule, such as a page number that now needs a token). Keep only
    // cases whose problems include one with the field they broke.
    .filter((c) =>
      queryProblems(operationId, c.text).some(
        (e) =>
          e.instancePath === `/${c.field}` || (e.params as { missingProperty?: string }).missingProperty === c.field,
      ),
    );
  // Raw text: the operation's parameter names (and some that are not) with values of any shape,
  // stray `%` escapes included, exactly as a careless client might write them.
  const names = fc.constantFrom(
    ...operations[operationId].parameters.filter((p) => p.in === "query").map((p) => p.name),
    "unknown",
    "",
  );
  const valueText = fc.string({ unit: fc.constantFrom(..."0123456789-+.%aAfFzZ_~"), maxLength: 12 });
  const raw = fc.array(fc.tuple(names, valueText, fc.boolean()), { maxLength: 5 }).map(
    (parts): QueryCase => ({
      kind: "raw",
      text: parts.map(([name, value, withValue]) => (withValue ? `${name}=${value}` : name)).join("&"),
    }),
  );
  return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 2, arbitrary: broken }, { weight: 1, arbitrary: raw });
}
