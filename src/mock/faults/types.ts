import type { CheckId } from "../../checks/registry";
import type { OperationId } from "../../spec";
import type { CoreDeps } from "../deps";
import type { Credentials, MockHandler } from "../types";

/** Knobs of the profiles that wait or count, so tests can keep them fast and exact. */
export interface FaultOptions {
  /** `slow`: how long each affected answer is held back, in ms (default 60000). */
  delayMs?: number;
  /** `rate-limit`, `retry-after-missing`: how many requests after start answer 429 (default 2). */
  count?: number;
  /** `rate-limit`: the `Retry-After` value in seconds (default 1). */
  retryAfterSeconds?: number;
  /** `flaky-500`: one affected request in this many fails, starting with the first (default 2). */
  failEvery?: number;
}

/** The names of the knobs, for the CLI and for checking options at run time. */
export const FAULT_OPTION_NAMES = [
  "delayMs",
  "count",
  "retryAfterSeconds",
  "failEvery",
] as const satisfies readonly (keyof FaultOptions)[];

interface FaultContext {
  options: FaultOptions;
  /** The credentials the mock accepts, for profiles that stand in for the caller. */
  credentials: Credentials;
  /** Aborted when the server closes, so waiting profiles let go at once. */
  signal: AbortSignal;
}

/**
 * A named, deliberate way of drifting from the spec. A profile wraps the honest core (or, when it
 * must change how the core behaves, swaps one of the core's dependencies); the core itself never
 * asks which fault is active.
 */
export interface FaultProfile {
  /** One or two sentences; printed by `npm run mock -- --help`. */
  description: string;
  /** The operations whose answers the profile changes; every other operation stays honest. */
  operations: readonly OperationId[];
  /**
   * Ids of the checks (src/checks) that find this drift: response checks that fire on an affected
   * answer, or the scenario check that judges the behaviour (a delete, a walk, a bad request).
   * Empty for the profiles that test a client's resilience (timeouts, retries) rather than the
   * spec: every answer they send is documented.
   */
  checks: readonly CheckId[];
  /** The knobs of `FaultOptions` this profile reads; any other given with it is refused, not ignored. */
  options?: readonly (keyof FaultOptions)[];
  configure?: (deps: CoreDeps) => CoreDeps;
  wrap?: (next: MockHandler, context: FaultContext) => MockHandler;
}
