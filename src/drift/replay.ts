/**
 * `--replay`: judges a recording (`exchanges.har`) against the current spec, offline. Every
 * recorded answer goes through the same session as in a live run — the same response checks, the
 * same allowances for deliberately invalid input and followed links — in the steps it was
 * recorded in. Scenario checks compare answers with what the run did before (an update, a
 * delete); a replay cannot redo that, so it lists them as not evaluated, never as passed.
 */
import type { Criterion } from "./coverage";
import type { DriftPolicy } from "./policy";
import { buildReport } from "./outcome";
import type { Recording } from "./har";
import { DriftSession, RunStopped } from "./session";
import { specInfo } from "./spec-info";
import type { DriftReport, DriftRequest } from "./types";
import type { Severity } from "../checks";
import { redactValue } from "../redact";
import { isSecretField } from "./secret-fields";

export interface ReplayOptions {
  recording: Recording;
  failOn: Severity;
  /** Coverage the recorded run must have reached, in percent per criterion. */
  minCoverage?: Readonly<Partial<Record<Criterion, number>>>;
  policy?: DriftPolicy;
  now?: () => number;
}

export async function replayDrift({
  recording,
  failOn,
  minCoverage,
  policy,
  now = Date.now,
}: ReplayOptions): Promise<DriftReport> {
  const started = now();
  let next = 0;
  // Answers in recorded order; the replay asks for exactly those, one by one.
  const session = new DriftSession(async () => recording.exchanges[next++]!.exchange, {
    failOn,
    readOnly: recording.mode === "read-only",
  });
  let stopped: string | undefined;
  try {
    let index = 0;
    while (index < recording.exchanges.length) {
      const step = recording.exchanges[index]!.step;
      const end = stepEnd(recording, index);
      await session.step(step, async () => {
        for (let i = index; i < end; i++) {
          const { exchange, auth, invalidInput, followsLink } = recording.exchanges[i]!;
          // Stryker disable next-line StringLiteral: the session asks only whether a request used the run's own credentials; other credentials' values are never read
          const request: DriftRequest = {
            operationId: exchange.operationId,
            auth: auth === "other" ? { projectId: "recorded", apiToken: "recorded" } : auth,
          };
          await session.request(request, { invalidInput, followsLink });
        }
      });
      index = end;
    }
  } catch (error) {
    if (!(error instanceof RunStopped)) throw error;
    stopped = error.reason;
  }
  // A run that stopped early recorded only part of what the API answers: its replay cannot pass.
  if (stopped === undefined && recording.stopped !== undefined)
    stopped = `the recorded run stopped early: ${recording.stopped}`;
  const report = buildReport({
    session,
    runId: recording.runId,
    failOn,
    stopped,
    cleanup: undefined,
    target: { kind: "replay", baseUrl: recording.baseUrl, mode: recording.mode },
    spec: specInfo(),
    startedAt: new Date(started).toISOString(),
    durationMs: Math.max(0, now() - started),
    ...(minCoverage ? { minCoverage } : {}),
    ...(policy ? { policy } : {}),
  });
  if (recording.omittedListPages > 0) {
    report.steps.push({
      name: "pages not recorded",
      result: "skipped",
      requests: 0,
      findings: [],
      note: `${recording.omittedListPages} page(s) the live run followed through links.next were not recorded (--har-pages), so this replay did not judge them`,
    });
  }
  // A recording made before its values were known to be secret may still hold them.
  return redactValue(report, session.secrets, isSecretField);
}

/** Where the run of consecutive exchanges of one step ends. */
function stepEnd(recording: Recording, start: number): number {
  const step = recording.exchanges[start]!.step;
  let end = start;
  while (end < recording.exchanges.length && recording.exchanges[end]!.step === step) end++;
  return end;
}
