/**
 * `npm run drift`: the drift job. Argument parsing and printing only; the work is `src/drift`.
 * Exit codes: 0 pass, 1 drift, 2 inconclusive or unusable arguments.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { isConfigError } from "../src/client";
import {
  connect,
  createDriftSend,
  DRIFT_DEFAULTS,
  DriftUsageError,
  formatSummary,
  MOCK_TIMEOUT_MS,
  renderJson,
  resolvePlan,
  runCleanup,
  runDrift,
  startEmbeddedMock,
  writeReports,
  type DriftFlags,
  type DriftPlan,
  type ProgressEvent,
  type SendFn,
} from "../src/drift";
import { redactText } from "../src/redact";
import { runMain } from "./cli";

const HELP = `Usage: npm run drift -- [options]

Checks that the SIP endpoint API still matches openapi/openapi.yaml and writes a report.

  --target mock|live     mock (default): the embedded mock, started in-process on a free port;
                         live: a SignalWire Space (credentials from the environment only)
  --base-url URL         live only; default SIGNALWIRE_BASE_URL, else derived from SIGNALWIRE_SPACE.
                         http:// is allowed for loopback hosts only
  --mode MODE            read-only (default for live) or read-write (default for mock); read-write
                         only ever changes endpoints named drift-<run id>-… and always removes them
  --fail-on SEVERITY     breaking, warning (default) or info: findings at or above it mean drift
  --out DIR              report folder (default drift-report): report.json, report.md, junit.xml
  --max-pages N          upper bound of the pages any one walk reads (default ${DRIFT_DEFAULTS.maxPages})
  --mock-fault NAME      mock only: drift on purpose with a fault profile (e.g. extra-field)
  --cleanup              delete the leftovers of earlier runs (drift-<run id>-…) and nothing else
  --json                 print report.json to stdout instead of the summary
  --help                 this text

Environment: SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN, SIGNALWIRE_SPACE or SIGNALWIRE_BASE_URL
(live); GITHUB_STEP_SUMMARY (the Markdown report is appended to it); NO_COLOR.
Exit codes: 0 pass, 1 drift, 2 inconclusive (unreachable, timeouts, refused credentials) or bad usage.
`;

const FLAGS = {
  target: { type: "string" },
  "base-url": { type: "string" },
  mode: { type: "string" },
  "fail-on": { type: "string" },
  out: { type: "string" },
  "max-pages": { type: "string" },
  "mock-fault": { type: "string" },
  cleanup: { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean" },
} as const;

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** Where a relative `--out` is resolved. */
  cwd: string;
  /** Aborting it interrupts the run (the entry point wires SIGINT and SIGTERM to it). */
  signal?: AbortSignal;
}

/** Runs the command; returns the exit code. Everything printed is scrubbed of the run's secrets. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const secrets = [io.env.SIGNALWIRE_API_TOKEN ?? ""];
  const print = (text: string) => io.stdout.write(redactText(text, secrets));
  const note = (text: string) => io.stderr.write(redactText(text, secrets));
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "";

  let plan: DriftPlan;
  try {
    const { values } = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false });
    if (values.help) {
      print(HELP);
      return 0;
    }
    plan = resolvePlan(values as DriftFlags, io.env, { maxPages: DRIFT_DEFAULTS.maxPages });
  } catch (error) {
    note(`error: ${usageMessage(error)}\nRun with --help for the options.\n`);
    return 2;
  }

  let send: SendFn;
  let target: { kind: "mock" | "live"; baseUrl: string; credentials: { projectId: string; apiToken: string }; fault?: string; close(): Promise<void> };
  try {
    if (plan.target.kind === "mock") {
      const mock = await startEmbeddedMock({ fault: plan.target.fault });
      target = mock;
      send = createDriftSend(mock, { timeoutMs: MOCK_TIMEOUT_MS });
    } else {
      const { baseUrl, space, credentials } = plan.target;
      const connected = connect({ baseUrl, space }, credentials);
      send = connected.send;
      target = { kind: "live", baseUrl: connected.baseUrl, credentials, close: async () => {} };
    }
  } catch (error) {
    if (!isConfigError(error)) throw error;
    note(`error: ${plan.target.kind === "live" ? plan.target.source : "the mock"}: ${error.message}\n`);
    return 2;
  }

  const progress = plan.json ? { onProgress: () => {}, done: () => {} } : progressPrinter(io.stderr, !!io.stderr.isTTY);
  try {
    if (!plan.json) note(`drift: ${target.kind}${target.fault ? ` (fault ${target.fault})` : ""} at ${target.baseUrl}, ${plan.cleanup ? "cleanup" : plan.mode}, fails on ${plan.failOn}\n`);
    if (plan.cleanup) {
      const result = await runCleanup({ target, send, maxPages: plan.maxPages, signal: io.signal, onProgress: progress.onProgress });
      progress.done();
      if (plan.json) print(`${JSON.stringify(result, null, 2)}\n`);
      else print(`${result.outcome.toUpperCase()}: found ${result.found} leftover(s), deleted ${result.deleted}${result.reasons.map((r) => `\n  ! ${r}`).join("")}\n`);
      return result.exitCode;
    }
    const { report, secrets: runSecrets } = await runDrift({
      target,
      send,
      mode: plan.mode,
      failOn: plan.failOn,
      maxPages: plan.maxPages,
      signal: io.signal,
      onProgress: progress.onProgress,
    });
    progress.done();
    secrets.push(...runSecrets);
    const files = await writeReports(report, resolve(io.cwd, plan.out), secrets, { stepSummary: io.env.GITHUB_STEP_SUMMARY || undefined });
    if (plan.json) print(renderJson(report));
    else print(formatSummary(report, { color: !!io.stdout.isTTY && !noColor, files }));
    return report.exitCode;
  } finally {
    await target.close();
  }
}

/** The messages of `parseArgs`, made specific; never echoes a value (it might be a secret). */
function usageMessage(error: unknown): string {
  if (error instanceof DriftUsageError) return error.message;
  const { code, message } = error as { code?: string; message?: string };
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return "unexpected argument: this command takes options only (see below)";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const option = /'([^']+)'/.exec(message ?? "")?.[1] ?? "an option";
    const hint = /token|password|secret|project|user/i.test(option) ? " (credentials come only from SIGNALWIRE_PROJECT_ID and SIGNALWIRE_API_TOKEN)" : "";
    return `unknown option ${option}${hint}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return (message ?? "invalid option value").split("\n")[0]!;
  throw error;
}

/** One rewritten line on a terminal; a plain line per step otherwise (CI logs). */
function progressPrinter(stream: CliIo["stderr"], tty: boolean): { onProgress: (event: ProgressEvent) => void; done: () => void } {
  let lastStep = "";
  let drawn = false;
  return {
    onProgress: (event) => {
      if (tty) {
        stream.write(`\r\u001b[2K  ${event.step} — ${event.requests} requests, ${event.findings} findings`);
        drawn = true;
      } else if (event.step !== lastStep) {
        stream.write(`  ${event.step}\n`);
      }
      lastStep = event.step;
    },
    done: () => {
      if (drawn) stream.write("\r\u001b[2K");
      drawn = false;
    },
  };
}

if (require.main === module) {
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (name: string) => {
    signals += 1;
    if (signals === 1) {
      process.stderr.write(`\n${name}: stopping; removing what this run created (again to quit at once)\n`);
      controller.abort();
    } else {
      process.stderr.write(`${name} again: quitting before cleanup finished; run --cleanup later\n`);
      process.exit(2);
    }
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  runMain(() => main(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), signal: controller.signal }));
}
