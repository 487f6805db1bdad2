/**
 * Spec-driven fuzzing of the mock over HTTP. The honest mock must keep every property (no 5xx,
 * every answer allowed by the spec, invalid input refused with a 422/404 naming the problem, the
 * store consistent with a model); every fault profile must break one of them, which proves the
 * properties can fail; a failure replays from its seed and path.
 */
import fc from "fast-check";
import { FAULT_NAMES, FAULT_PROFILES, type FaultName } from "../../src/mock";
import { RESPONSE_CHECKS } from "../../src/checks";
import { mockProperty, runFuzz } from "../../src/fuzz";
import { CANARY, expectNoCanary } from "../support/canary";

/** Fixed, so `npm test` runs the same cases every time. */
const SEED = 20_240_611;
const options = { credentials: { projectId: CANARY.projectId, apiToken: CANARY.apiToken }, password: CANARY.password };

test("the honest mock keeps every property over 60 generated request sequences", async () => {
  await fc.assert(mockProperty(options), { seed: SEED, numRuns: 60 });
});

/** `slow` only waits (a minute by default): it is a client's timeout test, not a broken rule. */
const FAULTS = FAULT_NAMES.filter((name) => name !== "slow");
const RESPONSE_CHECK_IDS = new Set<string>(RESPONSE_CHECKS.map((c) => c.id));

describe("every fault profile breaks a property", () => {
  test.each(FAULTS)("%s", async (fault: FaultName) => {
    const report = await runFuzz({ ...options, fault, runs: 100, seed: SEED, shrink: false });
    expect(report.ok).toBe(false);
    expect(report.failure).toEqual(expect.any(String));
    // A drift a response check can see is reported by that check's id.
    const responseChecks = FAULT_PROFILES[fault].checks.filter((id) => RESPONSE_CHECK_IDS.has(id));
    if (responseChecks.length > 0) expect(responseChecks.some((id) => report.failure!.includes(id))).toBe(true);
    expectNoCanary(`${report.failure}\n${report.counterexample}`, `the ${fault} failure report`);
  });
});

test("a failure replays from the seed, path and replay path it prints", async () => {
  const found = await runFuzz({ ...options, fault: "accepts-invalid", runs: 100, seed: SEED });
  expect(found).toMatchObject({ ok: false, path: expect.any(String), replayPath: expect.any(String) });
  const replayed = await runFuzz({
    ...options,
    fault: "accepts-invalid",
    runs: 100,
    seed: found.seed,
    path: found.path,
    replayPath: found.replayPath,
  });
  expect(replayed).toMatchObject({ ok: false, runs: 1, failure: found.failure, counterexample: found.counterexample });
});
