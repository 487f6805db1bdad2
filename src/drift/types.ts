/**
 * The data of a drift run: what it was asked to do, and the report it produces. Reports are
 * plain JSON-able data; the JSON, Markdown and JUnit files are renderings of one `DriftReport`.
 */
import type { CoverageReport } from "./coverage";
import type { AcknowledgementStatus } from "./policy";
import type { Finding, HttpExchange, Severity } from "../checks";
import type { OperationId } from "../spec";
import type { RetriedAnswer } from "../client/types";

export type DriftMode = "read-only" | "read-write";

export const DRIFT_MODES: readonly DriftMode[] = ["read-only", "read-write"];
/** `replay`: no target at all, a recording judged again (`--replay`). */
export type TargetKind = "mock" | "live" | "replay";
/** `pass`, `drift` (findings at or above `failOn`) or `inconclusive` (the target could not be exercised). */
export type Outcome = "pass" | "drift" | "inconclusive";

/** Exit codes, in the order of the outcomes. */
export const EXIT_CODES: Record<Outcome, number> = { pass: 0, drift: 1, inconclusive: 2 };

export interface DriftCredentials {
  projectId: string;
  apiToken: string;
}

/** One request as the scenarios ask the client for it (the shape of the client's `send`). */
export interface DriftRequest {
  operationId: OperationId;
  params?: { id: string };
  query?: Record<string, string | number>;
  body?: unknown;
  /** The query string sent verbatim instead of `query` (that of a list page's `links.next`). */
  search?: string;
  auth?: "default" | "none" | DriftCredentials;
  signal?: AbortSignal;
}

/** What the client's `send` gives back: an exchange, never an exception for an HTTP status. */
export type DriftExchange = HttpExchange & {
  requestHeaders?: Record<string, string>;
  durationMs?: number;
  attempts?: number;
  requestId?: string;
  retried?: RetriedAnswer[];
};

export type SendFn = (request: DriftRequest) => Promise<DriftExchange>;

/**
 * A finding as the report holds it: the same drift seen many times (50 list items, every page) is
 * one entry, keyed by its stable id, with how often it was seen. The other fields are those of
 * the first occurrence, so `pointer` is the first place it was seen.
 */
export interface DriftFinding extends Finding {
  occurrences: number;
  /** The scenario step in which it was first seen. */
  step: string;
  /**
   * For a schema finding: the spec change that would make the spec allow what was seen, as a
   * sentence and a JSON Patch (RFC 6902) against the spec document (`generated/openapi.json`).
   */
  suggestion?: { text: string; patch: Array<{ op: "add" | "replace" | "remove"; path: string; value?: unknown }> };
  /** Acknowledged in the configuration: it does not make the run drift until `until` has passed (`expired`). */
  acknowledged?: { reason: string; until: string; expired: boolean };
}

export interface StepRecord {
  name: string;
  result: "passed" | "failed" | "incomplete" | "skipped";
  requests: number;
  /** Stable ids of the findings this step produced (each id once). */
  findings: string[];
  /** Why the step is incomplete or skipped. */
  note?: string;
}

export interface OperationCoverage {
  operationId: string;
  method: string;
  path: string;
  /** Status → how many responses had it. */
  exercised: Record<string, number>;
  /** Documented statuses (or ranges) no response had. */
  notExercised: string[];
  /** Statuses seen that the spec does not document for the operation. */
  undocumented: string[];
}

export interface DriftReport {
  tool: "sip-endpoints-drift";
  /** The package version that judged the run (for a replay: the version that replayed it). */
  toolVersion: string;
  reportVersion: 1;
  runId: string;
  outcome: Outcome;
  exitCode: number;
  /** Why the run is inconclusive, or what kept it from being complete. */
  reasons: string[];
  failOn: Severity;
  target: { kind: TargetKind; baseUrl: string; mode: DriftMode; fault?: string };
  spec: { path: string; sha256: string };
  startedAt: string;
  durationMs: number;
  summary: {
    requests: number;
    /** Extra attempts the client made (429, 5xx, timeouts) before the answers the checks saw. */
    retries: number;
    findings: Record<Severity, number>;
    /** Occurrences behind the findings (one finding may stand for many). */
    occurrences: number;
  };
  findings: DriftFinding[];
  /** What the run verified: statuses per operation, the coverage criteria and the level they reach. */
  coverage: CoverageReport;
  /**
   * Every check of the catalogue, and whether this run evaluated it; a check not evaluated is
   * never shown as passed (JUnit marks it skipped, with `note`).
   */
  checks: Array<{ id: string; severity: Severity; evaluated: boolean; findings: number; note?: string }>;
  /** The configuration's acknowledgements, each active, expired or not seen in this run. */
  acknowledgements: AcknowledgementStatus[];
  /** Check × operation pairs that were evaluated (JUnit makes one test case of each). */
  evaluated: Array<{ check: string; operationId: string }>;
  steps: StepRecord[];
  cleanup?: { created: number; deleted: number; leftovers: Array<{ id: string; username: string }> };
}
