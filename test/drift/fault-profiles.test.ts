/**
 * Every fault profile of the mock, run through the drift engine: the run must report exactly the
 * checks the profile breaks, at the right pointers, with the right outcome and exit code. A new
 * profile without a row here fails the first test.
 */
import { FAULT_NAMES, FAULT_PROFILES, type FaultName } from "../../src/mock";
import type { DriftMode, Outcome, SendOptions } from "../../src/drift";
import { runEngine } from "./harness";

interface Row {
  fault: FaultName;
  mode: DriftMode;
  /** Client settings of this row, e.g. a short timeout for `slow`. */
  send?: SendOptions;
  outcome: Outcome;
  exitCode: number;
  /** `check operationId pointer` of every finding (each stable id once), sorted. */
  findings: string[];
  /** A text every reason must contain between them (inconclusive rows). */
  reason?: RegExp;
}

/** A drift in every endpoint object: read-only runs see it on list and retrieve, read-write on all four. */
const endpointOps = (check: string, pointer: string, mode: DriftMode = "read-only") => [
  `${check} list_sip_endpoints /data/0${pointer}`,
  `${check} retrieve_sip_endpoint ${pointer}`,
  ...(mode === "read-write"
    ? [`${check} create_sip_endpoint ${pointer}`, `${check} update_sip_endpoint ${pointer}`]
    : []),
];

const rows: Row[] = [
  {
    fault: "extra-field",
    mode: "read-write",
    outcome: "drift",
    exitCode: 1,
    findings: endpointOps("field-undocumented", "/created_at", "read-write"),
  },
  {
    fault: "password-returned",
    mode: "read-write",
    outcome: "drift",
    exitCode: 1,
    findings: endpointOps("write-only-returned", "/password", "read-write"),
  },
  {
    fault: "missing-field",
    mode: "read-only",
    outcome: "drift",
    exitCode: 1,
    findings: endpointOps("field-missing", "/caller_id"),
  },
  {
    fault: "wrong-type",
    mode: "read-only",
    outcome: "drift",
    exitCode: 1,
    findings: endpointOps("field-type-mismatch", "/codecs"),
  },
  {
    fault: "null-not-allowed",
    mode: "read-only",
    outcome: "drift",
    exitCode: 1,
    findings: endpointOps("field-type-mismatch", "/send_as"),
  },
  {
    fault: "unknown-enum",
    mode: "read-only",
    outcome: "drift",
    exitCode: 1,
    findings: endpointOps("enum-value-unknown", "/call_handler"),
  },
  {
    fault: "bad-format",
    mode: "read-only",
    outcome: "drift",
    exitCode: 1,
    findings: endpointOps("format-mismatch", "/id"),
  },
  {
    fault: "undocumented-status",
    mode: "read-only",
    outcome: "drift",
    exitCode: 1,
    findings: ["status-code-undocumented retrieve_sip_endpoint "],
  },
  {
    fault: "wrong-content-type",
    mode: "read-only",
    outcome: "drift",
    exitCode: 1,
    findings: ["content-type-mismatch list_sip_endpoints ", "content-type-mismatch retrieve_sip_endpoint "],
  },
  {
    fault: "html-error",
    mode: "read-only",
    outcome: "drift",
    exitCode: 1,
    findings: ["body-not-json retrieve_sip_endpoint ", "content-type-mismatch retrieve_sip_endpoint "],
  },
  {
    fault: "truncated-json",
    mode: "read-only",
    outcome: "drift",
    exitCode: 1,
    findings: ["body-not-json retrieve_sip_endpoint "],
  },
  {
    fault: "slow",
    mode: "read-only",
    send: { timeoutMs: 300, retry: { maxAttempts: 1 } },
    outcome: "inconclusive",
    exitCode: 2,
    findings: [],
    reason: /retrieve_sip_endpoint: the target gave no answer \(TimeoutError/,
  },
  { fault: "rate-limit", mode: "read-only", outcome: "pass", exitCode: 0, findings: [] },
  { fault: "flaky-500", mode: "read-only", outcome: "pass", exitCode: 0, findings: [] },
  // The client's retry absorbs both 429s; the job judges them all the same.
  {
    fault: "retry-after-missing",
    mode: "read-only",
    outcome: "drift",
    exitCode: 1,
    findings: ["header-invalid list_sip_endpoints "],
  },
  {
    fault: "auth-ignored",
    mode: "read-only",
    outcome: "drift",
    exitCode: 1,
    findings: ["auth-not-enforced list_sip_endpoints ", "auth-not-enforced retrieve_sip_endpoint "],
  },
  {
    fault: "accepts-invalid",
    mode: "read-write",
    outcome: "drift",
    exitCode: 1,
    findings: [
      "invalid-input-accepted create_sip_endpoint /call_relay_context",
      "invalid-input-accepted create_sip_endpoint /caller_id",
      "invalid-input-accepted create_sip_endpoint /encryption",
      "invalid-input-accepted create_sip_endpoint /password",
      "invalid-input-accepted create_sip_endpoint /username",
      "invalid-input-accepted list_sip_endpoints /page_size",
      "invalid-input-accepted update_sip_endpoint /encryption",
    ],
  },
  {
    fault: "still-there-after-delete",
    mode: "read-write",
    outcome: "drift",
    exitCode: 1,
    findings: [
      "resource-still-available list_sip_endpoints /data/11/id",
      "resource-still-available retrieve_sip_endpoint ",
    ],
  },
  {
    fault: "broken-pagination",
    mode: "read-only",
    outcome: "drift",
    exitCode: 1,
    findings: ["pagination-inconsistent list_sip_endpoints /links/next"],
  },
  {
    fault: "created-201",
    mode: "read-write",
    outcome: "pass",
    exitCode: 0,
    findings: ["status-code-alternative create_sip_endpoint "],
  },
  {
    fault: "found-unknown-id",
    mode: "read-only",
    outcome: "drift",
    exitCode: 1,
    findings: ["status-code-unexpected retrieve_sip_endpoint "],
  },
  {
    fault: "wrong-id",
    mode: "read-only",
    outcome: "drift",
    exitCode: 1,
    findings: ["resource-mismatch retrieve_sip_endpoint /id"],
  },
  {
    fault: "ignores-updates",
    mode: "read-write",
    outcome: "drift",
    exitCode: 1,
    findings: [
      "invalid-input-accepted update_sip_endpoint /encryption",
      "update-not-applied retrieve_sip_endpoint /caller_id",
      "update-not-applied update_sip_endpoint /caller_id",
    ],
  },
  {
    fault: "ignores-filters",
    mode: "read-only",
    outcome: "drift",
    exitCode: 1,
    findings: ["filter-not-applied list_sip_endpoints /data"],
  },
];

describe("drift against every mock fault profile", () => {
  it("has one row per profile", () => {
    expect(rows.map((r) => r.fault).sort()).toEqual([...FAULT_NAMES].sort());
  });

  it.each(rows)("$fault → $outcome (exit $exitCode)", async (row) => {
    const { report } = await runEngine({ fault: row.fault, mode: row.mode, send: row.send });
    const found = report.findings.map((f) => `${f.check} ${f.operationId} ${f.pointer}`).sort();
    expect({ outcome: report.outcome, exitCode: report.exitCode, findings: found }).toEqual({
      outcome: row.outcome,
      exitCode: row.exitCode,
      findings: [...row.findings].sort(),
    });
    // The mock's own record of what each profile breaks is exactly what the run found.
    expect([...new Set(report.findings.map((f) => f.check))].sort()).toEqual(
      [...FAULT_PROFILES[row.fault].checks].sort(),
    );
    if (row.reason) expect(report.reasons.join("\n")).toMatch(row.reason);
    if (row.outcome === "pass") expect(report.reasons).toEqual([]);
  });
});
