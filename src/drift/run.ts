/**
 * `runDrift`: runs the scenarios of a mode against one target and returns the report as data.
 * It never throws for anything the target does; an unreachable target, a timeout or refused
 * credentials make the outcome `inconclusive`, and the reasons say why.
 */
import type { Criterion } from "./coverage";
import type { DriftPolicy } from "./policy";
import { randomBytes, randomUUID } from "node:crypto";
import { credentialSecrets, redactValue } from "../redact";
import type { Severity } from "../checks";
import { removeLeftovers } from "./scenarios/cleanup";
import { readOnlyScenario } from "./scenarios/read-only";
import { readWriteScenario, type CleanupRecord } from "./scenarios/read-write";
import type { ScenarioConfig } from "./scenarios/config";
import { DriftSession, RunStopped, type ProgressEvent } from "./session";
import { specInfo } from "./spec-info";
import { buildReport, unfinishedReasons } from "./outcome";
import { isSecretField } from "./secret-fields";
import { HarRecorder, type Har } from "./har";
import { JOB_DEFAULTS } from "./job";
import {
  EXIT_CODES,
  type DriftCredentials,
  type DriftMode,
  type DriftReport,
  type SendFn,
  type TargetKind,
} from "./types";

export interface DriftRunOptions {
  target: { kind: TargetKind; baseUrl: string; credentials: DriftCredentials; fault?: string };
  /** The client's `send`, configured for the target (see `createDriftSend`). */
  send: SendFn;
  mode: DriftMode;
  /** Findings at or above this severity make the outcome `drift` (default `warning`). */
  failOn?: Severity;
  /** Upper bound of the pages any one walk reads (default 1000). */
  /** Coverage the run must reach, in percent per criterion; less makes it inconclusive. */
  minCoverage?: Readonly<Partial<Record<Criterion, number>>>;
  /** Checks switched off or re-graded, findings acknowledged. */
  policy?: DriftPolicy;
  maxPages?: number;
  /** Page size of the full walk (default 50, the API's own default). */
  pageSize?: number;
  /** Listed endpoints retrieved one by one (default 5). */
  sampleSize?: number;
  /**
   * Values for the companion fields of the create bodies (`--fixture`), above all the ids of the
   * Space's own resources that references must name (a video room, a call flow). Against a live
   * target a handler kind whose reference is neither given nor seen in the Space is not created.
   */
  fixtures?: Readonly<Record<string, string>>;
  /** Fixes the run id (and so the `drift-<run id>-` prefix); default: time plus randomness. */
  runId?: string;
  /** Aborting stops the scenarios; what the run created is still removed. */
  signal?: AbortSignal;
  /**
   * The whole run, cleanup included, in ms. The scenarios stop early enough to leave cleanup a
   * quarter of the budget (at most 30 s); at the budget itself every request still open is cut.
   */
  maxDurationMs?: number;
  /**
   * How long the run waits for the target's first answer before it stops, inconclusive, saying the
   * target never answered (default 20 s against a live target, none against the mock): a silent
   * Space is told within seconds rather than after every attempt of every timeout.
   */
  firstAnswerMs?: number;
  onProgress?: (event: ProgressEvent) => void;
  /** Wall clock in ms (default `Date.now`). */
  now?: () => number;
  /**
   * Calls `fire` once `ms` have passed and returns what cancels it: the budget's deadlines
   * (default the global timers). A test ends the budget at the moment it chooses.
   */
  schedule?: Schedule;
  /** Pages followed through `links.next` that the recording keeps per step, besides the last (default 5). */
  harPages?: number;
}

export interface DriftResult {
  report: DriftReport;
  /** The run's exchanges (list pages sampled), scrubbed like the report: `exchanges.har`. */
  har: Har;
  /** Every secret of the run (token, passwords sent), for scrubbing anything printed about it. */
  secrets: string[];
}

export type Schedule = (fire: () => void, ms: number) => () => void;

const realTimers: Schedule = (fire, ms) => {
  const timer = setTimeout(fire, ms);
  return () => clearTimeout(timer);
};

export const DEFAULTS = {
  ...JOB_DEFAULTS,
  pageSize: 50,
  sampleSize: 5,
  liveFirstAnswerMs: 20_000,
};

/** A run id: lower-case base 36, time first so prefixes sort by age. */
export function newRunId(now = Date.now()): string {
  return `${now.toString(36)}${randomBytes(3).toString("hex")}`;
}

export async function runDrift(options: DriftRunOptions): Promise<DriftResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const failOn = options.failOn ?? DEFAULTS.failOn;
  const runId = options.runId ?? newRunId(started);
  const firstAnswerMs =
    options.firstAnswerMs ?? (options.target.kind === "live" ? DEFAULTS.liveFirstAnswerMs : undefined);
  const budget = runBudget(
    options.maxDurationMs,
    options.signal,
    { firstAnswerMs, baseUrl: options.target.baseUrl },
    options.schedule ?? realTimers,
  );
  const recorder = new HarRecorder(options.harPages);
  const session = new DriftSession(options.send, {
    failOn,
    readOnly: options.mode === "read-only",
    signal: budget.scenarios,
    cleanupSignal: budget.everything,
    onProgress: options.onProgress,
    onExchange: (seen) => {
      budget.answered();
      recorder.record(seen);
    },
  });
  session.addSecrets(credentialSecrets(options.target.credentials.projectId, options.target.credentials.apiToken));
  const config: ScenarioConfig = {
    baseUrl: options.target.baseUrl,
    wrongCredentials: { projectId: options.target.credentials.projectId, apiToken: `wrong-${randomUUID()}` },
    pageSize: options.pageSize ?? DEFAULTS.pageSize,
    maxPages: options.maxPages ?? DEFAULTS.maxPages,
    sampleSize: options.sampleSize ?? DEFAULTS.sampleSize,
    prefix: `drift-${runId}-`,
    fixtures: options.fixtures ?? {},
    inventReferences: options.target.kind === "mock",
  };

  let stopped: string | undefined;
  let cleanup: CleanupRecord | undefined;
  try {
    const facts = await readOnlyScenario(session, config);
    if (options.mode === "read-write") await readWriteScenario(session, config, (record) => (cleanup = record), facts);
  } catch (error) {
    if (!(error instanceof RunStopped)) throw error;
    stopped = error.reason;
  }

  const report = buildReport({
    session,
    runId,
    failOn,
    stopped,
    cleanup,
    target: {
      kind: options.target.kind,
      baseUrl: options.target.baseUrl,
      mode: options.mode,
      ...(options.target.fault ? { fault: options.target.fault } : {}),
    },
    spec: specInfo(),
    startedAt: new Date(started).toISOString(),
    durationMs: Math.max(0, now() - started),
    ...(options.minCoverage ? { minCoverage: options.minCoverage } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
  });
  budget.release();
  const secrets = [...session.secrets];
  const har = recorder.toHar({ runId, baseUrl: options.target.baseUrl, mode: options.mode, stopped });
  return {
    report: redactValue(report, secrets, isSecretField),
    har: redactValue(har, secrets, isSecretField),
    secrets,
  };
}

/**
 * The signals a time budget gives: one for the scenarios, one for everything (cleanup included).
 * Until the target's first answer, a stop says that it never answered.
 */
function runBudget(
  maxDurationMs: number | undefined,
  signal: AbortSignal | undefined,
  silence: { firstAnswerMs: number | undefined; baseUrl: string },
  schedule: Schedule,
) {
  let answered = false;
  const never = () => (answered ? "" : `: ${silence.baseUrl} never answered`);
  const soft = new AbortController();
  const hard = new AbortController();
  const cancels: Array<() => void> = [];
  const firstAnswerMs = silence.firstAnswerMs;
  const cancelSilence =
    firstAnswerMs === undefined
      ? undefined
      : schedule(
          () => soft.abort(`the run got no answer within ${Math.round(firstAnswerMs / 1000)} s of its start${never()}`),
          firstAnswerMs,
        );
  if (cancelSilence) cancels.push(cancelSilence);
  if (maxDurationMs !== undefined) {
    const seconds = Math.round(maxDurationMs / 1000);
    const reserve = Math.min(30_000, maxDurationMs / 4);
    cancels.push(
      schedule(
        () => soft.abort(`the run reached --max-duration ${seconds} s (less the time kept for cleanup)${never()}`),
        maxDurationMs - reserve,
      ),
      schedule(() => hard.abort(`the run reached --max-duration ${seconds} s${never()}`), maxDurationMs),
    );
  }
  return {
    scenarios: cancels.length === 0 ? signal : signal ? AbortSignal.any([signal, soft.signal]) : soft.signal,
    everything: maxDurationMs === undefined ? undefined : hard.signal,
    answered: () => {
      if (answered) return;
      answered = true;
      // The first answer came: the wait for it is over.
      cancelSilence?.();
    },
    release: () => cancels.forEach((cancel) => cancel()),
  };
}

export interface CleanupResult {
  outcome: "pass" | "inconclusive";
  exitCode: number;
  baseUrl: string;
  requests: number;
  found: number;
  deleted: number;
  /** Leftovers that could not be deleted. */
  remaining: Array<{ id: string; username: string }>;
  reasons: string[];
}

/**
 * `--cleanup`: removes what earlier runs left behind (usernames `drift-<run id>-…`) and nothing
 * else. `pass` when every leftover found is gone; `inconclusive` otherwise.
 */
export async function runCleanup(
  options: Pick<DriftRunOptions, "target" | "send" | "maxPages" | "signal" | "onProgress">,
): Promise<CleanupResult> {
  const session = new DriftSession(options.send, {
    failOn: "breaking",
    signal: options.signal,
    onProgress: options.onProgress,
  });
  const config = { baseUrl: options.target.baseUrl, maxPages: options.maxPages ?? DEFAULTS.maxPages };
  let stopped: string | undefined;
  let found: Array<{ id: string; username: string }> = [];
  let remaining: Array<{ id: string; username: string }> = [];
  try {
    ({ found, remaining } = await removeLeftovers(session, config));
  } catch (error) {
    if (!(error instanceof RunStopped)) throw error;
    stopped = error.reason;
  }
  const reasons = unfinishedReasons(stopped, session.steps);
  if (remaining.length > 0) reasons.push(`${remaining.length} leftover(s) could not be deleted`);
  const outcome = reasons.length > 0 ? "inconclusive" : "pass";
  return redactValue(
    {
      outcome,
      exitCode: EXIT_CODES[outcome],
      baseUrl: options.target.baseUrl,
      requests: session.requests,
      found: found.length,
      deleted: found.length - remaining.length,
      remaining,
      reasons,
    },
    [options.target.credentials.apiToken],
  );
}
