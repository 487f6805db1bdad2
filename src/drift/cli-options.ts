/**
 * From the drift command's flags and environment to a checked plan. Every problem is a
 * `DriftUsageError` naming the flag or variable at fault; credentials come only from the
 * environment, and their values never appear in a message.
 */
import type { DriftPolicy } from "./policy";
import { CRITERIA, isCriterion, type Criterion } from "./coverage";
import type { Severity } from "../checks";
import { FAULT_NAMES, isFaultName, type FaultName } from "../mock";
import type { DriftCredentials, DriftMode } from "./types";
import { fixtureProblem } from "./fixtures";

export class DriftUsageError extends Error {
  override name = "DriftUsageError";
}

export type DriftFlags = Partial<Record<"target" | "base-url" | "mode" | "fail-on" | "out" | "max-pages" | "mock-fault" | "timeout" | "max-duration" | "replay" | "har-pages" | "spec", string>> &
  Partial<Record<"cleanup" | "json" | "help" | "allow-insecure-http" | "suggest-spec", boolean>> & { fixture?: string[]; "min-coverage"?: string[]; config?: string };

export type PlannedTarget =
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
const TARGET_FLAGS = ["target", "base-url", "mode", "max-pages", "mock-fault", "timeout", "max-duration", "har-pages", "fixture"] as const;

const SEVERITIES: readonly Severity[] = ["breaking", "warning", "info"];
const MODES: readonly DriftMode[] = ["read-only", "read-write"];

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new DriftUsageError(`--${flag} must be one of ${allowed.join(", ")}, not ${JSON.stringify(value)}`);
}

export function resolvePlan(flags: DriftFlags, env: Record<string, string | undefined>, defaults: { maxPages: number; harPages: number }): DriftPlan {
  if (flags.replay !== undefined) return replayPlan(flags, defaults);
  const kind = oneOf("target", flags.target, ["mock", "live"] as const, "mock");
  const mode = oneOf("mode", flags.mode, MODES, kind === "mock" ? "read-write" : "read-only");
  const failOn = oneOf("fail-on", flags["fail-on"], SEVERITIES, "warning");
  const out = flags.out ?? "drift-report";
  if (out.trim() === "") throw new DriftUsageError("--out must name a directory");
  const maxPages = positiveInteger("max-pages", flags["max-pages"], defaults.maxPages);
  const cleanup = flags.cleanup === true;
  if (cleanup && flags.mode === "read-only") throw new DriftUsageError("--cleanup deletes endpoints; it cannot run with --mode read-only");
  if (cleanup && flags["suggest-spec"]) throw new DriftUsageError("--suggest-spec has no effect with --cleanup: a cleanup judges nothing");

  let target: PlannedTarget;
  if (kind === "mock") {
    if (flags["base-url"] !== undefined) throw new DriftUsageError("--base-url is only for --target live (the mock runs in-process on a free port)");
    const fault = flags["mock-fault"];
    if (fault !== undefined && !isFaultName(fault)) throw new DriftUsageError(`--mock-fault ${JSON.stringify(fault)} is not a fault profile; known: ${FAULT_NAMES.join(", ")}`);
    if (flags["allow-insecure-http"]) throw new DriftUsageError("--allow-insecure-http is only for --target live (the embedded mock is on loopback)");
    target = { kind, ...(fault ? { fault } : {}) };
  } else {
    if (flags["mock-fault"] !== undefined) throw new DriftUsageError("--mock-fault is only for --target mock");
    const projectId = env.SIGNALWIRE_PROJECT_ID;
    const apiToken = env.SIGNALWIRE_API_TOKEN;
    const missing = [!projectId && "SIGNALWIRE_PROJECT_ID", !apiToken && "SIGNALWIRE_API_TOKEN"].filter(Boolean);
    if (missing.length > 0) throw new DriftUsageError(`--target live needs ${missing.join(" and ")} in the environment (credentials are never taken from flags)`);
    const baseUrl = flags["base-url"] ?? (env.SIGNALWIRE_BASE_URL || undefined);
    const space = env.SIGNALWIRE_SPACE || undefined;
    if (baseUrl === undefined && space === undefined) throw new DriftUsageError("--target live needs --base-url, SIGNALWIRE_BASE_URL or SIGNALWIRE_SPACE");
    const source = flags["base-url"] !== undefined ? "--base-url" : baseUrl !== undefined ? "SIGNALWIRE_BASE_URL" : "SIGNALWIRE_SPACE";
    const allowInsecureHttp = flags["allow-insecure-http"] === true;
    if (allowInsecureHttp && !(baseUrl ?? "").toLowerCase().startsWith("http://")) {
      throw new DriftUsageError("--allow-insecure-http has no effect: the base URL is not http:// (a Space is always https://)");
    }
    target = { kind, ...(baseUrl !== undefined ? { baseUrl } : { space }), credentials: { projectId: projectId!, apiToken: apiToken! }, source, allowInsecureHttp };
  }
  const timeoutMs = flags.timeout === undefined ? undefined : positiveInteger("timeout", flags.timeout, 0);
  const maxDurationMs = flags["max-duration"] === undefined ? undefined : positiveInteger("max-duration", flags["max-duration"], 0) * 1000;
  const harPages = flags["har-pages"] === undefined ? defaults.harPages : wholeNumber("har-pages", flags["har-pages"], 0);
  const fixtures = fixturesOf(flags.fixture ?? []);
  if (Object.keys(fixtures).length > 0 && (mode === "read-only" || cleanup)) {
    throw new DriftUsageError(`--fixture has no effect ${cleanup ? "with --cleanup" : "in a read-only run"}: only the creates of --mode read-write send it`);
  }
  const spec = specFile(flags.spec);
  if (spec !== undefined && kind === "mock") throw new DriftUsageError("--spec judges a live Space or a recording (--replay); the embedded mock serves this package's own spec");
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
    if (!match) throw new DriftUsageError(`--min-coverage takes CRITERION=PERCENT (e.g. responseProperties=80), not ${JSON.stringify(pair)}`);
    const [, name, percent] = match as unknown as [string, string, string];
    if (!isCriterion(name)) throw new DriftUsageError(`--min-coverage: unknown criterion ${JSON.stringify(name)}; the criteria are ${CRITERIA.join(", ")}`);
    if (Number(percent) > 100) throw new DriftUsageError(`--min-coverage ${name} must be a percentage from 0 to 100, not ${percent}`);
    if (name in required) throw new DriftUsageError(`--min-coverage ${name} was given more than once; give it once`);
    required[name] = Number(percent);
  }
  return required;
}

function specFile(given: string | undefined): string | undefined {
  if (given !== undefined && given.trim() === "") throw new DriftUsageError("--spec must name a spec file (an edited copy of openapi/openapi.yaml)");
  return given;
}

/** `FIELD=VALUE` pairs, each field once and each value one the spec allows for it. */
function fixturesOf(given: readonly string[]): Record<string, string> {
  const fixtures: Record<string, string> = {};
  for (const pair of given) {
    const at = pair.indexOf("=");
    if (at <= 0 || at === pair.length - 1) throw new DriftUsageError(`--fixture takes FIELD=VALUE (e.g. call_video_room_id=<id of a video room>), not ${JSON.stringify(pair)}`);
    const field = pair.slice(0, at);
    const value = pair.slice(at + 1);
    if (field in fixtures) throw new DriftUsageError(`--fixture ${field} was given more than once; give it once`);
    const problem = fixtureProblem(field, value);
    if (problem !== undefined) throw new DriftUsageError(`--fixture ${problem}`);
    fixtures[field] = value;
  }
  return fixtures;
}

function replayPlan(flags: DriftFlags, defaults: { maxPages: number; harPages: number }): DriftPlan {
  const path = flags.replay!;
  if (path.trim() === "") throw new DriftUsageError("--replay must name a HAR file (e.g. drift-report/exchanges.har)");
  const given = [...TARGET_FLAGS.filter((flag) => flags[flag] !== undefined), ...(flags.cleanup ? ["cleanup"] : []), ...(flags["allow-insecure-http"] ? ["allow-insecure-http"] : [])];
  if (given.length > 0) throw new DriftUsageError(`${given.map((f) => `--${f}`).join(", ")} ${given.length === 1 ? "has" : "have"} no effect with --replay: a replay sends no request`);
  const out = flags.out ?? "drift-report";
  if (out.trim() === "") throw new DriftUsageError("--out must name a directory");
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

function wholeNumber(flag: string, value: string, min: number): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new DriftUsageError(`--${flag} must be a whole number of at least ${min}, not ${JSON.stringify(value)}`);
  }
  return Number(value);
}

function positiveInteger(flag: string, value: string | undefined, fallback: number): number {
  return value === undefined ? fallback : wholeNumber(flag, value, 1);
}
