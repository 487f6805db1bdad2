/**
 * The outcome rules of a report, on a session run by hand: a step that could not finish adds its
 * reason (named by step, once even when it is also why the run stopped), endpoints left behind
 * add theirs, and either makes a run without drift inconclusive — never pass. Drift wins over both.
 */
import { buildReport } from "../../src/drift/outcome";
import { DriftSession, RunStopped, StepIncomplete } from "../../src/drift/session";
import type { DriftExchange, Severity } from "../../src/drift";

const answer: DriftExchange = {
  operationId: "list_sip_endpoints",
  method: "GET",
  url: "https://example.signalwire.com/api/relay/rest/endpoints/sip",
  status: 200,
  headers: { "content-type": "application/json" },
  bodyText: '{"links":{"self":"a","first":"a"},"data":[]}',
};
const report = (
  session: DriftSession,
  extra: { stopped?: string; cleanup?: Parameters<typeof buildReport>[0]["cleanup"]; failOn?: Severity } = {},
) =>
  buildReport({
    session,
    runId: "run",
    failOn: extra.failOn ?? "warning",
    stopped: extra.stopped,
    cleanup: extra.cleanup,
    target: { kind: "mock", baseUrl: "https://example.signalwire.com/api/relay/rest", mode: "read-write" },
    spec: { path: "openapi/openapi.yaml", sha256: "x" },
    startedAt: new Date(0).toISOString(),
    durationMs: 1,
  });

it("passes when every step finished and nothing was left behind", async () => {
  const session = new DriftSession(async () => answer, { failOn: "warning" });
  await session.step("list", async () => void (await session.request({ operationId: "list_sip_endpoints" })));
  // A step skipped for want of anything to judge says why, but that is no gap in the run.
  session.skip("retrieve listed endpoints", "the list showed no endpoint to retrieve");
  expect(report(session, { cleanup: { created: 1, deleted: 1, leftovers: [] } })).toMatchObject({
    outcome: "pass",
    exitCode: 0,
    reasons: [],
  });
});

it("an incomplete step makes the run inconclusive, its reason named by step", async () => {
  const session = new DriftSession(async () => answer, { failOn: "warning" });
  await session.step("walk every page", async () => {
    throw new StepIncomplete("page 3 answered 503");
  });
  await session.step("list", async () => void (await session.request({ operationId: "list_sip_endpoints" })));
  expect(report(session)).toMatchObject({
    outcome: "inconclusive",
    exitCode: 2,
    reasons: ["walk every page: page 3 answered 503"],
  });
  expect(session.steps.map((s) => s.result)).toEqual(["incomplete", "passed"]);
});

it("the reason the run stopped is given once, not again for the step it stopped in", async () => {
  const session = new DriftSession(async () => answer, { failOn: "warning" });
  const stop = new RunStopped("the target gave no answer");
  await session
    .step("retrieve", async () => {
      throw stop;
    })
    .catch(() => undefined);
  expect(report(session, { stopped: stop.reason }).reasons).toEqual(["the target gave no answer"]);
});

it("endpoints left behind make the run inconclusive, each named", async () => {
  const session = new DriftSession(async () => answer, { failOn: "warning" });
  const leftovers = [
    { id: "a", username: "drift-run-a" },
    { id: "b", username: "drift-run-b" },
  ];
  expect(report(session, { cleanup: { created: 2, deleted: 0, leftovers } })).toMatchObject({
    outcome: "inconclusive",
    reasons: ["2 endpoint(s) this run created could not be removed: drift-run-a, drift-run-b"],
    cleanup: { created: 2, deleted: 0, leftovers },
  });
});

it("drift wins over an incomplete run: the finding is real", async () => {
  const drifting = { ...answer, bodyText: '{"links":{"self":"a","first":"a"},"data":[],"extra":1}' };
  const session = new DriftSession(async () => drifting, { failOn: "warning" });
  await session.step("list", async () => void (await session.request({ operationId: "list_sip_endpoints" })));
  await session.step("walk", async () => {
    throw new StepIncomplete("page 2 answered 500");
  });
  const r = report(session);
  expect(r).toMatchObject({ outcome: "drift", exitCode: 1, reasons: ["walk: page 2 answered 500"] });
  expect(r.findings.map((f) => f.check)).toEqual(["field-undocumented"]);
});

it("sums what the session saw: requests, retries, findings per severity and occurrences; says which checks it evaluated", async () => {
  const drifting = { ...answer, attempts: 3, bodyText: '{"links":{"self":"a","first":"a"},"data":[],"extra":1}' };
  const session = new DriftSession(async () => drifting, { failOn: "warning" });
  await session.step("list", async () => {
    await session.request({ operationId: "list_sip_endpoints" });
    await session.request({ operationId: "list_sip_endpoints" });
  });
  const r = report(session);
  expect(r.summary).toEqual({
    requests: 2,
    retries: 4,
    findings: { breaking: 0, warning: 1, info: 0 },
    occurrences: 2,
  });
  expect(r.findings).toHaveLength(1);
  expect(r.findings[0]).toMatchObject({
    check: "field-undocumented",
    occurrences: 2,
    suggestion: { text: expect.any(String) },
  });
  const checks = new Map(r.checks.map((c) => [c.id, c]));
  expect(checks.get("field-undocumented")).toEqual({
    id: "field-undocumented",
    severity: "warning",
    evaluated: true,
    findings: 1,
  });
  expect(checks.get("field-missing")).toEqual({
    id: "field-missing",
    severity: "breaking",
    evaluated: true,
    findings: 0,
  });
  expect(checks.get("update-not-applied")).toEqual({
    id: "update-not-applied",
    severity: "breaking",
    evaluated: false,
    findings: 0,
    note: "no step of this run reached it (a step before it stopped, or there was nothing to judge)",
  });
  expect(r.evaluated).toEqual(session.findings.evaluatedPairs());
  expect(r.evaluated).toContainEqual({ check: "field-missing", operationId: "list_sip_endpoints" });
  expect(r.steps).toBe(session.steps);
  expect(r).toMatchObject({
    tool: "sip-endpoints-drift",
    reportVersion: 1,
    runId: "run",
    failOn: "warning",
    startedAt: "1970-01-01T00:00:00.000Z",
    durationMs: 1,
    spec: { path: "openapi/openapi.yaml", sha256: "x" },
  });
  expect("cleanup" in r).toBe(false);
});

it("a finding below the threshold is no drift", async () => {
  const drifting = { ...answer, bodyText: '{"links":{"self":"a","first":"a"},"data":[],"extra":1}' };
  const session = new DriftSession(async () => drifting, { failOn: "breaking" });
  await session.step("list", async () => void (await session.request({ operationId: "list_sip_endpoints" })));
  const r = report(session, { failOn: "breaking" });
  expect(r).toMatchObject({ outcome: "pass", exitCode: 0, failOn: "breaking" });
  expect(r.findings.map((f) => f.severity)).toEqual(["warning"]);
});
