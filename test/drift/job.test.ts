/**
 * The one shape of a drift job: where a live target comes from, the defaults, reaching the target
 * and what `runDrift` gets of the job. The command's flags (test/cli/drift-plan.test.ts) and the
 * contract suite both make their jobs with these.
 */
import {
  defaultMode,
  jobRunOptions,
  JOB_DEFAULTS,
  liveTargetFromEnv,
  openTarget,
  type DriftJob,
} from "../../src/drift";

const CREDENTIALS = { SIGNALWIRE_PROJECT_ID: "p", SIGNALWIRE_API_TOKEN: "t0ken" };
const credentials = { projectId: "p", apiToken: "t0ken" };

describe("a live target from the environment", () => {
  it.each([
    {
      given: { baseUrl: "https://given.example/api/relay/rest" },
      env: { ...CREDENTIALS, SIGNALWIRE_BASE_URL: "https://env.example/api/relay/rest", SIGNALWIRE_SPACE: "s" },
      want: { baseUrl: "https://given.example/api/relay/rest", source: "given" },
    },
    {
      given: {},
      env: { ...CREDENTIALS, SIGNALWIRE_BASE_URL: "https://env.example/api/relay/rest", SIGNALWIRE_SPACE: "s" },
      want: { baseUrl: "https://env.example/api/relay/rest", source: "SIGNALWIRE_BASE_URL" },
    },
    {
      given: {},
      env: { ...CREDENTIALS, SIGNALWIRE_BASE_URL: "", SIGNALWIRE_SPACE: "s" },
      want: { space: "s", source: "SIGNALWIRE_SPACE" },
    },
  ])("the address from $want.source", ({ given, env, want }) => {
    expect(liveTargetFromEnv(env, given)).toEqual({ kind: "live", ...want, credentials, allowInsecureHttp: false });
  });

  it("says what is missing, as data: credentials by name, and whether an address is", () => {
    expect(liveTargetFromEnv({ SIGNALWIRE_API_TOKEN: "t", SIGNALWIRE_SPACE: "s" })).toEqual({
      missing: { credentials: ["SIGNALWIRE_PROJECT_ID"], address: false },
    });
    expect(liveTargetFromEnv(CREDENTIALS)).toEqual({ missing: { credentials: [], address: true } });
    expect(liveTargetFromEnv({})).toEqual({
      missing: { credentials: ["SIGNALWIRE_PROJECT_ID", "SIGNALWIRE_API_TOKEN"], address: true },
    });
  });
});

test("read-write only against the embedded mock", () => {
  expect([defaultMode("mock"), defaultMode("live"), defaultMode("replay")]).toEqual([
    "read-write",
    "read-only",
    "read-only",
  ]);
});

const JOB: DriftJob = {
  target: { kind: "mock" },
  mode: "read-only",
  failOn: JOB_DEFAULTS.failOn,
  maxPages: JOB_DEFAULTS.maxPages,
  harPages: JOB_DEFAULTS.harPages,
  fixtures: {},
  minCoverage: {},
};

test("runDrift gets every setting of the job that is the run's, and a budget or policy only when given", () => {
  const policy = { checks: {}, acknowledged: [] };
  expect(jobRunOptions(JOB)).toEqual({
    mode: "read-only",
    failOn: "warning",
    maxPages: 1000,
    harPages: 5,
    fixtures: {},
    minCoverage: {},
  });
  expect(
    jobRunOptions({ ...JOB, maxDurationMs: 60_000, policy, fixtures: { a: "b" }, minCoverage: { flows: 50 } }),
  ).toEqual({
    mode: "read-only",
    failOn: "warning",
    maxPages: 1000,
    harPages: 5,
    fixtures: { a: "b" },
    minCoverage: { flows: 50 },
    maxDurationMs: 60_000,
    policy,
  });
});

test("the embedded mock is reached with the fault asked for, and closed", async () => {
  const opened = await openTarget({ kind: "mock", fault: "extra-field" }, { proxyEnv: {} });
  try {
    expect(opened.target).toMatchObject({ kind: "mock", fault: "extra-field" });
    const answer = await opened.send({ operationId: "list_sip_endpoints", query: { page_size: 1 } });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.bodyText).data[0]).toHaveProperty("created_at");
  } finally {
    await opened.close();
  }
  await expect(opened.send({ operationId: "list_sip_endpoints" })).rejects.toThrow();
});

test("a live target is reached through the client, at the address the job names", async () => {
  const opened = await openTarget(
    { kind: "live", space: "example", credentials, source: "SIGNALWIRE_SPACE", allowInsecureHttp: false },
    { proxyEnv: {} },
  );
  expect(opened.target).toEqual({
    kind: "live",
    baseUrl: "https://example.signalwire.com/api/relay/rest",
    credentials,
  });
  await opened.close();
});
