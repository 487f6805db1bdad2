/**
 * The contract suite: the drift job's scenarios, run once, and one test per check of the
 * catalogue. A check that found drift at or above the threshold fails its test, and the failure
 * lists each finding with its pointer, expected and actual value.
 */
import { ALL_CHECKS, SEVERITY_RANK } from "../src/checks";
import { runDrift, type DriftReport } from "../src/drift";
import { CHECKS_JUDGED } from "../src/drift/scenarios/judged";
import { contractMode, startContractTarget, type ContractTarget } from "./target";

let target: ContractTarget;
let report: DriftReport;

beforeAll(async () => {
  target = await startContractTarget(process.env);
  ({ report } = await runDrift(target.run));
}, 120_000);

afterAll(() => target?.close());

/** One line per finding: what a failing test shows. */
function describeFindings(check: string): string[] {
  const threshold = SEVERITY_RANK[report.failOn];
  return report.findings
    .filter((f) => f.check === check && SEVERITY_RANK[f.severity] >= threshold)
    .map(
      (f) =>
        `${f.check} (${f.severity}) ${f.operationId} ${f.status ?? ""} at ${f.pointer || "(whole body)"}: expected ${f.expected}, actual ${f.actual}${f.occurrences > 1 ? ` (×${f.occurrences})` : ""}`,
    );
}

describe("SIP endpoints API contract", () => {
  test("the target could be exercised", () => {
    expect(report.reasons).toEqual([]);
  });

  // A check this mode cannot judge is reported as such, never as a pass.
  const mode = contractMode(process.env);
  const judged = ALL_CHECKS.filter((c) => CHECKS_JUDGED[mode].includes(c.id));
  for (const c of ALL_CHECKS.filter((x) => !judged.includes(x)))
    test.skip(`${c.id} (not judged by ${mode} runs)`, () => {});

  test.each(judged.map((c) => [c.id, c] as const))("%s", (id) => {
    const entry = report.checks.find((c) => c.id === id)!;
    expect({ id, evaluated: entry.evaluated, note: entry.note }).toEqual({ id, evaluated: true, note: undefined });
    expect(describeFindings(id)).toEqual([]);
  });
});
