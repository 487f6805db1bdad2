/**
 * The time budget of `runDrift` in-process: the scenarios stop when the budget less the time kept
 * for cleanup has passed, and the report says which limit was reached.
 */
import {
  createDriftSend,
  runDrift,
  startEmbeddedMock,
  type DriftRequest,
  type DriftTarget,
  type Schedule,
  type SendFn,
} from "../../src/drift";
import { activeTimers } from "../support/timers";
import { FAST_SEND } from "./harness";

/**
 * The budget's deadlines, fired by the test rather than by the clock: each deadline is kept by its
 * delay, and `reach(ms)` fires every one due by then, as the clock would at that moment.
 */
function handDriven(): { schedule: Schedule; reach(ms: number): void } {
  const pending = new Map<number, Array<() => void>>();
  return {
    schedule: (fire, ms) => {
      pending.set(ms, [...(pending.get(ms) ?? []), fire]);
      return () =>
        pending.set(
          ms,
          (pending.get(ms) ?? []).filter((f) => f !== fire),
        );
    },
    reach(ms) {
      for (const [due, fires] of [...pending].sort(([a], [b]) => a - b)) {
        if (due > ms) continue;
        pending.delete(due);
        for (const fire of fires) fire();
      }
    },
  };
}

/**
 * Sends through to the target, except that the operations named stall until their signal ends;
 * `onStall` hears of each stalled request as it arrives.
 */
function stalling(
  target: DriftTarget,
  stalled: ReadonlyArray<DriftRequest["operationId"]>,
  onStall: (operationId: DriftRequest["operationId"]) => void,
): SendFn {
  const send = createDriftSend(target, { ...FAST_SEND, timeoutMs: 600_000 });
  return (request) => {
    if (!stalled.includes(request.operationId)) return send(request);
    return new Promise((_, reject) => {
      if (request.signal?.aborted) return reject(new Error("aborted"));
      request.signal?.addEventListener("abort", () => reject(new Error("aborted")), { once: true });
      onStall(request.operationId);
    });
  };
}

// A 2 s budget keeps 0.5 s for cleanup: the scenarios stop at 1.5 s, everything at 2 s.
const BUDGET_MS = 2_000;
const SCENARIOS_END_MS = 1_500;

test("a stalled run stops its scenarios at the budget less the time kept for cleanup, and says so", async () => {
  const target = await startEmbeddedMock({ seedCount: 2 });
  const clock = handDriven();
  try {
    const { report } = await runDrift({
      target,
      send: stalling(target, ["retrieve_sip_endpoint"], () => clock.reach(SCENARIOS_END_MS)),
      mode: "read-write",
      pageSize: 5,
      maxDurationMs: BUDGET_MS,
      schedule: clock.schedule,
    });
    expect(report).toMatchObject({
      outcome: "inconclusive",
      reasons: ["the run reached --max-duration 2 s (less the time kept for cleanup)"],
    });
    // It stopped in the read-only part (retrieving is what stalls), before creating anything.
    expect(report.steps.at(-1)).toMatchObject({ name: "retrieve 2 listed endpoint(s)", result: "incomplete" });
    expect(report.cleanup).toBeUndefined();
  } finally {
    await target.close();
  }
});

test("a run stalled after creating leaves cleanup its reserved time: everything it created is removed", async () => {
  const target = await startEmbeddedMock({ seedCount: 2 });
  const clock = handDriven();
  try {
    const { report } = await runDrift({
      target,
      send: stalling(target, ["update_sip_endpoint"], () => clock.reach(SCENARIOS_END_MS)),
      mode: "read-write",
      pageSize: 5,
      maxDurationMs: BUDGET_MS,
      schedule: clock.schedule,
    });
    expect(report.reasons).toEqual(["the run reached --max-duration 2 s (less the time kept for cleanup)"]);
    expect(report.cleanup!.created).toBeGreaterThan(0);
    expect(report.cleanup).toEqual({
      created: report.cleanup!.created,
      deleted: report.cleanup!.created,
      leftovers: [],
    });
  } finally {
    await target.close();
  }
});

test("cleanup that stalls too is cut at the budget itself, and what it could not remove is reported", async () => {
  const target = await startEmbeddedMock({ seedCount: 2 });
  const clock = handDriven();
  try {
    const { report } = await runDrift({
      target,
      send: stalling(target, ["update_sip_endpoint", "delete_sip_endpoint"], (operationId) =>
        clock.reach(operationId === "update_sip_endpoint" ? SCENARIOS_END_MS : BUDGET_MS),
      ),
      mode: "read-write",
      pageSize: 5,
      maxDurationMs: BUDGET_MS,
      schedule: clock.schedule,
    });
    expect(report.outcome).toBe("inconclusive");
    expect(report.reasons[0]).toBe("the run reached --max-duration 2 s (less the time kept for cleanup)");
    expect(report.reasons).toContainEqual(
      expect.stringMatching(/: cleanup could not list what is left: the run reached --max-duration 2 s$/),
    );
    expect(report.cleanup!.leftovers).toHaveLength(report.cleanup!.created);
    expect(report.cleanup!.deleted).toBe(0);
  } finally {
    await target.close();
  }
});

test("with a budget, an interruption still stops the run; the budget's timers end with the run", async () => {
  const target = await startEmbeddedMock({ seedCount: 2 });
  try {
    const send = createDriftSend(target, FAST_SEND);
    const interrupted = await runDrift({
      target,
      send,
      mode: "read-only",
      signal: AbortSignal.abort("SIGINT"),
      maxDurationMs: 600_000,
    });
    expect(interrupted.report.reasons).toEqual(["the run was interrupted"]);
    const before = activeTimers();
    const { report } = await runDrift({ target, send, mode: "read-only", maxDurationMs: 600_000 });
    expect(report.outcome).toBe("pass");
    expect(activeTimers()).toBe(before);
  } finally {
    await target.close();
  }
});
