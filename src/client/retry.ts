/**
 * When to try a request again and how long to wait first. Pure functions of the policy and the
 * failed attempt, so tests drive them with an injected clock, sleep and random source.
 */
import { ConfigError } from "./errors";

export interface RetryPolicy {
  /** Attempts in all, the first one included (default 3; 1 disables retries). */
  maxAttempts: number;
  /** First backoff step; doubles with each retry (default 200 ms). */
  baseDelayMs: number;
  /** Largest backoff step (default 5 000 ms). */
  maxDelayMs: number;
  /** A `Retry-After` asking for more than this ends the retries instead of waiting (default 60 000 ms). */
  maxRetryAfterMs: number;
  /** Statuses worth another attempt (default 429, 502, 503, 504). POST only ever retries 429 and 503. */
  statuses: readonly number[];
  /** Waits between attempts; must reject when `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Wall clock in ms, for `Retry-After` dates and durations (default `Date.now`). */
  now: () => number;
  /** Jitter source in [0, 1) (default `Math.random`). */
  random: () => number;
}

/** How an attempt ended, as far as retrying is concerned. */
export type AttemptOutcome =
  | { kind: "status"; status: number; retryAfter: string | null }
  | { kind: "network"; refused: boolean }
  | { kind: "timeout" };

/** Statuses after which a POST cannot have created anything: the server refused before acting. */
const POST_SAFE_STATUSES = new Set([429, 503]);
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

export function resolveRetryPolicy(input: Partial<RetryPolicy> | false | undefined): RetryPolicy {
  const given = input === false ? { maxAttempts: 1 } : (input ?? {});
  const policy: RetryPolicy = {
    maxAttempts: 3,
    baseDelayMs: 200,
    maxDelayMs: 5_000,
    maxRetryAfterMs: 60_000,
    statuses: [429, 502, 503, 504],
    sleep: abortableSleep,
    now: Date.now,
    random: Math.random,
    ...given,
  };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new ConfigError(
      `retry.maxAttempts must be a whole number of at least 1, got ${String(policy.maxAttempts)}`,
      "retry",
    );
  }
  for (const key of ["baseDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
    if (!(policy[key] >= 0))
      throw new ConfigError(`retry.${key} must be a number of milliseconds >= 0, got ${String(policy[key])}`, "retry");
  }
  return policy;
}

/**
 * The wait before the next attempt, or undefined when the request must not be tried again.
 * `attempt` counts the attempts made so far (1 after the first).
 */
export function retryDelay(
  policy: RetryPolicy,
  method: string,
  outcome: AttemptOutcome,
  attempt: number,
): number | undefined {
  if (attempt >= policy.maxAttempts || !mayRetry(policy, method.toUpperCase(), outcome)) return undefined;
  if (outcome.kind === "status" && outcome.retryAfter !== null) {
    const asked = parseRetryAfter(outcome.retryAfter, policy.now());
    if (asked !== undefined) return asked <= policy.maxRetryAfterMs ? asked : undefined;
  }
  // Full jitter: spreads the retries of many clients hit by the same failure.
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(policy.random() * ceiling);
}

function mayRetry(policy: RetryPolicy, method: string, outcome: AttemptOutcome): boolean {
  const idempotent = IDEMPOTENT.has(method);
  switch (outcome.kind) {
    case "status":
      return policy.statuses.includes(outcome.status) && (idempotent || POST_SAFE_STATUSES.has(outcome.status));
    case "network":
      // A refused connection never reached a server; anything else might have.
      return idempotent || outcome.refused;
    case "timeout":
      return idempotent;
  }
}

/** `Retry-After` in ms: delta-seconds or an HTTP date; undefined when it is neither. */
export function parseRetryAfter(value: string, nowMs: number): number | undefined {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** The default `sleep`: a timer that an abort signal cancels. */
function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
