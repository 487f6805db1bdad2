/**
 * The drift command's settings, by the engine's names, and from them a checked plan. The command
 * line and the configuration file give the same settings (each option's kind is one rule for
 * both); every default is the engine's (`JOB_DEFAULTS`, `defaultMode`). Every problem is a
 * `UsageError` naming the setting where the user wrote it; credentials come only from the
 * environment, and their values never appear in a message.
 */
import { flagOf, UsageError, type OptionValues } from "./command";
import { faultOption } from "./fault-flag";
import type { DriftPolicy } from "../drift/policy";
import { CRITERIA } from "../drift/coverage";
import { SEVERITIES } from "../checks";
import { DRIFT_MODES } from "../drift/types";
import { defaultMode, JOB_DEFAULTS, liveTargetFromEnv, type DriftJob, type JobTarget } from "../drift/job";
import { fixtureProblem } from "../drift/fixtures";
import { HAR_FILE, REPORT_FILES } from "../drift/report/write";

/** Every setting of the drift command; the keys are the engine's names, `flag` the command line's. */
export const DRIFT_OPTIONS = {
  target: {
    kind: "choice",
    choices: ["mock", "live"],
    help: "mock (default): the embedded mock, started in-process on a free port;\nlive: a SignalWire Space (credentials from the environment only)",
  },
  baseUrl: {
    flag: "base-url",
    kind: "text",
    value: "URL",
    help: "live only; default SIGNALWIRE_BASE_URL, else derived from SIGNALWIRE_SPACE.\nhttp:// is allowed for loopback hosts only, unless --allow-insecure-http",
  },
  allowInsecureHttp: {
    flag: "allow-insecure-http",
    kind: "switch",
    help: "live only: allow a plain http:// base URL on a host other than loopback\n(e.g. the mock as a docker-compose service); credentials go there in clear",
  },
  mode: {
    kind: "choice",
    choices: DRIFT_MODES,
    help: "read-only (default for live) or read-write (default for mock); read-write\nonly ever changes endpoints named drift-<run id>-… and always removes them",
  },
  failOn: {
    flag: "fail-on",
    kind: "choice",
    choices: SEVERITIES,
    help: "breaking, warning (default) or info: findings at or above it mean drift",
  },
  out: {
    kind: "text",
    value: "DIR",
    help: `report folder (default drift-report):\n${[...REPORT_FILES, HAR_FILE].join(", ")}`,
  },
  maxPages: {
    flag: "max-pages",
    kind: "count",
    min: 1,
    help: `upper bound of the pages any one walk reads (default ${JOB_DEFAULTS.maxPages})`,
  },
  mockFault: {
    flag: "mock-fault",
    ...faultOption("mock only: drift on purpose with one of the mock's fault profiles (e.g. extra-field)"),
  },
  fixtures: {
    flag: "fixture",
    kind: "pairs",
    of: "text",
    value: "FIELD=VALUE",
    example: "call_video_room_id=<id of a video room>",
    help: "read-write: the value a create sends for a handler's companion field, above all the\nid of a resource of the Space a reference must name (call_video_room_id=<id>);\nrepeatable. Without one, a live run creates no endpoint of a kind whose reference\nit does not know",
  },
  config: {
    kind: "text",
    value: "FILE",
    help: "a JSON file of settings: checks switched off or re-graded, acknowledged findings,\nfixtures and any run option by its engine name; a flag on the command line wins",
  },
  minCoverage: {
    flag: "min-coverage",
    kind: "pairs",
    of: "percent",
    keys: CRITERIA,
    value: "CRITERION=PERCENT",
    example: "responseProperties=80",
    help: `a run that covers less of a criterion is inconclusive (exit 2); repeatable.\nCriteria: ${CRITERIA.join(", ")}`,
  },
  timeoutMs: {
    flag: "timeout",
    kind: "count",
    min: 1,
    value: "MS",
    help: "per request, each attempt (default 30000 live, 2000 against the embedded mock)",
  },
  maxDurationMs: {
    flag: "max-duration",
    kind: "duration",
    max: 86_400,
    value: "S",
    help: "the whole run, cleanup included: the scenarios stop early enough to leave cleanup a quarter\nof it (at most 30 s), and a stalled target ends inconclusive within it",
  },
  cleanup: { kind: "switch", help: "delete the leftovers of earlier runs (drift-<run id>-…) and nothing else" },
  suggestSpec: {
    flag: "suggest-spec",
    kind: "switch",
    help: "also write openapi.suggested.yaml (the spec with a suggested change for every\nschema finding applied) and spec-suggestions.md (the list, for a pull request)",
  },
  spec: {
    kind: "text",
    value: "FILE",
    help: "judge by this copy of the spec (e.g. your edited one, or a run's openapi.suggested.yaml)\ninstead of the package's own; live targets and --replay only. It must describe\nthe same operations",
  },
  replay: {
    kind: "text",
    value: "HAR",
    help: "judge a recording (a run's exchanges.har) against the current spec, offline:\nno request, no credentials; writes the same reports with target kind replay",
  },
  harPages: {
    flag: "har-pages",
    kind: "count",
    min: 0,
    help: `pages followed through links.next that exchanges.har keeps per step, besides the\nlast one (default ${JOB_DEFAULTS.harPages}); every other request is always kept`,
  },
  json: { kind: "switch", help: "print report.json to stdout instead of the summary" },
} as const;

/** What the command line (or, but for a few, a configuration file) says about a drift job. */
export type DriftSettings = OptionValues<typeof DRIFT_OPTIONS>;
export type DriftSetting = keyof typeof DRIFT_OPTIONS;

/** How a setting is named in a message: its flag, unless a configuration file gave it. */
export type SettingName = (key: DriftSetting) => string;
const asFlag: SettingName = (key) => flagOf(key, DRIFT_OPTIONS[key]);

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

/** Settings that only mean something when the run talks to a target; a replay talks to none. */
const TARGET_SETTINGS = [
  "target",
  "baseUrl",
  "allowInsecureHttp",
  "mode",
  "maxPages",
  "mockFault",
  "timeoutMs",
  "maxDurationMs",
  "harPages",
  "fixtures",
  "cleanup",
] as const satisfies readonly DriftSetting[];

/** The plan the settings describe. */
export function resolvePlan(
  settings: DriftSettings,
  env: Record<string, string | undefined>,
  { policy, named = asFlag }: { policy?: DriftPolicy; named?: SettingName } = {},
): DriftPlan {
  const out = settings.out ?? "drift-report";
  if (out.trim() === "") throw new UsageError(`${named("out")} must name a directory`);
  const spec = settings.spec;
  if (spec !== undefined && spec.trim() === "")
    throw new UsageError(`${named("spec")} must name a spec file (an edited copy of openapi/openapi.yaml)`);
  const common = {
    failOn: settings.failOn ?? JOB_DEFAULTS.failOn,
    minCoverage: settings.minCoverage ?? {},
    ...(policy ? { policy } : {}),
    ...(spec !== undefined ? { spec } : {}),
  };
  const command = { out, json: settings.json === true, suggestSpec: settings.suggestSpec === true };
  if (settings.replay !== undefined) {
    const path = settings.replay;
    if (path.trim() === "")
      throw new UsageError(`${named("replay")} must name a HAR file (e.g. drift-report/exchanges.har)`);
    const given = TARGET_SETTINGS.filter((key) => settings[key] !== undefined && settings[key] !== false);
    if (given.length > 0)
      throw new UsageError(
        `${given.map(named).join(", ")} ${given.length === 1 ? "has" : "have"} no effect with ${named("replay")}: a replay sends no request`,
      );
    return {
      job: {
        target: { kind: "replay", path },
        mode: defaultMode("replay"),
        maxPages: JOB_DEFAULTS.maxPages,
        harPages: JOB_DEFAULTS.harPages,
        fixtures: {},
        ...common,
      },
      ...command,
      cleanup: false,
    };
  }

  const kind = settings.target ?? "mock";
  const mode = settings.mode ?? defaultMode(kind);
  const cleanup = settings.cleanup === true;
  if (cleanup && settings.mode === "read-only")
    throw new UsageError(`${named("cleanup")} deletes endpoints; it cannot run with ${named("mode")} read-only`);
  if (cleanup && command.suggestSpec)
    throw new UsageError(`${named("suggestSpec")} has no effect with ${named("cleanup")}: a cleanup judges nothing`);
  const target = targetOf(kind, settings, env, named);
  if (spec !== undefined && kind === "mock")
    throw new UsageError(
      `${named("spec")} judges a live Space or a recording (${named("replay")}); the embedded mock serves this package's own spec`,
    );
  const fixtures = fixturesOf(settings.fixtures ?? {}, named);
  if (Object.keys(fixtures).length > 0 && (mode === "read-only" || cleanup))
    throw new UsageError(
      `${named("fixtures")} has no effect ${cleanup ? `with ${named("cleanup")}` : "in a read-only run"}: only the creates of ${named("mode")} read-write send it`,
    );
  return {
    job: {
      target,
      mode,
      maxPages: settings.maxPages ?? JOB_DEFAULTS.maxPages,
      ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
      ...(settings.maxDurationMs !== undefined ? { maxDurationMs: settings.maxDurationMs } : {}),
      harPages: settings.harPages ?? JOB_DEFAULTS.harPages,
      fixtures,
      ...common,
    },
    ...command,
    cleanup,
  };
}

function targetOf(
  kind: "mock" | "live",
  settings: DriftSettings,
  env: Record<string, string | undefined>,
  named: SettingName,
): JobTarget {
  if (kind === "mock") {
    if (settings.baseUrl !== undefined)
      throw new UsageError(
        `${named("baseUrl")} is only for ${named("target")} live (the mock runs in-process on a free port)`,
      );
    if (settings.allowInsecureHttp)
      throw new UsageError(
        `${named("allowInsecureHttp")} is only for ${named("target")} live (the embedded mock is on loopback)`,
      );
    return { kind, ...(settings.mockFault ? { fault: settings.mockFault } : {}) };
  }
  if (settings.mockFault !== undefined)
    throw new UsageError(`${named("mockFault")} is only for ${named("target")} mock`);
  const live = liveTargetFromEnv(env, {
    ...(settings.baseUrl !== undefined ? { baseUrl: settings.baseUrl } : {}),
    allowInsecureHttp: settings.allowInsecureHttp === true,
  });
  if ("missing" in live) {
    if (live.missing.credentials.length > 0)
      throw new UsageError(
        `${named("target")} live needs ${live.missing.credentials.join(" and ")} in the environment (credentials are never taken from flags or files)`,
      );
    throw new UsageError(`${named("target")} live needs ${named("baseUrl")}, SIGNALWIRE_BASE_URL or SIGNALWIRE_SPACE`);
  }
  if (live.allowInsecureHttp && !(live.baseUrl ?? "").toLowerCase().startsWith("http://"))
    throw new UsageError(
      `${named("allowInsecureHttp")} has no effect: the base URL is not http:// (a Space is always https://)`,
    );
  return live;
}

/** Each fixture a value the spec allows for its field. */
function fixturesOf(given: Record<string, string>, named: SettingName): Record<string, string> {
  for (const [field, value] of Object.entries(given)) {
    const problem = fixtureProblem(field, value);
    if (problem !== undefined) throw new UsageError(`${named("fixtures")} ${problem}`);
  }
  return given;
}
