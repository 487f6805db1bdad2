/**
 * `runDrift` in-process against the embedded mock: the clock it times itself by, the run id that
 * names what it creates, and the deliberately wrong credentials of its authentication probe.
 */
import { version } from "../../package.json";
import {
  createDriftSend,
  newRunId,
  renderMarkdown,
  renderSarif,
  runDrift,
  startEmbeddedMock,
  type DriftCredentials,
  type DriftTarget,
  type SendFn,
} from "../../src/drift";
import { LEFTOVER_PATTERN } from "../../src/drift/scenarios/cleanup";
import { clock, FAST_SEND } from "./harness";

let target: DriftTarget;
beforeAll(async () => {
  target = await startEmbeddedMock({ seedCount: 2 });
});
afterAll(() => target.close());

test("times the run by the clock it is given, never negatively, and starts the run id with the start time", async () => {
  const send = createDriftSend(target, FAST_SEND);
  const { report } = await runDrift({ target, send, mode: "read-only", now: clock(1_000, 1_750) });
  expect(report).toMatchObject({ startedAt: new Date(1_000).toISOString(), durationMs: 750 });
  expect(report.runId.startsWith((1_000).toString(36))).toBe(true);
  expect((await runDrift({ target, send, mode: "read-only", now: clock(2_000, 1_000) })).report.durationMs).toBe(0);
});

test("the report names the package version that judged it, and so do its SARIF and Markdown renderings", async () => {
  const { report } = await runDrift({ target, send: createDriftSend(target, FAST_SEND), mode: "read-only" });
  expect(report).toMatchObject({ tool: "sip-endpoints-drift", toolVersion: version });
  expect(JSON.parse(renderSarif(report)).runs[0].tool.driver).toMatchObject({ name: "sip-endpoints-drift", version });
  expect(renderMarkdown(report).trimEnd().split("\n").at(-1)).toBe(`Judged by sip-endpoints-drift ${version}.`);
});

test("a run id is lower-case base 36, sorts by age, differs within one millisecond, and names leftovers cleanup recognises", () => {
  const at = Date.UTC(2026, 11, 6);
  const ids = [newRunId(at), newRunId(at), newRunId(at + 1), newRunId(at + 86_400_000)];
  for (const id of ids) expect(id).toMatch(/^[0-9a-z]+$/);
  expect(ids[0]).not.toBe(ids[1]);
  expect([...ids].sort().slice(2)).toEqual(ids.slice(2));
  for (const id of ids) expect(LEFTOVER_PATTERN.test(`drift-${id}-create`)).toBe(true);
});

test("the authentication probe sends the run's project with a token that is neither empty nor the run's, new every run", async () => {
  const probes: DriftCredentials[] = [];
  const send = createDriftSend(target, FAST_SEND);
  const watching: SendFn = (request) => {
    if (typeof request.auth === "object") probes.push(request.auth);
    return send(request);
  };
  await runDrift({ target, send: watching, mode: "read-only" });
  await runDrift({ target, send: watching, mode: "read-only" });
  expect(probes.length).toBeGreaterThanOrEqual(2);
  for (const probe of probes) {
    expect(probe.projectId).toBe(target.credentials.projectId);
    expect(probe.apiToken).not.toBe("");
    expect(probe.apiToken).not.toBe(target.credentials.apiToken);
  }
  expect(new Set(probes.map((p) => p.apiToken)).size).toBeGreaterThan(1);
});
