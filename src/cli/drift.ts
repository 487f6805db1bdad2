/**
 * The drift command (`npm run drift`, the `sip-endpoints-drift` bin): argument parsing and
 * printing only; the work is `src/drift`. Exit codes: 0 pass, 1 drift, 2 inconclusive or unusable
 * arguments.
 */
import { DriftConfigError, readDriftConfig } from "./drift-config";
import { DRIFT_OPTIONS, resolvePlan, type DriftPlan, type DriftSettings, type SettingName } from "./drift-plan";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { isConfigError } from "../client";
import {
  EXIT_CODES,
  formatSummary,
  jobRunOptions,
  openTarget,
  renderJson,
  HAR_FILE,
  SUGGESTION_FILES,
  runCleanup,
  runDrift,
  writeReports,
  HarError,
  readHar,
  replayDrift,
  type DriftReport,
  type Har,
  type Outcome,
  type LiveJobTarget,
  type OpenedTarget,
  type Recording,
} from "../drift";
import { name as packageName } from "../../package.json";
import { redactText } from "../redact";
import { defineCommand, flagOf, UsageError, type CommandIo } from "./command";
import { progressPrinter } from "./progress";

/** Where a live target's address came from, in the command's own terms. */
const ADDRESS_SOURCE: Record<LiveJobTarget["source"], string> = {
  given: "--base-url",
  SIGNALWIRE_BASE_URL: "SIGNALWIRE_BASE_URL",
  SIGNALWIRE_SPACE: "SIGNALWIRE_SPACE",
};

/** Where the package keeps its own spec, the one `generated/` was made from. */
const PACKAGE_SPEC = "openapi/openapi.yaml";

const EPILOG = `Environment: SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN, SIGNALWIRE_SPACE or SIGNALWIRE_BASE_URL
(live); HTTPS_PROXY, HTTP_PROXY, NO_PROXY (live: requests go through the proxy by CONNECT);
GITHUB_STEP_SUMMARY (the Markdown report is appended to it); GITHUB_OUTPUT (this run's outcome,
exit-code, report-dir and findings-breaking/-warning/-info are appended to it); NO_COLOR.
Exit codes: 0 pass, 1 drift, 2 inconclusive (unreachable, timeouts, refused credentials) or bad usage.`;

export interface DriftCommandOptions {
  /** A reason not to run at all (e.g. the spec changed since `npm run gen`); exit 2 with it. */
  precondition?: () => string | undefined;
}

export function driftCommand(invocation: string, { precondition }: DriftCommandOptions = {}) {
  return defineCommand({
    invocation,
    summary: "Checks that the SIP endpoint API still matches openapi/openapi.yaml and writes a report.",
    options: DRIFT_OPTIONS,
    epilog: () => EPILOG,
    unknownOptionHint: (name) =>
      /token|password|secret|project|user/i.test(name)
        ? "credentials come only from SIGNALWIRE_PROJECT_ID and SIGNALWIRE_API_TOKEN"
        : undefined,
    run: async ({ values }, io) => {
      const refused = precondition?.();
      if (refused !== undefined) {
        io.stderr.write(`error: ${refused}\n`);
        return 2;
      }
      return drift(values, io);
    },
  });
}

/** Runs the job; returns the exit code. Everything printed is scrubbed of the run's secrets. */
async function drift(flags: DriftSettings, io: CommandIo): Promise<number> {
  const secrets = [io.env.SIGNALWIRE_API_TOKEN ?? ""];
  const print = (text: string) => io.stdout.write(redactText(text, secrets));
  const note = (text: string) => io.stderr.write(redactText(text, secrets));
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "";

  let plan: DriftPlan;
  try {
    if (flags.config === undefined) plan = resolvePlan(flags, io.env);
    else {
      const file = flags.config;
      const loaded = readDriftConfig(await readConfigText(io.cwd, file), file);
      // A flag wins over the file; a message names a setting where the user wrote it.
      const named: SettingName = (key) =>
        key in loaded.settings && !(key in flags) ? `${key} in ${file}` : flagOf(key, DRIFT_OPTIONS[key]);
      plan = resolvePlan({ ...loaded.settings, ...flags }, io.env, { policy: loaded.policy, named });
    }
  } catch (error) {
    if (error instanceof DriftConfigError) throw new UsageError(error.message);
    throw error;
  }
  const { job } = plan;
  if (job.timeoutMs !== undefined && job.maxDurationMs !== undefined && job.timeoutMs >= job.maxDurationMs) {
    note(
      `note: --timeout ${job.timeoutMs} is not shorter than --max-duration ${job.maxDurationMs / 1000} s; the budget ends a stalled request first\n`,
    );
  }
  // Another copy of the spec (--spec) is loaded only when given, and the package's own is back after the run.
  let restore = () => {};
  if (job.spec !== undefined) {
    const { judgeBy, SpecLoadError } = await import("../drift/judged-spec");
    try {
      restore = judgeBy(resolve(io.cwd, job.spec), job.spec);
    } catch (error) {
      if (!(error instanceof SpecLoadError)) throw error;
      note(`error: --spec ${error.message}\n`);
      return EXIT_CODES.inconclusive;
    }
  }
  try {
    return await runPlan(plan, io, { print, note, noColor, secrets });
  } finally {
    restore();
  }
}

/** Runs a checked plan: a replay, a cleanup or a run against the mock or a Space. */
async function runPlan(plan: DriftPlan, io: CommandIo, out: Output): Promise<number> {
  const { print, note, noColor, secrets } = out;
  const { job } = plan;
  if (job.target.kind === "replay") return replay(plan, job.target.path, io, out);
  if (job.target.kind === "mock") {
    const ignored = ["SIGNALWIRE_PROJECT_ID", "SIGNALWIRE_API_TOKEN", "SIGNALWIRE_SPACE", "SIGNALWIRE_BASE_URL"].filter(
      (name) => io.env[name],
    );
    if (ignored.length > 0)
      note(
        `note: ${ignored.join(", ")} ${ignored.length === 1 ? "is" : "are"} not used with --target mock (the mock has its own credentials); add --target live to check a Space\n`,
      );
  }

  let opened: OpenedTarget;
  try {
    opened = await openTarget(job.target, { timeoutMs: job.timeoutMs, proxyEnv: io.env });
  } catch (error) {
    if (!isConfigError(error)) throw error;
    const where = job.target.kind === "live" ? ADDRESS_SOURCE[job.target.source] : "the mock";
    note(`error: ${where}: ${error.message}\n`);
    return 2;
  }
  const { target, send } = opened;

  const progress = plan.json ? { onProgress: () => {}, done: () => {} } : progressPrinter(io.stderr, !!io.stderr.isTTY);
  const onAbort = () =>
    note(
      `\n${String(io.signal?.reason ?? "stop")}: stopping; removing what this run created (again to quit at once, then run --cleanup)\n`,
    );
  io.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    if (!plan.json)
      note(
        `drift: ${target.kind}${target.fault ? ` (fault ${target.fault})` : ""} at ${target.baseUrl}, ${plan.cleanup ? "cleanup" : job.mode}, fails on ${job.failOn}\n`,
      );
    if (plan.cleanup) {
      const result = await runCleanup({
        target,
        send,
        maxPages: job.maxPages,
        signal: io.signal,
        onProgress: progress.onProgress,
      });
      progress.done();
      if (plan.json) print(`${JSON.stringify(result, null, 2)}\n`);
      else
        print(
          `${result.outcome.toUpperCase()}: found ${result.found} leftover(s), deleted ${result.deleted}${result.reasons.map((r) => `\n  ! ${r}`).join("")}\n`,
        );
      return tellStep(io, { print, note, noColor, secrets }, result.exitCode);
    }
    const {
      report,
      har,
      secrets: runSecrets,
    } = await runDrift({
      target,
      send,
      ...jobRunOptions(job),
      signal: io.signal,
      onProgress: progress.onProgress,
    });
    progress.done();
    secrets.push(...runSecrets);
    return await deliver(report, har, plan, io, { print, note, noColor, secrets });
  } finally {
    progress.done();
    io.signal?.removeEventListener("abort", onAbort);
    await opened.close();
  }
}

interface Output {
  print: (text: string) => void;
  note: (text: string) => void;
  noColor: boolean;
  secrets: string[];
}

/** Writes the reports and tells the verdict; the exit code says whether all of it was done. */
async function deliver(
  report: DriftReport,
  har: Har | undefined,
  plan: DriftPlan,
  io: CommandIo,
  out: Output,
): Promise<number> {
  let files: string[] = [];
  let unwritten: string | undefined;
  try {
    const dir = resolve(io.cwd, plan.out);
    files = await writeReports(report, dir, out.secrets, {
      stepSummary: io.env.GITHUB_STEP_SUMMARY || undefined,
      har,
      specUri: repositorySpecUri(io.cwd, plan.job.spec, report.spec.sha256),
    });
    const recording = plan.job.target.kind === "replay" ? plan.job.target.path : join(plan.out, HAR_FILE);
    if (plan.suggestSpec)
      files.push(...(await writeSuggestions(report, dir, out.secrets, { out: plan.out, recording })));
  } catch (error) {
    // The verdict is still told; the exit code says the job was not done in full.
    unwritten = (error as Error).message;
  }
  if (plan.json) out.print(renderJson(report));
  else out.print(formatSummary(report, { color: !!io.stdout.isTTY && !out.noColor, files }));
  if (unwritten !== undefined) out.note(`error: the reports could not be written to ${plan.out}: ${unwritten}\n`);
  const code = unwritten === undefined ? report.exitCode : Math.max(report.exitCode, EXIT_CODES.inconclusive);
  const { breaking, warning, info } = report.summary.findings;
  return tellStep(io, out, code, {
    "report-dir": resolve(io.cwd, plan.out),
    "findings-breaking": breaking,
    "findings-warning": warning,
    "findings-info": info,
  });
}

/**
 * In a GitHub Actions step (`$GITHUB_OUTPUT` set), this run's verdict as the step's outputs, so
 * that later steps read it from the run that just ended, never from a report an earlier run left.
 * The outcome is the one its exit code stands for. Returns the exit code (2 when the outputs
 * could not be written: the job was not done in full).
 */
async function tellStep(
  io: CommandIo,
  out: Output,
  code: number,
  more: Record<string, string | number> = {},
): Promise<number> {
  const file = io.env.GITHUB_OUTPUT;
  if (!file) return code;
  const outcome = (Object.keys(EXIT_CODES) as Outcome[]).find((o) => EXIT_CODES[o] === code) ?? "inconclusive";
  const lines = Object.entries({ outcome, "exit-code": code, ...more }).map(([name, value]) => `${name}=${value}\n`);
  try {
    await appendFile(file, lines.join(""), "utf8");
    return code;
  } catch (error) {
    out.note(
      `error: the step outputs could not be written to $GITHUB_OUTPUT: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`,
    );
    return Math.max(code, EXIT_CODES.inconclusive);
  }
}

/**
 * The judged spec's path relative to the working directory (where code scanning resolves SARIF
 * paths), when the repository there holds it: `openapi/openapi.yaml` in this repository, which
 * the package resolves to. Undefined anywhere else — an app's `node_modules` copy is no file of
 * its repository, and another file at the same path is another spec — so SARIF names no file.
 */
function repositorySpecUri(cwd: string, given: string | undefined, sha256: string): string | undefined {
  let spec: string;
  try {
    spec =
      given !== undefined
        ? resolve(cwd, given)
        : join(dirname(createRequire(join(cwd, "package.json")).resolve(`${packageName}/package.json`)), PACKAGE_SPEC);
  } catch {
    return undefined;
  }
  const rel = relative(cwd, spec);
  if (rel.startsWith("..") || isAbsolute(rel) || rel.split(sep).includes("node_modules")) return undefined;
  try {
    return createHash("sha256").update(readFileSync(spec)).digest("hex") === sha256
      ? rel.split(sep).join("/")
      : undefined;
  } catch {
    return undefined;
  }
}

/** `--suggest-spec`: the suggested spec and its list, beside the reports (the yaml library loads only here). */
async function writeSuggestions(
  report: DriftReport,
  dir: string,
  secrets: readonly string[],
  where: { out: string; recording: string },
): Promise<string[]> {
  const { suggestedSpec, renderSuggestionsMarkdown } = await import("../drift/suggested-spec");
  const written: string[] = [];
  for (const [file, text] of [
    [SUGGESTION_FILES.spec, suggestedSpec(report)],
    [SUGGESTION_FILES.list, renderSuggestionsMarkdown(report, where)],
  ] as const) {
    const path = join(dir, file);
    await writeFile(path, redactText(text, secrets), "utf8");
    written.push(path);
  }
  return written;
}

/** `--replay`: reads the recording, judges it, writes the reports (never a recording: that is the input). */
async function replay(plan: DriftPlan, path: string, io: CommandIo, out: Output): Promise<number> {
  let recording: Recording;
  try {
    recording = readHar(await readFile(resolve(io.cwd, path), "utf8"), path);
  } catch (error) {
    if (error instanceof HarError) out.note(`error: ${error.message}\n`);
    else out.note(`error: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 2;
  }
  if (!plan.json)
    out.note(
      `drift: replay of ${path} (${recording.exchanges.length} exchanges recorded at ${recording.baseUrl}), fails on ${plan.job.failOn}\n`,
    );
  const report = await replayDrift({
    recording,
    failOn: plan.job.failOn,
    minCoverage: plan.job.minCoverage,
    ...(plan.job.policy ? { policy: plan.job.policy } : {}),
  });
  return deliver(report, undefined, plan, io, out);
}

async function readConfigText(cwd: string, file: string): Promise<string> {
  if (file.trim() === "") throw new DriftConfigError("--config must name a JSON file");
  try {
    return await readFile(resolve(cwd, file), "utf8");
  } catch (error) {
    throw new DriftConfigError(
      `cannot read --config ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}
