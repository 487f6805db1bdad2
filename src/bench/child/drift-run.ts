/**
 * Child process: one read-only drift run against a URL, through the drift engine as
 * `npm run drift` runs it. Its peak RSS is this process's alone: the mock lives in another.
 */
import { createDriftSend, runDrift } from "../../drift";
import { onInit } from "./protocol";

interface Init {
  baseUrl: string;
  credentials: { projectId: string; apiToken: string };
  pageSize: number;
  maxPages: number;
}

export interface DriftChildDone {
  run_ms: number;
  max_rss_kb: number;
  requests: number;
  pages: number;
  outcome: string;
  reasons: string[];
}

onInit<Init, DriftChildDone>(async ({ baseUrl, credentials, pageSize, maxPages }) => {
  // From the engine's point of view this is a URL it was given, as `--target live --base-url` is.
  const target = { kind: "live" as const, baseUrl, credentials };
  const started = performance.now();
  const { report } = await runDrift({ target, send: createDriftSend(target), mode: "read-only", pageSize, maxPages });
  const run_ms = performance.now() - started;
  const walk = report.steps.find((s) => s.name.startsWith("walk every page"));
  setImmediate(() => process.disconnect?.());
  return {
    run_ms,
    max_rss_kb: process.resourceUsage().maxRSS,
    requests: report.summary.requests,
    pages: walk?.requests ?? 0,
    outcome: report.outcome,
    reasons: report.reasons,
  };
}, "done");
