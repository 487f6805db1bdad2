/**
 * A Space that never answers is told quickly and visibly: the run stops inconclusive soon after
 * its start, saying the target never answered (also when --max-duration ends it first), and the
 * command prints a line while it waits. Time here is jest's fake clock: nothing races a real one.
 */
import { runDrift, type DriftRequest, type SendFn } from "../../src/drift";
import { progressPrinter, WAIT_NOTE_MS } from "../../src/cli/progress";

const BASE = "https://silent.signalwire.com/api/relay/rest";
const target = { kind: "live" as const, baseUrl: BASE, credentials: { projectId: "p", apiToken: "t0ken-silent" } };

/** A target that takes every request and never answers; a request ends only when its signal aborts. */
const silent: SendFn = (request: DriftRequest) =>
  new Promise((_resolve, reject) => {
    request.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")), { once: true });
  });

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

async function runUntilDone(options: Partial<Parameters<typeof runDrift>[0]>, step: number) {
  let done = false;
  const running = runDrift({ target, send: silent, mode: "read-only", ...options }).finally(() => (done = true));
  let elapsed = 0;
  while (!done && elapsed < 600_000) {
    await jest.advanceTimersByTimeAsync(step);
    elapsed += step;
  }
  return { result: await running, elapsed };
}

test("against a live target, the run stops inconclusive 20 s after its start, saying the target never answered", async () => {
  const { result, elapsed } = await runUntilDone({}, 1_000);
  expect(elapsed).toBe(20_000);
  expect(result.report.outcome).toBe("inconclusive");
  expect(result.report.reasons[0]).toBe(`the run got no answer within 20 s of its start: ${BASE} never answered`);
  expect(result.report.findings).toEqual([]);
});

test("--max-duration that ends the run first says the target never answered too", async () => {
  const { result, elapsed } = await runUntilDone({ maxDurationMs: 8_000 }, 500);
  // A quarter of the budget is kept for cleanup.
  expect(elapsed).toBe(6_000);
  expect(result.report.reasons[0]).toBe(
    `the run reached --max-duration 8 s (less the time kept for cleanup): ${BASE} never answered`,
  );
});

test("the wait for a first answer is the engine's option, and ends with the first answer", async () => {
  const { result, elapsed } = await runUntilDone({ firstAnswerMs: 3_000 }, 1_000);
  expect(elapsed).toBe(3_000);
  expect(result.report.reasons[0]).toContain("within 3 s");
  let answered = 0;
  // One answer, then silence: the first-answer wait no longer applies (no budget either), so the run waits on.
  const once: SendFn = async (request) =>
    answered++ === 0
      ? {
          operationId: request.operationId,
          method: "GET",
          url: `${BASE}/endpoints/sip`,
          status: 200,
          headers: { "content-type": "application/json" },
          bodyText: '{"data":[],"links":{}}',
        }
      : silent(request);
  const controller = new AbortController();
  const running = runDrift({ target, send: once, mode: "read-only", firstAnswerMs: 3_000, signal: controller.signal });
  await jest.advanceTimersByTimeAsync(60_000);
  controller.abort("SIGINT");
  const late = await running;
  expect(late.report.reasons[0]).toBe("the run was interrupted");
});

describe("the command's progress", () => {
  const printed = () => {
    const lines: string[] = [];
    return { lines, stream: { write: (text: string) => lines.push(text) } };
  };

  it("says it is still waiting when nothing happened for a while, every so often, until done", async () => {
    const { lines, stream } = printed();
    const progress = progressPrinter(stream, false, Date.now);
    progress.onProgress({ step: "list the first page", requests: 0, findings: 0 });
    await jest.advanceTimersByTimeAsync(WAIT_NOTE_MS * 3);
    expect(lines).toEqual([
      "  list the first page\n",
      "  … list the first page: still waiting for an answer (5 s)\n",
      "  … list the first page: still waiting for an answer (10 s)\n",
      "  … list the first page: still waiting for an answer (15 s)\n",
    ]);
    progress.done();
    await jest.advanceTimersByTimeAsync(WAIT_NOTE_MS * 3);
    expect(lines).toHaveLength(4);
  });

  it("says nothing while answers keep coming", async () => {
    const { lines, stream } = printed();
    const progress = progressPrinter(stream, false, Date.now);
    for (let i = 0; i < 10; i++) {
      progress.onProgress({ step: "walk every page", requests: i, findings: 0 });
      await jest.advanceTimersByTimeAsync(WAIT_NOTE_MS / 2);
    }
    progress.done();
    expect(lines).toEqual(["  walk every page\n"]);
  });
});
