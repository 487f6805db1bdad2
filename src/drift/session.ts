/**
 * The glue between the scenarios and the check catalogue: every request goes through
 * `DriftSession.request`, which sends it, records coverage, runs every response check on the
 * exchange and files the findings under the current step. Scenario checks are run through
 * `judge`. Nothing of the exchange is kept beyond the call, so long walks stay small.
 */
import {
  analyseResponse,
  checkAnalysed,
  RESPONSE_CHECKS,
  runScenarioCheck,
  SCENARIO_CHECKS,
  SEVERITY_RANK,
  type CheckId,
  type Finding,
  type HttpExchange,
  type ResponseAnalysis,
  type ScenarioCheck,
  type Severity,
} from "../checks";
import { isArgumentError } from "../client";
import { FindingCollector } from "./collector";
import { CoverageTracker, currentCoverageModel } from "./coverage";
import { EvidenceCollector } from "./evidence";
import type { DriftExchange, DriftRequest, SendFn, StepRecord } from "./types";
import { isSuccess } from "../http-status";
import { valuesUnderKeys } from "../redact";
import { isSecretField } from "./secret-fields";

/** The run cannot go on: the target is unreachable, too slow, refuses the credentials, or the run was interrupted. */
export class RunStopped extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "RunStopped";
  }
}

/** One step cannot go on (e.g. a page answered 500); the run continues with the next step. */
export class StepIncomplete extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "StepIncomplete";
  }
}

export interface Sent {
  exchange: DriftExchange;
  analysis: ResponseAnalysis;
}

export interface RequestOptions {
  /** Goes out even after an interruption: removing what the run created must still happen. */
  cleanup?: boolean;
  /**
   * The request breaks the spec on purpose. If it is accepted anyway, the body only echoes what
   * was sent, so the schema checks stay out of it: `invalid-input-accepted` is the finding.
   */
  invalidInput?: boolean;
  /**
   * The request follows a page's `links.next`. If it answers 404 the link is what is wrong (the
   * walk reports it as `pagination-inconsistent`), not the list's status, so no response check runs.
   */
  followsLink?: boolean;
  /**
   * Says what is wrong when the answer does not look like this API at all (a wrong base URL, a
   * proxy's error page). The run then stops inconclusive with that reason and no finding is filed:
   * judging another service by this spec would only make noise.
   */
  notThisApi?: (sent: Sent) => string | undefined;
}

/** The checks that judge the body's content (not its status or media type). */
const ECHO_CHECKS = new Set<string>(RESPONSE_CHECKS.filter((c) => c.schema).map((c) => c.id));

export interface ProgressEvent {
  step: string;
  requests: number;
  /** Distinct findings so far. */
  findings: number;
}

/** One exchange of the run with what the session knew about it: what a recording keeps. */
export interface SessionExchange {
  exchange: DriftExchange;
  request: Omit<DriftRequest, "signal">;
  /** The scenario step it belongs to. */
  step: string;
  /** When it was sent (ms since the epoch). */
  startedAt: number;
  invalidInput: boolean;
  followsLink: boolean;
}

export interface SessionOptions {
  failOn: Severity;
  /** Sees every exchange that got an answer, before it is judged (a recording). */
  onExchange?: (seen: SessionExchange) => void;
  /** Stops the scenarios (an interruption, or the time budget). */
  signal?: AbortSignal;
  /** Cuts even cleanup requests short (the end of the time budget). */
  cleanupSignal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** A read-only run: coverage names what only read-write could cover. */
  readOnly?: boolean;
}

export class DriftSession {
  readonly findings = new FindingCollector();
  readonly coverage: CoverageTracker;
  /** What the server sent where each schema finding points: what spec suggestions are made from. */
  readonly evidence = new EvidenceCollector();
  readonly steps: StepRecord[] = [];
  private readonly secretValues = new Set<string>();
  requests = 0;
  retries = 0;
  private current: StepRecord | undefined;

  constructor(
    private readonly sendRequest: SendFn,
    private readonly options: SessionOptions,
  ) {
    this.coverage = new CoverageTracker(currentCoverageModel(options.readOnly ?? false));
  }

  get interrupted(): boolean {
    return this.options.signal?.aborted === true;
  }

  /**
   * Runs a step. A `StepIncomplete` ends only this step; `RunStopped` ends the run (the step is
   * recorded first, so the report says where it stopped).
   */
  async step<T>(name: string, body: () => Promise<T>): Promise<T | undefined> {
    const record: StepRecord = { name, result: "passed", requests: 0, findings: [] };
    this.steps.push(record);
    const previous = this.current;
    this.current = record;
    // Said when the step starts, so a log shows where a stalled target stalled.
    this.options.onProgress?.({ step: name, requests: this.requests, findings: this.findings.size });
    try {
      return await body();
    } catch (error) {
      if (error instanceof StepIncomplete || error instanceof RunStopped) {
        record.result = "incomplete";
        record.note = error.reason;
        if (error instanceof StepIncomplete) return undefined;
      }
      throw error;
    } finally {
      if (record.result === "passed" && this.stepFailed(record)) record.result = "failed";
      this.current = previous;
    }
  }

  /** Records a step the run did not get to, so the report shows the gap. */
  skip(name: string, note: string): void {
    this.steps.push({ name, result: "skipped", requests: 0, findings: [], note });
  }

  /** Sends one request and judges its response (see `RequestOptions`). */
  async request(request: DriftRequest, options: RequestOptions = {}): Promise<Sent> {
    if (this.interrupted && !options.cleanup) throw new RunStopped(this.stopReason());
    let exchange: DriftExchange;
    const startedAt = Date.now();
    try {
      // Cleanup is never cut short by the interruption it may be cleaning up after; only the end
      // of the time budget stops it.
      const signal = options.cleanup ? this.options.cleanupSignal : this.options.signal;
      exchange = await this.sendRequest(signal ? { ...request, signal } : request);
    } catch (error) {
      if (this.interrupted && !options.cleanup) throw new RunStopped(this.stopReason());
      if (options.cleanup && this.options.cleanupSignal?.aborted)
        throw new RunStopped(String(this.options.cleanupSignal.reason));
      // An argument error means the request could not even be built (say, an id of ".." from a list).
      const unsent = isArgumentError(error);
      // A request that got no answer was still made: the summary must not say "0 requests".
      if (!unsent) this.countRequest();
      const what = unsent ? "the request could not be sent" : "the target gave no answer";
      throw new RunStopped(`${request.operationId}: ${what} (${describeError(error)})`);
    }
    this.countRequest();
    const analysis = analyseResponse(exchange);
    this.addSecrets(valuesUnderKeys(request.body, isSecretField));
    if (analysis.parsed.ok) this.addSecrets(valuesUnderKeys(analysis.parsed.value, isSecretField));
    this.options.onExchange?.({
      exchange,
      request,
      step: this.current?.name ?? "",
      startedAt,
      invalidInput: options.invalidInput === true,
      followsLink: options.followsLink === true,
    });
    this.retries += Math.max(0, (exchange.attempts ?? 1) - 1);
    // Answers the client tried again after (a 429, a 503) are the API's answers too: judged first, in order.
    const { retried = [], ...final } = exchange;
    for (const earlier of retried) {
      const answer = analyseResponse({ ...final, ...earlier });
      if (answer.parsed.ok) this.addSecrets(valuesUnderKeys(answer.parsed.value, isSecretField));
      this.coverage.record({ ...final, ...earlier }, answer.parsed);
      this.judgeAnswer(answer, options);
    }
    this.coverage.recordRequest(exchange);
    this.coverage.record(exchange, analysis.parsed);
    const elsewhere = options.notThisApi?.({ exchange, analysis });
    if (elsewhere !== undefined) throw new RunStopped(elsewhere);
    if (!(options.followsLink && exchange.status === 404)) this.judgeAnswer(analysis, options);
    this.options.onProgress?.({
      step: this.current?.name ?? "",
      requests: this.requests,
      findings: this.findings.size,
    });
    const ownCredentials = request.auth === undefined || request.auth === "default";
    if (ownCredentials && exchange.status === 401) {
      throw new RunStopped(`the target refused the given credentials (401 on ${exchange.operationId})`);
    }
    return { exchange, analysis };
  }

  /** Runs every response check on one answer and files what they find. */
  private judgeAnswer(analysis: ResponseAnalysis, options: RequestOptions): void {
    const { exchange } = analysis;
    const accepted = isSuccess(exchange.status);
    const found =
      options.invalidInput && accepted
        ? checkAnalysed(analysis).filter((f) => !ECHO_CHECKS.has(f.check))
        : checkAnalysed(analysis);
    this.evidence.add(found, analysis);
    this.file(found);
    for (const check of RESPONSE_CHECKS) this.findings.evaluated(check.id, exchange.operationId);
  }

  /**
   * Values to scrub from every output: the API token, and every value under a secret-named or
   * write-only key of any body sent or received (passwords the run sends, and any a server reveals).
   */
  get secrets(): string[] {
    return [...this.secretValues];
  }

  /** Registers values to scrub from every output. */
  addSecrets(values: readonly string[]): void {
    for (const value of values) this.secretValues.add(value);
  }

  /** Runs a scenario check and files what it finds; returns that, for a step whose next question depends on it. */
  judge<E extends { exchange: HttpExchange }>(check: ScenarioCheck<E, CheckId>, evidence: E): Finding[] {
    // No scenario check can judge a 5xx or 429 that outlived the retries (a probe without
    // credentials, an invalid request): the step is incomplete rather than passed.
    this.requireAnswer(evidence, check.id);
    this.findings.evaluated(check.id, evidence.exchange.operationId);
    const found = runScenarioCheck(check, evidence);
    this.file(found);
    return found;
  }

  /**
   * Judges the status a step expects (`status-code-unexpected`). A 5xx or 429 that survived the
   * retries answers nothing about the expectation, so the step is then incomplete: no evidence, no pass.
   */
  expectStatus(sent: { exchange: HttpExchange }, expected: readonly number[] | "2xx", situation: string): void {
    this.requireAnswer(sent, situation);
    this.judge(SCENARIO_CHECKS.statusCodeUnexpected, { exchange: sent.exchange, expected, situation });
  }

  /**
   * A request that must be refused with one documented status (401 without credentials, 422 for
   * an invalid body): `check` judges an acceptance; a refusal with another status is judged as
   * `status-code-unexpected` (or, undocumented, by the response checks), never passed as "not 2xx".
   */
  expectRefusal<E extends { exchange: HttpExchange }>(
    check: ScenarioCheck<E, CheckId>,
    evidence: E,
    status: number,
    situation: string,
  ): void {
    if (this.judge(check, evidence).length === 0) this.expectStatus(evidence, [status], situation);
  }

  /** The step cannot judge a 5xx or a 429 (after the retries); it is incomplete instead of passing. */
  requireAnswer(
    sent: { exchange: Pick<DriftExchange, "status" | "attempts" | "operationId"> },
    situation: string,
  ): void {
    const { status, attempts, operationId } = sent.exchange;
    if (status >= 500 || status === 429)
      throw new StepIncomplete(
        `${situation}: ${operationId} answered ${status}${attempts && attempts > 1 ? ` after ${attempts} attempts` : ""}, so nothing could be judged`,
      );
  }

  /**
   * The step needs a 2xx JSON answer; returns the parsed body. A refusal the spec documents (a
   * 422, a 404) is judged first, as `status-code-unexpected`; a 5xx or 429 only leaves the step
   * incomplete.
   */
  expectJson(sent: Sent, what: string): unknown {
    const { status } = sent.exchange;
    if (!isSuccess(status) && status < 500 && status !== 429)
      this.judge(SCENARIO_CHECKS.statusCodeUnexpected, { exchange: sent.exchange, expected: "2xx", situation: what });
    return this.requireJson(sent, what);
  }

  /** The step cannot go on without a 2xx JSON answer; returns the parsed body. */
  requireJson(sent: Sent, what: string): unknown {
    const { exchange, analysis } = sent;
    if (!isSuccess(exchange.status))
      throw new StepIncomplete(`${what}: ${exchange.operationId} answered ${exchange.status}`);
    if (!analysis.parsed.ok)
      throw new StepIncomplete(`${what}: the ${exchange.status} body of ${exchange.operationId} is not JSON`);
    return analysis.parsed.value;
  }

  private stopReason(): string {
    const reason = this.options.signal?.reason;
    return typeof reason === "string" && reason.startsWith("the run") ? reason : "the run was interrupted";
  }

  private countRequest(): void {
    this.requests += 1;
    if (this.current) this.current.requests += 1;
  }

  private file(found: ReturnType<typeof runScenarioCheck>): void {
    const ids = this.findings.add(found, this.current?.name ?? "");
    if (this.current) for (const id of ids) if (!this.current.findings.includes(id)) this.current.findings.push(id);
  }

  private stepFailed(record: StepRecord): boolean {
    const threshold = SEVERITY_RANK[this.options.failOn];
    return this.findings
      .findings()
      .some((f) => record.findings.includes(f.id) && SEVERITY_RANK[f.severity] >= threshold);
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error)
    return error.name && error.name !== "Error" ? `${error.name}: ${error.message}` : error.message;
  return String(error);
}
