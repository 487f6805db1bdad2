/** A drift report as data, for the tests of what is made from one (renderings, issue plans). */
import { CoverageTracker, currentCoverageModel } from "../../src/drift/coverage";
import type { Finding } from "../../src/checks";
import type { DriftReport } from "../../src/drift";

/** A finding of an undocumented key on the first list item. */
export const aFinding = (over: Partial<Finding> = {}): Finding => ({
  id: "0123456789abcdef",
  check: "field-undocumented",
  severity: "warning",
  operationId: "list_sip_endpoints",
  method: "GET",
  path: "/endpoints/sip",
  status: 200,
  pointer: "/data/0/x",
  expected: "no such key",
  actual: "key present (string)",
  message: "undocumented key",
  ...over,
});

export function driftReport(over: Partial<DriftReport> = {}): DriftReport {
  return {
    tool: "sip-endpoints-drift",
    toolVersion: "9.8.7",
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
    coverage: new CoverageTracker(currentCoverageModel(true)).summary(),
    checks: [],
    acknowledgements: [],
    evaluated: [],
    steps: [],
    ...over,
  };
}
