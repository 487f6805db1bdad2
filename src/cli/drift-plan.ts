/**
 * From the drift command's flags and environment to a checked plan. Every problem is a
 * `UsageError` naming the flag or variable at fault; credentials come only from the
 * environment, and their values never appear in a message.
 */
import { UsageError, wholeNumberOption } from "./command";
import type { DriftPolicy } from "../drift/policy";
import { CRITERIA, isCriterion, type Criterion } from "../drift/coverage";
import type { Severity } from "../checks";
import { FAULT_NAMES, isFaultName, type FaultName } from "../mock";
import type { DriftCredentials, DriftMode } from "../drift/types";
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

type PlannedTarget =
  | { kind: "mock"; fault?: FaultName }
  /** A recording (`--replay`), judged again offline. */
  | { kind: "replay"; path: string }
  | {
      kind: "live";
      baseUrl?: string;
      space?: string;
      credentials: DriftCredentials;
      /** Where the URL or Space came from, for error messages. */
      source: "--base-url" | "SIGNALWIRE_BASE_URL" | "SIGNALWIRE_SPACE";
      /** A plain http:// base URL on a host other than loopback is allowed (a mock in another container). */
      allowInsecureHttp: boolean;
    };

export interface DriftPlan {
  target: PlannedTarget;
  mode: DriftMode;
  failOn: Severity;
  out: string;
  maxPages: number;
  /** Per request (each attempt), in ms; undefined for the target's default. */
  timeoutMs?: number;
  /** The whole run, cleanup included, in ms. */
  maxDurationMs?: number;
  cleanup: boolean;
  json: boolean;
  /** Pages followed through `links.next` that the recording keeps per step, besides the last. */
  harPages: number;
  /** Also write the suggested spec and its list. */
  suggestSpec: boolean;
  /** Values for the create bodies' companion fields (`--fixture FIELD=VALUE`). */
  fixtures: Record<string, string>;
  /** Another copy of the spec to judge by (`--spec FILE`), as given; undefined for the package's own. */
  spec?: string;
  /** Coverage required per criterion, in percent (`--min-coverage CRITERION=PERCENT`). */
  minCoverage: Partial<Record<Criterion, number>>;
  /** Checks switched off or re-graded and findings acknowledged (`--config`). */
  policy?: DriftPolicy;
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

const SEVERITIES: readonly Severity[] = ["breaking", "warning", "info"];
const MODES: readonly DriftMode[] = ["read-only", "read-write"];

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}, not ${JSON.stringify(value)}`);
}

export function resolvePlan(
  flags: DriftFlags,
  env: Record<string, string | undefined>,
  defaults: { maxPages: number; harPages: number },
): DriftPlan {
  if (flags.replay !== undefined) return replayPlan(flags, defaults);
  const kind = oneOf("target", flags.target, ["mock", "live"] as const, "mock");
  const mode = oneOf("mode", flags.mode, MODES, kind === "mock" ? "read-write" : "read-only");
  const failOn = oneOf("fail-on", flags["fail-on"], SEVERITIES, "warning");
  const out = flags.out ?? "drift-report";
  if (out.trim() === "") throw new UsageError("--out must name a directory");
  const maxPages = positiveInteger("max-pages", flags["max-pages"], defaults.maxPages);
  const cleanup = flags.cleanup === true;
  if (cleanup && flags.mode === "read-only")
    throw new UsageError("--cleanup deletes endpoints; it cannot run with --mode read-only");
  if (cleanup && flags["suggest-spec"])
    throw new UsageError("--suggest-spec has no effect with --cleanup: a cleanup judges nothing");

  let target: PlannedTarget;
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
    const projectId = env.SIGNALWIRE_PROJECT_ID;
    const apiToken = env.SIGNALWIRE_API_TOKEN;
    const missing = [!projectId && "SIGNALWIRE_PROJECT_ID", !apiToken && "SIGNALWIRE_API_TOKEN"].filter(Boolean);
    if (missing.length > 0)
      throw new UsageError(
        `--target live needs ${missing.join(" and ")} in the environment (credentials are never taken from flags)`,
      );
    const baseUrl = flags["base-url"] ?? (env.SIGNALWIRE_BASE_URL || undefined);
    const space = env.SIGNALWIRE_SPACE || undefined;
    if (baseUrl === undefined && space === undefined)
      throw new UsageError("--target live needs --base-url, SIGNALWIRE_BASE_URL or SIGNALWIRE_SPACE");
    const source =
      flags["base-url"] !== undefined
        ? "--base-url"
        : baseUrl !== undefined
          ? "SIGNALWIRE_BASE_URL"
          : "SIGNALWIRE_SPACE";
    const allowInsecureHttp = flags["allow-insecure-http"] === true;
    if (allowInsecureHttp && !(baseUrl ?? "").toLowerCase().startsWith("http://")) {
      throw new UsageError(
        "--allow-insecure-http has no effect: the base URL is not http:// (a Space is always https://)",
      );
    }
    target = {
      kind,
      ...(baseUrl !== undefined ? { baseUrl } : { space }),
      credentials: { projectId: projectId!, apiToken: apiToken! },
      source,
      allowInsecureHttp,
    };
  }
  const timeoutMs = flags.timeout === undefined ? undefined : positiveInteger("timeout", flags.timeout, 0);
  const maxDurationMs =
    flags["max-duration"] === undefined ? undefined : positiveInteger("max-duration", flags["max-duration"], 0) * 1000;
  const harPages =
    flags["har-pages"] === undefined ? defaults.harPages : wholeNumberOption("har-pages", flags["har-pages"], 0);
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
    target,
    mode,
    failOn,
    out,
    maxPages,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(maxDurationMs !== undefined ? { maxDurationMs } : {}),
    cleanup,
    json: flags.json === true,
    harPages,
    suggestSpec: flags["suggest-spec"] === true,
    fixtures,
    ...(spec !== undefined ? { spec } : {}),
    minCoverage: minCoverageOf(flags["min-coverage"] ?? []),
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

function replayPlan(flags: DriftFlags, defaults: { maxPages: number; harPages: number }): DriftPlan {
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
    target: { kind: "replay", path },
    mode: "read-only",
    failOn: oneOf("fail-on", flags["fail-on"], SEVERITIES, "warning"),
    out,
    maxPages: defaults.maxPages,
    cleanup: false,
    json: flags.json === true,
    harPages: defaults.harPages,
    suggestSpec: flags["suggest-spec"] === true,
    fixtures: {},
    ...(flags.spec !== undefined ? { spec: specFile(flags.spec)! } : {}),
    minCoverage: minCoverageOf(flags["min-coverage"] ?? []),
  };
}

function positiveInteger(flag: string, value: string | undefined, fallback: number): number {
  return value === undefined ? fallback : wholeNumberOption(flag, value, 1);
}
