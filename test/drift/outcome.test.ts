/**
 * The outcome rules of a report, on a session run by hand: a step that could not finish adds its
 * reason (named by step, once even when it is also why the run stopped), endpoints left behind
 * add theirs, and either makes a run without drift inconclusive — never pass. Drift wins over both.
 */
import { buildReport } from "../../src/drift/outcome";
import { DriftSession, RunStopped, StepIncomplete } from "../../src/drift/session";
import type { DriftExchange } from "../../src/drift";

const answer: DriftExchange = { operationId: "list_sip_endpoints", method: "GET", url: "https://example.signalwire.com/api/relay/rest/endpoints/sip", status: 200, headers: { "content-type": "application/json" }, bodyText: '{"links":{"self":"a","first":"a"},"data":[]}' };
const report = (session: DriftSession, extra: { stopped?: string; cleanup?: Parameters<typeof buildReport>[0]["cleanup"] } = {}) =>
  buildReport({
    session,
    runId: "run",
    failOn: "warning",
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
  expect(report(session, { cleanup: { created: 1, deleted: 1, leftovers: [] } })).toMatchObject({ outcome: "pass", exitCode: 0, reasons: [] });
});

it("an incomplete step makes the run inconclusive, its reason named by step", async () => {
  const session = new DriftSession(async () => answer, { failOn: "warning" });
  await session.step("walk every page", async () => {
    throw new StepIncomplete("page 3 answered 503");
  });
  await session.step("list", async () => void (await session.request({ operationId: "list_sip_endpoints" })));
  expect(report(session)).toMatchObject({ outcome: "inconclusive", exitCode: 2, reasons: ["walk every page: page 3 answered 503"] });
  expect(session.steps.map((s) => s.result)).toEqual(["incomplete", "passed"]);
});

it("the reason the run stopped is given once, not again for the step it stopped in", async () => {
  const session = new DriftSession(async () => answer, { failOn: "warning" });
  const stop = new RunStopped("the target gave no answer");
  await session.step("retrieve", async () => {
    throw stop;
  }).catch(() => undefined);
  expect(report(session, { stopped: stop.reason }).reasons).toEqual(["the target gave no answer"]);
});

it("endpoints left behind make the run inconclusive, each named", async () => {
  const session = new DriftSession(async () => answer, { failOn: "warning" });
  const leftovers = [{ id: "a", username: "drift-run-a" }, { id: "b", username: "drift-run-b" }];
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
