/**
 * From the drift command's flags and environment to a checked plan. Every problem is a
 * `UsageError` naming the flag or variable at fault; credentials come only from the
 * environment, and their values never appear in a message.
 */
import { UsageError, wholeNumberOption } from "./command";
import type { DriftPolicy } from "../drift/policy";
import { CRITERIA, isCriterion, type Criterion } from "../drift/coverage";
import { SEVERITIES } from "../checks";
import { FAULT_NAMES, isFaultName } from "../mock";
import { DRIFT_MODES } from "../drift/types";
import { defaultMode, JOB_DEFAULTS, liveTargetFromEnv, type DriftJob, type JobTarget } from "../drift/job";
import { fixtureProblem } from "../drift/fixtures";

export type DriftFlags = Partial<
  Record<
    | "target"
    | "base-url"
    | "mode"
    | "fail-on"
    | "out"
    | "max-pages"
    | "mock-fault"
    | "timeout"
    | "max-duration"
    | "replay"
    | "har-pages"
    | "spec",
    string
  >
> &
  Partial<Record<"cleanup" | "json" | "help" | "allow-insecure-http" | "suggest-spec", boolean>> & {
    fixture?: string[];
    "min-coverage"?: string[];
    config?: string;
  };

/** A drift job, and what the command does with its result. */
export interface DriftPlan {
  job: DriftJob;
  out: string;
  /** Print report.json instead of the summary. */
  json: boolean;
  /** Remove what earlier runs left behind instead of running the job. */
  cleanup: boolean;
  /** Also write the suggested spec and its list. */
  suggestSpec: boolean;
}

/** Flags that only mean something when the run talks to a target; a replay talks to none. */
const TARGET_FLAGS = [
  "target",
  "base-url",
  "mode",
  "max-pages",
  "mock-fault",
  "timeout",
  "max-duration",
  "har-pages",
  "fixture",
] as const;

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}, not ${JSON.stringify(value)}`);
}

/** The plan the flags describe (a configuration file's settings already among them). */
export function resolvePlan(
  flags: DriftFlags,
  env: Record<string, string | undefined>,
  policy?: DriftPolicy,
): DriftPlan {
  if (flags.replay !== undefined) return replayPlan(flags, policy);
  const kind = oneOf("target", flags.target, ["mock", "live"] as const, "mock");
  const mode = oneOf("mode", flags.mode, DRIFT_MODES, defaultMode(kind));
  const failOn = oneOf("fail-on", flags["fail-on"], SEVERITIES, JOB_DEFAULTS.failOn);
  const out = flags.out ?? "drift-report";
  if (out.trim() === "") throw new UsageError("--out must name a directory");
  const maxPages = positiveInteger("max-pages", flags["max-pages"], JOB_DEFAULTS.maxPages);
  const cleanup = flags.cleanup === true;
  if (cleanup && flags.mode === "read-only")
    throw new UsageError("--cleanup deletes endpoints; it cannot run with --mode read-only");
  if (cleanup && flags["suggest-spec"])
    throw new UsageError("--suggest-spec has no effect with --cleanup: a cleanup judges nothing");

  let target: JobTarget;
  if (kind === "mock") {
    if (flags["base-url"] !== undefined)
      throw new UsageError("--base-url is only for --target live (the mock runs in-process on a free port)");
    const fault = flags["mock-fault"];
    if (fault !== undefined && !isFaultName(fault))
      throw new UsageError(
        `--mock-fault ${JSON.stringify(fault)} is not a fault profile; known: ${FAULT_NAMES.join(", ")}`,
      );
    if (flags["allow-insecure-http"])
      throw new UsageError("--allow-insecure-http is only for --target live (the embedded mock is on loopback)");
    target = { kind, ...(fault ? { fault } : {}) };
  } else {
    if (flags["mock-fault"] !== undefined) throw new UsageError("--mock-fault is only for --target mock");
    const live = liveTargetFromEnv(env, {
      ...(flags["base-url"] !== undefined ? { baseUrl: flags["base-url"] } : {}),
      allowInsecureHttp: flags["allow-insecure-http"] === true,
    });
    if ("missing" in live) {
      if (live.missing.credentials.length > 0)
        throw new UsageError(
          `--target live needs ${live.missing.credentials.join(" and ")} in the environment (credentials are never taken from flags)`,
        );
      throw new UsageError("--target live needs --base-url, SIGNALWIRE_BASE_URL or SIGNALWIRE_SPACE");
    }
    if (live.allowInsecureHttp && !(live.baseUrl ?? "").toLowerCase().startsWith("http://")) {
      throw new UsageError(
        "--allow-insecure-http has no effect: the base URL is not http:// (a Space is always https://)",
      );
    }
    target = live;
  }
  const timeoutMs = flags.timeout === undefined ? undefined : positiveInteger("timeout", flags.timeout, 0);
  const maxDurationMs =
    flags["max-duration"] === undefined ? undefined : positiveInteger("max-duration", flags["max-duration"], 0) * 1000;
  const harPages =
    flags["har-pages"] === undefined ? JOB_DEFAULTS.harPages : wholeNumberOption("har-pages", flags["har-pages"], 0);
  const fixtures = fixturesOf(flags.fixture ?? []);
  if (Object.keys(fixtures).length > 0 && (mode === "read-only" || cleanup)) {
    throw new UsageError(
      `--fixture has no effect ${cleanup ? "with --cleanup" : "in a read-only run"}: only the creates of --mode read-write send it`,
    );
  }
  const spec = specFile(flags.spec);
  if (spec !== undefined && kind === "mock")
    throw new UsageError(
      "--spec judges a live Space or a recording (--replay); the embedded mock serves this package's own spec",
    );
  return {
    job: {
      target,
      mode,
      failOn,
      maxPages,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(maxDurationMs !== undefined ? { maxDurationMs } : {}),
      harPages,
      fixtures,
      minCoverage: minCoverageOf(flags["min-coverage"] ?? []),
      ...(policy ? { policy } : {}),
      ...(spec !== undefined ? { spec } : {}),
    },
    out,
    json: flags.json === true,
    cleanup,
    suggestSpec: flags["suggest-spec"] === true,
  };
}

function minCoverageOf(given: readonly string[]): Partial<Record<Criterion, number>> {
  const required: Partial<Record<Criterion, number>> = {};
  for (const pair of given) {
    const match = /^([A-Za-z]+)=(\d+(?:\.\d+)?)%?$/.exec(pair.trim());
    if (!match)
      throw new UsageError(
        `--min-coverage takes CRITERION=PERCENT (e.g. responseProperties=80), not ${JSON.stringify(pair)}`,
      );
    const [, name, percent] = match as unknown as [string, string, string];
    if (!isCriterion(name))
      throw new UsageError(
        `--min-coverage: unknown criterion ${JSON.stringify(name)}; the criteria are ${CRITERIA.join(", ")}`,
      );
    if (Number(percent) > 100)
      throw new UsageError(`--min-coverage ${name} must be a percentage from 0 to 100, not ${percent}`);
    if (name in required) throw new UsageError(`--min-coverage ${name} was given more than once; give it once`);
    required[name] = Number(percent);
  }
  return required;
}

function specFile(given: string | undefined): string | undefined {
  if (given !== undefined && given.trim() === "")
    throw new UsageError("--spec must name a spec file (an edited copy of openapi/openapi.yaml)");
  return given;
}

/** `FIELD=VALUE` pairs, each field once and each value one the spec allows for it. */
function fixturesOf(given: readonly string[]): Record<string, string> {
  const fixtures: Record<string, string> = {};
  for (const pair of given) {
    const at = pair.indexOf("=");
    if (at <= 0 || at === pair.length - 1)
      throw new UsageError(
        `--fixture takes FIELD=VALUE (e.g. call_video_room_id=<id of a video room>), not ${JSON.stringify(pair)}`,
      );
    const field = pair.slice(0, at);
    const value = pair.slice(at + 1);
    if (field in fixtures) throw new UsageError(`--fixture ${field} was given more than once; give it once`);
    const problem = fixtureProblem(field, value);
    if (problem !== undefined) throw new UsageError(`--fixture ${problem}`);
    fixtures[field] = value;
  }
  return fixtures;
}

function replayPlan(flags: DriftFlags, policy: DriftPolicy | undefined): DriftPlan {
  const path = flags.replay!;
  if (path.trim() === "") throw new UsageError("--replay must name a HAR file (e.g. drift-report/exchanges.har)");
  const given = [
    ...TARGET_FLAGS.filter((flag) => flags[flag] !== undefined),
    ...(flags.cleanup ? ["cleanup"] : []),
    ...(flags["allow-insecure-http"] ? ["allow-insecure-http"] : []),
  ];
  if (given.length > 0)
    throw new UsageError(
      `${given.map((f) => `--${f}`).join(", ")} ${given.length === 1 ? "has" : "have"} no effect with --replay: a replay sends no request`,
    );
  const out = flags.out ?? "drift-report";
  if (out.trim() === "") throw new UsageError("--out must name a directory");
  return {
    job: {
      target: { kind: "replay", path },
      mode: defaultMode("replay"),
      failOn: oneOf("fail-on", flags["fail-on"], SEVERITIES, JOB_DEFAULTS.failOn),
      maxPages: JOB_DEFAULTS.maxPages,
      harPages: JOB_DEFAULTS.harPages,
      fixtures: {},
      minCoverage: minCoverageOf(flags["min-coverage"] ?? []),
      ...(policy ? { policy } : {}),
      ...(flags.spec !== undefined ? { spec: specFile(flags.spec)! } : {}),
    },
    out,
    json: flags.json === true,
    cleanup: false,
    suggestSpec: flags["suggest-spec"] === true,
  };
}

function positiveInteger(flag: string, value: string | undefined, fallback: number): number {
  return value === undefined ? fallback : wholeNumberOption(flag, value, 1);
}
