/**
 * The retry policy as pure functions: which outcomes earn another attempt for which method, and
 * how long the client waits first (backoff with jitter, or what `Retry-After` asks, up to a cap).
 */
import { parseRetryAfter } from "../../src/client";
import { resolveRetryPolicy, retryDelay, type AttemptOutcome } from "../../src/client/retry";

const policy = resolveRetryPolicy({
  maxAttempts: 4,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  maxRetryAfterMs: 10_000,
  random: () => 0.5,
  now: () => Date.parse("2030-01-01T00:00:00Z"),
});
const status = (code: number, retryAfter: string | null = null): AttemptOutcome => ({
  kind: "status",
  status: code,
  retryAfter,
});

describe("which outcomes are retried", () => {
  const cases: { method: string; outcome: AttemptOutcome; retried: boolean }[] = [
    ...[429, 502, 503, 504].map((code) => ({ method: "GET", outcome: status(code), retried: true })),
    ...[200, 201, 204, 301, 400, 401, 404, 422, 500].map((code) => ({
      method: "GET",
      outcome: status(code),
      retried: false,
    })),
    { method: "PUT", outcome: status(502), retried: true },
    { method: "DELETE", outcome: status(504), retried: true },
    // POST only when the server cannot have acted.
    { method: "POST", outcome: status(429), retried: true },
    { method: "POST", outcome: status(503), retried: true },
    { method: "POST", outcome: status(502), retried: false },
    { method: "POST", outcome: status(504), retried: false },
    { method: "POST", outcome: { kind: "network", refused: true }, retried: true },
    { method: "POST", outcome: { kind: "network", refused: false }, retried: false },
    { method: "POST", outcome: { kind: "timeout" }, retried: false },
    { method: "GET", outcome: { kind: "network", refused: false }, retried: true },
    { method: "GET", outcome: { kind: "timeout" }, retried: true },
    { method: "put", outcome: { kind: "timeout" }, retried: true },
  ];
  it.each(cases)("$method after $outcome → retried: $retried", ({ method, outcome, retried }) => {
    expect(retryDelay(policy, method, outcome, 1) !== undefined).toBe(retried);
  });
});

describe("how long the client waits", () => {
  const cases: { name: string; outcome: AttemptOutcome; attempt: number; want: number | undefined }[] = [
    { name: "first backoff: half (jitter 0.5) of the base", outcome: status(503), attempt: 1, want: 50 },
    { name: "second backoff doubles", outcome: status(503), attempt: 2, want: 100 },
    { name: "third backoff doubles again", outcome: status(503), attempt: 3, want: 200 },
    { name: "no attempt after the last one", outcome: status(503), attempt: 4, want: undefined },
    { name: "Retry-After in seconds", outcome: status(429, "3"), attempt: 1, want: 3_000 },
    { name: "Retry-After of zero", outcome: status(429, "0"), attempt: 1, want: 0 },
    {
      name: "Retry-After as an HTTP date",
      outcome: status(429, "Tue, 01 Jan 2030 00:00:07 GMT"),
      attempt: 1,
      want: 7_000,
    },
    {
      name: "Retry-After date in the past",
      outcome: status(503, "Mon, 31 Dec 2029 23:00:00 GMT"),
      attempt: 1,
      want: 0,
    },
    { name: "Retry-After above the cap ends the retries", outcome: status(429, "11"), attempt: 1, want: undefined },
    { name: "Retry-After exactly at the cap", outcome: status(429, "10"), attempt: 1, want: 10_000 },
    { name: "unreadable Retry-After falls back to backoff", outcome: status(429, "soon"), attempt: 1, want: 50 },
    { name: "negative Retry-After falls back to backoff", outcome: status(429, "-4"), attempt: 2, want: 100 },
  ];
  it.each(cases)("$name", ({ outcome, attempt, want }) => {
    expect(retryDelay(policy, "GET", outcome, attempt)).toBe(want);
  });

  it("never waits longer than maxDelayMs between plain retries", () => {
    const wide = resolveRetryPolicy({ maxAttempts: 20, baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0.999 });
    const delays = Array.from({ length: 19 }, (_, i) => retryDelay(wide, "GET", status(502), i + 1) ?? -1);
    expect(Math.max(...delays)).toBeLessThan(1_000);
    expect(delays[0]).toBe(99);
  });

  it("spreads waits with the jitter source (full jitter from 0 to the step)", () => {
    const low = resolveRetryPolicy({ random: () => 0 });
    const high = resolveRetryPolicy({ random: () => 0.99 });
    expect(retryDelay(low, "GET", status(502), 1)).toBe(0);
    expect(retryDelay(high, "GET", status(502), 1)).toBe(198);
  });

  it("retries nothing when retry is false", () => {
    expect(retryDelay(resolveRetryPolicy(false), "GET", status(503), 1)).toBeUndefined();
  });

  it("retries only the statuses the policy lists", () => {
    const with500 = resolveRetryPolicy({ statuses: [500] });
    expect(retryDelay(with500, "GET", status(500), 1)).toBeDefined();
    expect(retryDelay(with500, "GET", status(503), 1)).toBeUndefined();
    expect(retryDelay(with500, "POST", status(500), 1)).toBeUndefined();
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2030-01-01T00:00:00Z");
  const cases: { given: string; want: number | undefined }[] = [
    { given: "120", want: 120_000 },
    { given: " 5 ", want: 5_000 },
    { given: "Tue, 01 Jan 2030 00:01:00 GMT", want: 60_000 },
    { given: "1.5", want: undefined },
    { given: "", want: undefined },
    { given: "later", want: undefined },
  ];
  it.each(cases)("$given → $want", ({ given, want }) => {
    expect(parseRetryAfter(given, now)).toBe(want);
  });
});
