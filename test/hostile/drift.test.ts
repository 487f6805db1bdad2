/**
 * The drift job against the table of hostile servers. Each row: the engine finishes (no throw,
 * no hang), classifies the target as drift with the right check ids or as inconclusive with a
 * reason naming the failure, reports the exit code that goes with it, sends nothing to the other
 * host, and keeps the canary secrets out of the report in every rendering. A few rows run the
 * real CLI as a child process, as CI does.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createDriftSend,
  EXIT_CODES,
  formatSummary,
  REPORT_RENDERERS,
  runDrift,
  type DriftMode,
  type Outcome,
} from "../../src/drift";
import { startMockServer, type MockServer } from "../../src/mock";
import { CANARY, CANARY_ENV, expectNoCanary } from "../support/canary";
import type { HostileName } from "../support/hostile-behaviours";
import { runScript, within } from "../support/bounded";
import { startHostile, startRecorder, type HostileServer, type Recorder } from "../support/hostile-servers";
/**
 * The per-attempt timeout of rows whose expected end is that timeout (a server that stalls or
 * trickles forever); nothing else can end those requests first. Every other row waits far longer
 * than its own end (an answer, the size cap, a reset) takes on a busy machine, so no row races a
 * short clock against real work.
 */
const TIMEOUT_MS = 150;
const GENEROUS_TIMEOUT_MS = 10_000;
const MAX_ATTEMPTS = 3;
const credentials = { projectId: CANARY.projectId, apiToken: CANARY.apiToken };

interface Row {
  name: HostileName;
  outcome: Outcome;
  /** Check ids the report must hold (drift rows). */
  checks?: string[];
  /** What the first reason must say (inconclusive rows). */
  reason?: RegExp;
  mode?: DriftMode;
  /** The row ends with a timeout: its requests get the short one. */
  timesOut?: true;
}

const ROWS: Row[] = [
  { name: "html-error-page", outcome: "drift", checks: ["content-type-mismatch", "body-not-json"] },
  // A first list that is not JSON cannot be told from another service: no drift, no findings.
  {
    name: "truncated-json",
    outcome: "inconclusive",
    reason: /does not look like the SIP endpoint API: the list answered 200 with a body that is not JSON/,
    mode: "read-write",
  },
  {
    name: "empty-200",
    outcome: "inconclusive",
    reason: /does not look like the SIP endpoint API: the list answered 200 with a body that is not JSON/,
  },
  { name: "wrong-content-type", outcome: "drift", checks: ["content-type-mismatch"] },
  { name: "huge-declared", outcome: "inconclusive", reason: /ResponseTooLargeError/ },
  { name: "huge-declared-then-silent", outcome: "inconclusive", reason: /ResponseTooLargeError/ },
  { name: "huge-chunked", outcome: "inconclusive", reason: /ResponseTooLargeError/ },
  { name: "gzip-endless", outcome: "inconclusive", reason: /ResponseTooLargeError/ },
  { name: "gzip-reset-mid-body", outcome: "inconclusive", reason: /NetworkError/ },
  {
    name: "endless-body",
    outcome: "inconclusive",
    timesOut: true,
    reason: /TimeoutError: .* timed out after 150 ms \(3 attempts\)/,
  },
  { name: "stall", outcome: "inconclusive", timesOut: true, reason: /TimeoutError/ },
  { name: "stall-after-headers", outcome: "inconclusive", timesOut: true, reason: /TimeoutError/ },
  { name: "reset-mid-body", outcome: "inconclusive", reason: /NetworkError/ },
  {
    name: "invalid-utf8",
    outcome: "inconclusive",
    reason: /does not look like the SIP endpoint API: the list answered 200 with a body that is not JSON/,
  },
  { name: "proto-keys", outcome: "drift", checks: ["field-undocumented"], mode: "read-write" },
  { name: "rate-limit-storm", outcome: "inconclusive", reason: /answered 429/ },
  // Two 500s, then honest: the job retries reads and writes it may retry, so a passing blip is no drift.
  { name: "error-burst", outcome: "pass", mode: "read-write" },
  { name: "redirect-302", outcome: "drift", checks: ["status-code-undocumented"] },
  { name: "redirect-307", outcome: "drift", checks: ["status-code-undocumented"], mode: "read-write" },
  { name: "next-loop", outcome: "drift", checks: ["pagination-inconsistent"] },
  { name: "next-endless", outcome: "drift", checks: ["pagination-inconsistent"] },
  // A link that does not lead back to the list is a pagination finding; the walk stops there, the run goes on.
  { name: "next-foreign", outcome: "drift", checks: ["pagination-inconsistent"] },
  { name: "next-with-credentials", outcome: "drift", checks: ["pagination-inconsistent"] },
];

let mock: MockServer;
let recorder: Recorder;
let server: HostileServer | undefined;

beforeEach(async () => {
  mock = await startMockServer({ port: 0, seedCount: 3, ...credentials, env: {} });
  recorder = await startRecorder();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await recorder.close();
  await mock.close();
});

describe("the engine in-process", () => {
  test.each(ROWS)("$name → $outcome", async ({ name, outcome, checks, reason, mode = "read-only", timesOut }) => {
    server = await startHostile(name, mock, recorder);
    const send = createDriftSend(
      { baseUrl: server.baseUrl, credentials },
      {
        timeoutMs: timesOut ? TIMEOUT_MS : GENEROUS_TIMEOUT_MS,
        retry: { maxAttempts: MAX_ATTEMPTS, sleep: async () => {}, baseDelayMs: 1, maxDelayMs: 1 },
      },
    );
    // Generous: even a run whose every request times out on every attempt ends far sooner.
    const { report } = await within(
      15_000,
      runDrift({
        target: { kind: "live", baseUrl: server.baseUrl, credentials },
        send,
        mode,
        maxPages: 10,
        pageSize: 2,
      }),
      "the drift run",
    );

    expect(report.outcome).toBe(outcome);
    expect(report.exitCode).toBe(EXIT_CODES[outcome]);
    if (checks) expect(report.findings.map((f) => f.check)).toEqual(expect.arrayContaining(checks));
    if (reason) expect(report.reasons[0]).toMatch(reason);
    if (outcome === "inconclusive") expect(report.findings).toEqual([]);
    if (outcome === "pass") expect(report.summary.retries).toBeGreaterThanOrEqual(2);

    expect(recorder.received).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("polluted");
    const renderings = [...REPORT_RENDERERS.map((r) => r.render(report)), formatSummary(report, { color: false })];
    expectNoCanary(renderings.join("\n"), `the ${name} report`);
  });
});

describe("the CLI as a child process", () => {
  const CLI_ROWS: Array<{ name: HostileName; code: number; first: RegExp }> = [
    // Every server's outcome is judged in process above; here, one drifting and one inconclusive
    // run show what a child process adds: the exit code, the files and its own output, all clean.
    { name: "proto-keys", code: EXIT_CODES.drift, first: /^DRIFT/ },
    { name: "empty-200", code: EXIT_CODES.inconclusive, first: /^INCONCLUSIVE/ },
  ];

  test.each(CLI_ROWS)("$name → exit $code", async ({ name, code, first }) => {
    server = await startHostile(name, mock, recorder);
    const out = mkdtempSync(join(tmpdir(), `hostile-${name}-`));
    try {
      const run = await runScript(
        "scripts/drift.ts",
        ["--target", "live", "--base-url", server.baseUrl, "--max-pages", "5", "--out", out],
        CANARY_ENV,
      );
      expect({ code: run.code, stderr: run.code === code ? "" : run.stderr }).toEqual({ code, stderr: "" });
      expect(run.stdout).toMatch(first);
      const files = readdirSync(out).map((file) => ({ file, text: readFileSync(join(out, file), "utf8") }));
      expect(files.map((f) => f.file).sort()).toEqual([
        "exchanges.har",
        "junit.xml",
        "report.json",
        "report.md",
        "report.sarif",
      ]);
      expect(recorder.received).toEqual([]);
      for (const { file, text } of [
        ...files,
        { file: "stdout", text: run.stdout },
        { file: "stderr", text: run.stderr },
      ])
        expectNoCanary(text, `${name}: ${file}`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
