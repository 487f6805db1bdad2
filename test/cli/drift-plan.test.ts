/**
 * From the drift command's flags and environment to a plan, as a table: every default, where a
 * live target's address comes from, and the whole message of every refusal. (test/drift/cli.test.ts
 * runs the command itself: exit codes, and nothing of a refused run written.)
 */
import { UsageError } from "../../src/cli/command";
import { resolvePlan, type DriftPlan } from "../../src/cli/drift-plan";
import { driftCommand } from "../../src/cli/drift";
import type { DriftJob } from "../../src/drift";
import { FAULT_NAMES } from "../../src/mock";

/** Flags as a user types them, each value a word of the command line. */
type Flags = Record<string, string | true | string[]>;

/** The plan of a command line: parsed by the command's own options, then resolved. */
function plan(flags: Flags, env: Record<string, string>): DriftPlan {
  const argv = Object.entries(flags).flatMap(([flag, value]) =>
    value === true ? [`--${flag}`] : (Array.isArray(value) ? value : [value]).map((v) => `--${flag}=${v}`),
  );
  return resolvePlan(driftCommand("sip-endpoints-drift").parse(argv).values, env);
}

const CREDENTIALS = { SIGNALWIRE_PROJECT_ID: "p", SIGNALWIRE_API_TOKEN: "t0ken" };
const credentials = { projectId: "p", apiToken: "t0ken" };
const PLAN = {
  failOn: "warning",
  out: "drift-report",
  maxPages: 1000,
  cleanup: false,
  json: false,
  harPages: 5,
  suggestSpec: false,
  fixtures: {},
  minCoverage: {},
} as const;

describe("plans", () => {
  type Flat = DriftJob & Omit<DriftPlan, "job">;
  const cases: Array<{ name: string; flags: Flags; env?: Record<string, string>; want: Flat }> = [
    {
      name: "coverage requirements, a percent sign allowed",
      flags: { "min-coverage": ["responseProperties=80", "flows=100%", "operations=62.5"] },
      want: {
        ...PLAN,
        target: { kind: "mock" },
        mode: "read-write",
        minCoverage: { responseProperties: 80, flows: 100, operations: 62.5 },
      },
    },
    {
      name: "a budget with a fraction of a second, in milliseconds",
      flags: { "max-duration": "1.5" },
      want: { ...PLAN, target: { kind: "mock" }, mode: "read-write", maxDurationMs: 1500 },
    },
    {
      name: "no flags: the embedded mock, read-write",
      flags: {},
      want: { ...PLAN, target: { kind: "mock" }, mode: "read-write" },
    },
    {
      name: "every setting of a mock run",
      flags: {
        "mock-fault": "slow",
        mode: "read-only",
        "fail-on": "breaking",
        out: "r",
        "max-pages": " 3 ",
        timeout: "1500",
        "max-duration": "60",
        "har-pages": "0",
        json: true,
        "suggest-spec": true,
      },
      want: {
        target: { kind: "mock", fault: "slow" },
        mode: "read-only",
        failOn: "breaking",
        out: "r",
        maxPages: 3,
        timeoutMs: 1500,
        maxDurationMs: 60_000,
        cleanup: false,
        json: true,
        harPages: 0,
        suggestSpec: true,
        fixtures: {},
        minCoverage: {},
      },
    },
    {
      name: "live, read-only unless asked, at the Space of the environment",
      flags: { target: "live" },
      env: { ...CREDENTIALS, SIGNALWIRE_SPACE: "example" },
      want: {
        ...PLAN,
        target: { kind: "live", space: "example", credentials, source: "SIGNALWIRE_SPACE", allowInsecureHttp: false },
        mode: "read-only",
      },
    },
    {
      name: "live, SIGNALWIRE_BASE_URL before SIGNALWIRE_SPACE",
      flags: { target: "live" },
      env: { ...CREDENTIALS, SIGNALWIRE_BASE_URL: "https://proxy.example/api", SIGNALWIRE_SPACE: "example" },
      want: {
        ...PLAN,
        target: {
          kind: "live",
          baseUrl: "https://proxy.example/api",
          credentials,
          source: "SIGNALWIRE_BASE_URL",
          allowInsecureHttp: false,
        },
        mode: "read-only",
      },
    },
    {
      name: "live, an empty SIGNALWIRE_BASE_URL counting as none",
      flags: { target: "live" },
      env: { ...CREDENTIALS, SIGNALWIRE_BASE_URL: "", SIGNALWIRE_SPACE: "example" },
      want: {
        ...PLAN,
        target: { kind: "live", space: "example", credentials, source: "SIGNALWIRE_SPACE", allowInsecureHttp: false },
        mode: "read-only",
      },
    },
    {
      name: "live, --base-url before the environment, plain http allowed for it, with cleanup",
      flags: {
        target: "live",
        "base-url": "HTTP://sip-mock:8080/api",
        "allow-insecure-http": true,
        mode: "read-write",
        cleanup: true,
      },
      env: { ...CREDENTIALS, SIGNALWIRE_BASE_URL: "https://other.example/api" },
      want: {
        ...PLAN,
        target: {
          kind: "live",
          baseUrl: "HTTP://sip-mock:8080/api",
          credentials,
          source: "given",
          allowInsecureHttp: true,
        },
        mode: "read-write",
        cleanup: true,
      },
    },
    {
      name: "live cleanup of leftovers, which needs no --mode",
      flags: { target: "live", cleanup: true },
      env: { ...CREDENTIALS, SIGNALWIRE_SPACE: "example" },
      want: {
        ...PLAN,
        target: { kind: "live", space: "example", credentials, source: "SIGNALWIRE_SPACE", allowInsecureHttp: false },
        mode: "read-only",
        cleanup: true,
      },
    },
    {
      name: "a replay: read-only, nothing sent",
      flags: { replay: "drift-report/exchanges.har", "fail-on": "info", out: "o", json: true, "suggest-spec": true },
      want: {
        ...PLAN,
        target: { kind: "replay", path: "drift-report/exchanges.har" },
        mode: "read-only",
        failOn: "info",
        out: "o",
        json: true,
        suggestSpec: true,
      },
    },
    {
      name: "fixtures for a live read-write run",
      flags: {
        target: "live",
        mode: "read-write",
        fixture: [
          "call_video_room_id=6f0f5b6e-3a4c-4f7e-9d3b-2b8e1c0a9f11",
          "call_relay_script_url=https://swml.example.org/x.json",
        ],
      },
      env: { ...CREDENTIALS, SIGNALWIRE_SPACE: "example" },
      want: {
        ...PLAN,
        target: { kind: "live", space: "example", credentials, source: "SIGNALWIRE_SPACE", allowInsecureHttp: false },
        mode: "read-write",
        fixtures: {
          call_video_room_id: "6f0f5b6e-3a4c-4f7e-9d3b-2b8e1c0a9f11",
          call_relay_script_url: "https://swml.example.org/x.json",
        },
      },
    },
  ];
  it.each(cases)("$name", ({ flags, env, want }) => {
    const { out, json, cleanup, suggestSpec, ...job } = want;
    expect(plan(flags, env ?? {})).toEqual({ job, out, json, cleanup, suggestSpec });
  });
});

describe("refusals", () => {
  const cases: Array<{ name: string; flags: Flags; env?: Record<string, string>; message: string }> = [
    {
      name: "--cleanup with --mode read-only",
      flags: { cleanup: true, mode: "read-only" },
      message: "--cleanup deletes endpoints; it cannot run with --mode read-only",
    },
    {
      name: "--suggest-spec with --cleanup",
      flags: { cleanup: true, "suggest-spec": true },
      message: "--suggest-spec has no effect with --cleanup: a cleanup judges nothing",
    },
    {
      name: "an unknown fault profile",
      flags: { "mock-fault": "nope" },
      message: `--mock-fault must be one of ${FAULT_NAMES.join(", ")}, not "nope"`,
    },
    { name: "an --out of white space", flags: { out: " " }, message: "--out must name a directory" },
    {
      name: "a live run without a token",
      flags: { target: "live" },
      env: { SIGNALWIRE_PROJECT_ID: "p" },
      message:
        "--target live needs SIGNALWIRE_API_TOKEN in the environment (credentials are never taken from flags or files)",
    },
    {
      name: "a live run without a project",
      flags: { target: "live" },
      env: { SIGNALWIRE_API_TOKEN: "t" },
      message:
        "--target live needs SIGNALWIRE_PROJECT_ID in the environment (credentials are never taken from flags or files)",
    },
    {
      name: "a live run without credentials",
      flags: { target: "live" },
      env: { SIGNALWIRE_SPACE: "example" },
      message:
        "--target live needs SIGNALWIRE_PROJECT_ID and SIGNALWIRE_API_TOKEN in the environment (credentials are never taken from flags or files)",
    },
    {
      name: "a live run with empty credentials",
      flags: { target: "live" },
      env: { SIGNALWIRE_PROJECT_ID: "", SIGNALWIRE_API_TOKEN: "" },
      message:
        "--target live needs SIGNALWIRE_PROJECT_ID and SIGNALWIRE_API_TOKEN in the environment (credentials are never taken from flags or files)",
    },
    {
      name: "a live run with nowhere to go",
      flags: { target: "live" },
      env: { ...CREDENTIALS, SIGNALWIRE_BASE_URL: "", SIGNALWIRE_SPACE: "" },
      message: "--target live needs --base-url, SIGNALWIRE_BASE_URL or SIGNALWIRE_SPACE",
    },
    {
      name: "an unknown --target",
      flags: { target: "staging" },
      message: '--target must be one of mock, live, not "staging"',
    },
    {
      name: "an unknown --mode",
      flags: { mode: "write" },
      message: '--mode must be one of read-only, read-write, not "write"',
    },
    {
      name: "an unknown --fail-on",
      flags: { "fail-on": "error" },
      message: '--fail-on must be one of breaking, warning, info, not "error"',
    },
    {
      name: "--base-url with the mock",
      flags: { "base-url": "http://127.0.0.1:1" },
      message: "--base-url is only for --target live (the mock runs in-process on a free port)",
    },
    {
      name: "--allow-insecure-http with the mock",
      flags: { "allow-insecure-http": true },
      message: "--allow-insecure-http is only for --target live (the embedded mock is on loopback)",
    },
    {
      name: "--mock-fault with a live run",
      flags: { target: "live", "mock-fault": "slow" },
      env: { ...CREDENTIALS, SIGNALWIRE_SPACE: "example" },
      message: "--mock-fault is only for --target mock",
    },
    {
      name: "--allow-insecure-http for an https:// base URL",
      flags: { target: "live", "base-url": "https://proxy.example", "allow-insecure-http": true },
      env: CREDENTIALS,
      message: "--allow-insecure-http has no effect: the base URL is not http:// (a Space is always https://)",
    },
    {
      name: "--allow-insecure-http for a Space",
      flags: { target: "live", "allow-insecure-http": true },
      env: { ...CREDENTIALS, SIGNALWIRE_SPACE: "example" },
      message: "--allow-insecure-http has no effect: the base URL is not http:// (a Space is always https://)",
    },
    {
      name: "a --min-coverage without a percent",
      flags: { "min-coverage": ["flows"] },
      message: '--min-coverage takes CRITERION=PERCENT (e.g. responseProperties=80), not "flows"',
    },
    {
      name: "a --min-coverage of an unknown criterion",
      flags: { "min-coverage": ["links=50"] },
      message:
        '--min-coverage: "links" is not one of paths, operations, contentTypes, parameters, parameterValues, statusClasses, statusCodes, responseProperties, flows',
    },
    {
      name: "a --min-coverage above 100",
      flags: { "min-coverage": ["flows=101"] },
      message: '--min-coverage flows must be a percentage from 0 to 100, not "101"',
    },
    {
      name: "a --min-coverage given twice",
      flags: { "min-coverage": ["flows=10", "flows=20"] },
      message: "--min-coverage flows was given more than once; give it once",
    },
    {
      name: "a --max-pages of 0",
      flags: { "max-pages": "0" },
      message: '--max-pages must be a whole number of at least 1, not "0"',
    },
    {
      name: "a --timeout with a unit",
      flags: { timeout: "10s" },
      message: '--timeout must be a whole number of at least 1, not "10s"',
    },
    {
      name: "a --timeout of 0",
      flags: { timeout: "0" },
      message: '--timeout must be a whole number of at least 1, not "0"',
    },
    {
      name: "a --max-duration of no time",
      flags: { "max-duration": "0" },
      message: '--max-duration must be a number of seconds above 0 and at most 86400, not "0"',
    },
    {
      name: "a negative --har-pages",
      flags: { "har-pages": "-1" },
      message: '--har-pages must be a whole number of at least 0, not "-1"',
    },
    {
      name: "a --max-pages past the safe integers",
      flags: { "max-pages": "99999999999999999999" },
      message: '--max-pages must be a whole number of at least 1, not "99999999999999999999"',
    },
    {
      name: "a --replay of white space",
      flags: { replay: " " },
      message: "--replay must name a HAR file (e.g. drift-report/exchanges.har)",
    },
    {
      name: "one flag a replay ignores",
      flags: { replay: "x.har", target: "live" },
      message: "--target has no effect with --replay: a replay sends no request",
    },
    {
      name: "several flags a replay ignores",
      flags: { replay: "x.har", "base-url": "u", cleanup: true, "allow-insecure-http": true },
      message: "--base-url, --allow-insecure-http, --cleanup have no effect with --replay: a replay sends no request",
    },
    { name: "a replay's empty --out", flags: { replay: "x.har", out: "" }, message: "--out must name a directory" },
    {
      name: "a --fixture without =",
      flags: { fixture: ["call_video_room_id"] },
      message: '--fixture takes FIELD=VALUE (e.g. call_video_room_id=<id of a video room>), not "call_video_room_id"',
    },
    {
      name: "a --fixture without a value",
      flags: { fixture: ["call_video_room_id="] },
      message: '--fixture takes FIELD=VALUE (e.g. call_video_room_id=<id of a video room>), not "call_video_room_id="',
    },
    {
      name: "a --fixture for a field no handler needs",
      flags: { fixture: ["caller_id=x"] },
      message:
        "--fixture caller_id is no field a handler kind needs; give one of call_relay_context, call_relay_topic, call_relay_application, call_relay_script_url, call_request_url, call_laml_application_id, call_dialogflow_agent_id, call_video_room_id, call_flow_id, call_ai_agent_id",
    },
    {
      name: "a --fixture the spec refuses",
      flags: { fixture: ["call_video_room_id=room-1"] },
      message: '--fixture the spec refuses call_video_room_id "room-1": it must match format "uuid"',
    },
    {
      name: "a --fixture the spec refuses for a write-only field, its value not shown",
      flags: { fixture: ["call_flow_id=flow-draft-7"] },
      message:
        '--fixture the spec refuses the value given for call_flow_id (write-only, so not shown): it must match format "uuid"',
    },
    {
      name: "a --fixture given twice",
      flags: { fixture: ["call_relay_context=a", "call_relay_context=b"] },
      message: "--fixture call_relay_context was given more than once; give it once",
    },
    {
      name: "a --fixture in a read-only run",
      flags: { mode: "read-only", fixture: ["call_relay_context=a"] },
      message: "--fixture has no effect in a read-only run: only the creates of --mode read-write send it",
    },
    {
      name: "a --fixture with --cleanup",
      flags: { cleanup: true, fixture: ["call_relay_context=a"] },
      message: "--fixture has no effect with --cleanup: only the creates of --mode read-write send it",
    },
    {
      name: "a --fixture with --replay",
      flags: { replay: "x.har", fixture: ["call_relay_context=a"] },
      message: "--fixture has no effect with --replay: a replay sends no request",
    },
    {
      name: "a replay's unknown --fail-on",
      flags: { replay: "x.har", "fail-on": "x" },
      message: '--fail-on must be one of breaking, warning, info, not "x"',
    },
  ];
  it.each(cases)("$name", ({ flags, env, message }) => {
    expect(() => plan(flags, env ?? {})).toThrow(new UsageError(message));
  });
});
