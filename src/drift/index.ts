/**
 * The drift job as a library: run the scenarios against a target, get a report as data, write it
 * as JSON, Markdown and JUnit. `npm run drift` and the contract suite are two front ends of it.
 */
export {
  readHar,
  renderHar,
  HarError,
  HarRecorder,
  DEFAULT_HAR_PAGES,
  type Har,
  type HarEntry,
  type Recording,
} from "./har";
export { replayDrift, type ReplayOptions } from "./replay";
export {
  defaultMode,
  jobRunOptions,
  JOB_DEFAULTS,
  liveTargetFromEnv,
  openTarget,
  type DriftJob,
  type JobTarget,
  type LiveJobTarget,
  type OpenedTarget,
} from "./job";
export {
  runDrift,
  runCleanup,
  newRunId,
  DEFAULTS as DRIFT_DEFAULTS,
  type DriftRunOptions,
  type Schedule,
  type DriftResult,
  type CleanupResult,
} from "./run";
export {
  startEmbeddedMock,
  connect,
  createDriftSend,
  MOCK_SEED_COUNT,
  MOCK_TIMEOUT_MS,
  type DriftTarget,
  type SendOptions,
} from "./target";
export {
  writeReports,
  renderJson,
  REPORT_FILES,
  REPORT_RENDERERS,
  HAR_FILE,
  SUGGESTION_FILES,
} from "./report/write";
export { renderSarif } from "./report/sarif";
export { renderMarkdown } from "./report/markdown";
export { renderJunit } from "./report/junit";
export { formatSummary } from "./report/text";
export { LEFTOVER_PATTERN } from "./scenarios/cleanup";
export { planIssues, issueBody, type IssuePlan, type OpenIssue } from "./issues";
export { decideOutcome } from "./outcome";
export type { ProgressEvent } from "./session";
export * from "./types";
export type { Finding, Severity, HttpExchange } from "../checks/types";
export type { OperationId } from "../spec";
