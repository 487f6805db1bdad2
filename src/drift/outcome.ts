/** From what a session saw to the report: the outcome rules live here. */
import { ALL_CHECKS, type Severity } from "../checks";
import type { DriftFinding } from "./types";
import { coverageShortfalls, type Criterion } from "./coverage";
import { applyPolicy, counts, isDisabled, isDisabledEverywhere, NO_POLICY, type DriftPolicy } from "./policy";
import { notEvaluatedReason } from "./scenarios/judged";
import { suggestChanges } from "./suggest";
import type { CleanupRecord } from "./scenarios/read-write";
import type { DriftSession } from "./session";
import { EXIT_CODES, type DriftReport, type Outcome, type StepRecord } from "./types";
import { version as packageVersion } from "../../package.json";

export interface ReportInput {
  session: DriftSession;
  runId: string;
  failOn: Severity;
  /** Why the run stopped before the end, if it did. */
  stopped: string | undefined;
  cleanup: CleanupRecord | undefined;
  target: DriftReport["target"];
  spec: DriftReport["spec"];
  startedAt: string;
  durationMs: number;
  /** Coverage the run must reach, in percent per criterion (`--min-coverage`); less is inconclusive. */
  minCoverage?: Readonly<Partial<Record<Criterion, number>>>;
  /** Checks switched off or re-graded, findings acknowledged (the configuration file). */
  policy?: DriftPolicy;
}

/**
 * `drift` when a finding reaches `failOn` (even if the run could not finish: the finding is
 * real); otherwise `inconclusive` when anything kept the run from judging all it meant to (it
 * stopped, a step could not finish, or it could not remove what it created); otherwise `pass`.
 */
export function decideOutcome(hasDrift: boolean, reasons: readonly string[]): Outcome {
  if (hasDrift) return "drift";
  return reasons.length > 0 ? "inconclusive" : "pass";
}

/** Why a run did not finish: the reason it stopped, then each incomplete step's note (the step it stopped in says it once). */
export function unfinishedReasons(stopped: string | undefined, steps: readonly StepRecord[]): string[] {
  const reasons = stopped ? [stopped] : [];
  for (const step of steps)
    if (step.result === "incomplete" && step.note && step.note !== stopped) reasons.push(`${step.name}: ${step.note}`);
  return reasons;
}

export function buildReport(input: ReportInput): DriftReport {
  const { session, cleanup } = input;
  const reasons = unfinishedReasons(input.stopped, session.steps);
  if (cleanup && cleanup.leftovers.length > 0) {
    reasons.push(
      `${cleanup.leftovers.length} endpoint(s) this run created could not be removed: ${cleanup.leftovers.map((e) => e.username).join(", ")}`,
    );
  }
  const coverage = session.coverage.summary();
  reasons.push(...coverageShortfalls(coverage.criteria, input.minCoverage ?? {}));
  const policy = input.policy ?? NO_POLICY;
  const found = session.findings.findings();
  const suggestions = suggestChanges(found, session.evidence);
  const applied = applyPolicy(
    found.map((f) => {
      const suggestion = suggestions.get(f.id);
      return suggestion ? { ...f, suggestion } : f;
    }),
    policy,
    input.startedAt.slice(0, 10),
  );
  const findings = applied.findings;
  const outcome = decideOutcome(
    findings.some((f) => counts(f, input.failOn)),
    reasons,
  );
  const evaluatedPairs = session.findings.evaluatedPairs().filter((p) => !isDisabled(policy, p.check, p.operationId));
  const evaluatedIds = new Set(evaluatedPairs.map((p) => p.check));
  return {
    tool: "sip-endpoints-drift",
    toolVersion: packageVersion,
    reportVersion: 1,
    runId: input.runId,
    outcome,
    exitCode: EXIT_CODES[outcome],
    reasons,
    failOn: input.failOn,
    target: input.target,
    spec: input.spec,
    startedAt: input.startedAt,
    durationMs: input.durationMs,
    summary: {
      requests: session.requests,
      retries: session.retries,
      findings: countBySeverity(findings),
      occurrences: findings.reduce((sum, f) => sum + f.occurrences, 0),
    },
    findings,
    coverage,
    checks: ALL_CHECKS.map(({ id, severity }) => {
      const evaluated = evaluatedIds.has(id);
      const count = findings.filter((f) => f.check === id).length;
      const regraded =
        policy.checks[id]?.severity !== undefined && policy.checks[id]?.operations === undefined
          ? policy.checks[id]!.severity!
          : severity;
      const note = isDisabledEverywhere(policy, id)
        ? `disabled by the configuration (checks.${id}.enabled: false)`
        : notEvaluatedReason(id, input.target.mode, input.target.kind);
      return { id, severity: regraded, evaluated, findings: count, ...(evaluated ? {} : { note }) };
    }),
    acknowledgements: applied.acknowledgements,
    evaluated: evaluatedPairs,
    steps: session.steps,
    ...(cleanup ? { cleanup } : {}),
  };
}

function countBySeverity(findings: readonly DriftFinding[]): Record<Severity, number> {
  const counted: Record<Severity, number> = { breaking: 0, warning: 0, info: 0 };
  for (const f of findings) counted[f.severity] += 1;
  return counted;
}
