import { escapePointerToken } from "../spec/json-pointer";
import { describeValue } from "./finding";
import { isSuccess, type ScenarioCheck } from "./scenario-check";
import type { HttpExchange } from "./types";

/**
 * An answer about one endpoint, and what it must show: the id asked for, and the values a create
 * or update just sent (write-only fields such as `password` are never compared).
 */
export interface ResourceEvidence {
  exchange: HttpExchange;
  /** The parsed body. */
  body: unknown;
  expectedId?: string;
  /** Fields sent, whose values the answer must carry as sent. */
  sent?: Readonly<Record<string, unknown>>;
  /** Values the endpoint had before an update: a field still showing one of them is `update-not-applied`'s. */
  before?: Readonly<Record<string, unknown>>;
  /** Pointers where the answer already breaks the schema: those are the schema checks' findings. */
  invalidAt?: ReadonlySet<string>;
}

/** Only scalars are compared: a server may order lists (codecs, ciphers) its own way. */
const comparable = (value: unknown) => value === null || ["string", "number", "boolean"].includes(typeof value);

export const resourceMismatch: ScenarioCheck<ResourceEvidence, "resource-mismatch"> = {
  id: "resource-mismatch",
  severity: "breaking",
  needs: "reads",
  firesWhen: "a retrieve answers another `id`, or a create or update answer does not carry the (scalar) values sent",
  run: ({ exchange, body, expectedId, sent, before, invalidAt }) => {
    if (!isSuccess(exchange.status) || body === null || typeof body !== "object") return [];
    const got = body as Record<string, unknown>;
    const drafts = [];
    if (expectedId !== undefined && got.id !== expectedId) {
      drafts.push({
        pointer: "/id",
        expected: expectedId,
        actual: describeValue(got.id),
        message: `asked for endpoint ${expectedId}, the answer is about ${describeValue(got.id)}`,
      });
    }
    for (const [field, value] of Object.entries(sent ?? {})) {
      if (field === "password" || !comparable(value) || !(field in got) || got[field] === value) continue;
      if (before && field in before && got[field] === before[field]) continue;
      if (invalidAt?.has(`/${escapePointerToken(field)}`)) continue;
      drafts.push({
        pointer: `/${escapePointerToken(field)}`,
        expected: describeValue(value),
        actual: describeValue(got[field]),
        message: `${field} was sent as ${describeValue(value)}, the answer shows ${describeValue(got[field])}`,
      });
    }
    return drafts;
  },
};
