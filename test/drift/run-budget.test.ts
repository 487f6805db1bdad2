/**
 * The time budget of `runDrift` in-process: the scenarios stop when the budget less the time kept
 * for cleanup has passed, and the report says which limit was reached.
 */
import { createDriftSend, runDrift, startEmbeddedMock } from "../../src/drift";
import { FAST_FAULTS, FAST_SEND } from "./harness";

test("a stalled run stops its scenarios at the budget less the time kept for cleanup, and says so", async () => {
  const target = await startEmbeddedMock({ fault: "slow", faultOptions: FAST_FAULTS, seedCount: 2 });
  try {
    const { report } = await runDrift({ target, send: createDriftSend(target, { ...FAST_SEND, timeoutMs: 10_000 }), mode: "read-write", pageSize: 5, maxDurationMs: 2_000 });
    expect(report).toMatchObject({ outcome: "inconclusive", reasons: ["the run reached --max-duration 2 s (less the time kept for cleanup)"] });
    // It stopped in the read-only part (retrieving is what stalls), before creating anything.
    expect(report.steps.at(-1)).toMatchObject({ name: "retrieve 2 listed endpoint(s)", result: "incomplete" });
    expect(report.cleanup).toBeUndefined();
  } finally {
    await target.close();
  }
});
