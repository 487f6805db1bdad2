/**
 * The drift command against every misbehaving mock profile that makes the API drift, through the
 * CLI (in-process `main`): outcome, exit code and the check ids in report.json, with exactly the
 * checks the profile says find it. Each runs in the cheapest mode the profile shows in.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FAULT_NAMES, FAULT_PROFILES } from "../../src/mock";
import { EXIT_CODES } from "../../src/drift";
import { modeFor, runCliInProcess, tempDir } from "./harness";

// Resilience profiles answer only documented statuses (slow, rate-limit, flaky-500) and created-201
// is a documented alternative: those are no drift and have their own rows elsewhere.
const DRIFTING = FAULT_NAMES.filter((name) => FAULT_PROFILES[name].checks.length > 0 && name !== "created-201");

test.each(DRIFTING)("--mock-fault %s: DRIFT, exit 1, found by exactly its profile's checks", async (fault) => {
  const out = tempDir(`cli-${fault}`);
  try {
    const run = await runCliInProcess(["--mock-fault", fault, "--mode", modeFor(fault), "--out", out.path], {});
    const report = JSON.parse(readFileSync(join(out.path, "report.json"), "utf8")) as {
      outcome: string;
      findings: Array<{ check: string }>;
    };
    expect({ code: run.code, outcome: report.outcome, first: run.stdout.split(/\s/)[0] }).toEqual({
      code: EXIT_CODES.drift,
      outcome: "drift",
      first: "DRIFT:",
    });
    expect([...new Set(report.findings.map((f) => f.check))].sort()).toEqual([...FAULT_PROFILES[fault].checks].sort());
  } finally {
    out.remove();
  }
});
