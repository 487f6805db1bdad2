/**
 * The data the check catalogue works on. An exchange (one request and its response) is the unit
 * every check looks at; a finding is plain data that reports, JUnit cases and assertions are made of.
 */
import type { OperationId } from "../spec";
import type { CheckId } from "./registry";

export type Severity = "breaking" | "warning" | "info";

/** Higher is worse; `--fail-on` compares against this. */
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, breaking: 2 };

/** Every severity, the gravest first. */
export const SEVERITIES = (Object.keys(SEVERITY_RANK) as Severity[]).sort(
  (a, b) => SEVERITY_RANK[b] - SEVERITY_RANK[a],
);

export interface HttpExchange {
  operationId: OperationId;
  method: string;
  /** Absolute URL of the request, never with credentials in it. */
  url: string;
  /** The request body as sent (already free of secrets when it reaches a report). */
  requestBody?: unknown;
  status: number;
  /** Response headers with lower-case names. */
  headers: Record<string, string>;
  /** The raw response body; empty for none. */
  bodyText: string;
}

export interface Finding {
  /** Stable across runs: a hash of check, operation and (index-free) pointer, never of values. */
  id: string;
  check: CheckId;
  severity: Severity;
  operationId: string;
  method: string;
  /** The path template of the operation, e.g. `/endpoints/sip/{id}`. */
  path: string;
  status: number | null;
  /**
   * JSON pointer into the response body ("" for the whole body or for non-body findings).
   * `invalid-input-accepted` points into the refused request instead (its query or body), so
   * each broken rule is its own finding.
   */
  pointer: string;
  expected: string;
  actual: string;
  message: string;
}

/** What a check says before the shared fields are filled in from the exchange. */
export interface FindingDraft {
  pointer: string;
  expected: string;
  actual: string;
  message: string;
}

export interface CheckInfo<Id extends string = string> {
  id: Id;
  severity: Severity;
  /** One sentence: when the check fires. */
  firesWhen: string;
  /**
   * Where in the spec its findings belong, when not the documented response's schema at the
   * finding's pointer: the request that was refused, or the object schema that lacks the key.
   */
  locatedAt?: "request" | "owning-object";
  /** The spec change its findings ask for, which `--suggest-spec` writes from what the server sent. */
  suggests?: SpecChange;
}

/** The changes a suggested spec makes: each only widens what the spec allows. */
export type SpecChange = "add-property" | "add-enum" | "make-optional" | "widen-type" | "drop-format" | "add-response";
