/**
 * Per-test shaping: `mock.override({ operationId, status, … })` answers the next `times` requests
 * of one operation as given, before auth and faults, whoever sends them. Without a body, a status
 * gets the answer the mock documents for it: a success the operation's own answer (the store
 * changes as it would), an error the spec's error body (`Retry-After` on a 429, one item on a 422,
 * `WWW-Authenticate` on a 401).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { operations, type OperationId } from "../spec";
import { MockConfigError } from "./credentials";
import { json, plainError, unprocessable, validationItem } from "./responses";
import type { MockResponse } from "./types";

export interface MockOverride {
  operationId: OperationId;
  /** 200 to 599. */
  status: number;
  /** The JSON body sent instead of the default one for the status. */
  body?: unknown;
  /** Headers added to (or replacing those of) the answer; lower-case names are used as given. */
  headers?: Record<string, string>;
  /** Held back this long before answering, in ms (a slow answer for a timeout test). */
  delayMs?: number;
  /** How many matching requests it answers (default 1). */
  times?: number;
}

interface Pending {
  given: MockOverride;
  remaining: number;
}

/** Statuses whose answers cannot carry a body. */
const NULL_BODY = new Set([204, 205, 304]);

const isWhole = (value: unknown, min: number, max: number) =>
  typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;

function checkOverride(given: MockOverride): void {
  if (given === null || typeof given !== "object")
    throw new MockConfigError("override needs an object: { operationId, status, body?, headers?, delayMs?, times? }");
  const known = Object.keys(operations);
  for (const key of Object.keys(given)) {
    if (!["operationId", "status", "body", "headers", "delayMs", "times"].includes(key))
      throw new MockConfigError(`override: unknown key "${key}"`);
  }
  if (!known.includes(String(given.operationId)))
    throw new MockConfigError(
      `override: unknown operationId ${JSON.stringify(String(given.operationId))}; known: ${known.join(", ")}`,
    );
  if (!isWhole(given.status, 200, 599))
    throw new MockConfigError(`override: status must be a whole number from 200 to 599, not ${String(given.status)}`);
  if (given.times !== undefined && !isWhole(given.times, 1, Number.MAX_SAFE_INTEGER))
    throw new MockConfigError(`override: times must be a whole number of 1 or more, not ${String(given.times)}`);
  if (given.delayMs !== undefined && !isWhole(given.delayMs, 0, 86_400_000))
    throw new MockConfigError(`override: delayMs must be a whole number of 0 or more, not ${String(given.delayMs)}`);
  if (given.headers !== undefined) {
    if (given.headers === null || typeof given.headers !== "object")
      throw new MockConfigError("override: headers must be an object of strings");
    for (const [name, value] of Object.entries(given.headers)) {
      if (typeof value !== "string") throw new MockConfigError(`override: headers.${name} must be a string`);
    }
  }
  if (given.body !== undefined && NULL_BODY.has(given.status))
    throw new MockConfigError(`override: a ${given.status} answer cannot carry a body`);
}

/** The documented error answer for a status, or undefined for a success (the operation answers it). */
function errorAnswer(status: number): MockResponse | undefined {
  if (status < 300) return undefined;
  if (status === 401) return plainError(401, { "www-authenticate": 'Basic realm="SignalWire"' });
  if (status === 422) return unprocessable([validationItem("is invalid")]);
  if (status === 429) return plainError(429, { "retry-after": "1" });
  return plainError(status);
}

export class Overrides {
  private pending: Pending[] = [];

  add(given: MockOverride): void {
    checkOverride(given);
    this.pending.push({
      given: { ...given, headers: given.headers ? { ...given.headers } : undefined },
      remaining: given.times ?? 1,
    });
  }

  clear(): void {
    this.pending = [];
  }

  /** Takes one use of the oldest override for the operation, if any. */
  take(operationId: OperationId): MockOverride | undefined {
    const index = this.pending.findIndex((p) => p.given.operationId === operationId);
    if (index === -1) return undefined;
    const found = this.pending[index]!;
    found.remaining -= 1;
    if (found.remaining === 0) this.pending.splice(index, 1);
    return found.given;
  }
}

/**
 * The answer of an override. `operate` is the operation's own answer, asked for only when the
 * override leaves the body to it (a success without a body).
 */
export async function answerOverride(
  given: MockOverride,
  operate: () => MockResponse | Promise<MockResponse>,
  signal: AbortSignal,
): Promise<MockResponse> {
  if (given.delayMs) await sleep(given.delayMs, undefined, { signal });
  const base =
    given.body !== undefined
      ? json(given.status, given.body)
      : (errorAnswer(given.status) ?? { ...(await operate()), status: given.status });
  const headers = { ...base.headers, ...given.headers };
  const answer: MockResponse = { ...base, status: given.status, headers };
  if (NULL_BODY.has(given.status)) {
    delete answer.body;
    delete answer.text;
  }
  return answer;
}
