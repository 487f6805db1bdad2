/** From what a session saw to the report: the outcome rules live here. */
import { ALL_CHECKS, type Severity } from "../checks";
import { coverageShortfalls, type Criterion } from "./coverage";
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
  for (const step of steps) if (step.result === "incomplete" && step.note && step.note !== stopped) reasons.push(`${step.name}: ${step.note}`);
  return reasons;
}

export function buildReport(input: ReportInput): DriftReport {
  const { session, cleanup } = input;
  const reasons = unfinishedReasons(input.stopped, session.steps);
  if (cleanup && cleanup.leftovers.length > 0) {
    reasons.push(`${cleanup.leftovers.length} endpoint(s) this run created could not be removed: ${cleanup.leftovers.map((e) => e.username).join(", ")}`);
  }
  const coverage = session.coverage.summary();
  reasons.push(...coverageShortfalls(coverage.criteria, input.minCoverage ?? {}));
  const outcome = decideOutcome(session.findings.hasAtLeast(input.failOn), reasons);
  const found = session.findings.findings();
  const suggestions = suggestChanges(found, session.evidence);
  const findings = found.map((f) => {
    const suggestion = suggestions.get(f.id);
    return suggestion ? { ...f, suggestion } : f;
  });
  const evaluatedIds = new Set(session.findings.evaluatedPairs().map((p) => p.check));
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
      findings: session.findings.countBySeverity(),
      occurrences: findings.reduce((sum, f) => sum + f.occurrences, 0),
    },
    findings,
    coverage,
    checks: ALL_CHECKS.map(({ id, severity }) => {
      const evaluated = evaluatedIds.has(id);
      const count = findings.filter((f) => f.check === id).length;
      return { id, severity, evaluated, findings: count, ...(evaluated ? {} : { note: notEvaluatedReason(id, input.target.mode, input.target.kind) }) };
    }),
    evaluated: session.findings.evaluatedPairs(),
    steps: session.steps,
    ...(cleanup ? { cleanup } : {}),
  };
}
