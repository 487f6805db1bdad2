/** A drift report as data, for the tests of what is made from one (renderings, issue plans). */
import type { DriftReport } from "../../src/drift";

export function driftReport(over: Partial<DriftReport> = {}): DriftReport {
  return {
    tool: "sip-endpoints-drift",
    reportVersion: 1,
    runId: "abc123",
    outcome: "drift",
    exitCode: 1,
    reasons: [],
    failOn: "warning",
    target: { kind: "mock", baseUrl: "http://127.0.0.1:1/api/relay/rest", mode: "read-only" },
    spec: { path: "openapi/openapi.yaml", sha256: "0".repeat(64) },
    startedAt: "2024-01-01T00:00:00.000Z",
    durationMs: 1234,
    summary: { requests: 3, retries: 0, findings: { breaking: 0, warning: 0, info: 0 }, occurrences: 0 },
    findings: [],
    coverage: { operations: [], operationsNotExercised: [] },
    checks: [],
    evaluated: [],
    steps: [],
    ...over,
  };
}
