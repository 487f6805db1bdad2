/**
 * The drift job at scale: a read-only run against the mock seeded with N endpoints, page_size
 * 1000. The mock runs in one child process and the drift run in another, so the peak RSS is the
 * drift job's alone, and the wall time runs from starting its process to its exit.
 */
import { awaitMessage, forkChild, startServerChild, waitForExit } from "./children";
import type { DriftChildDone } from "./child/drift-run";
import type { MockChildReady } from "./child/mock-server";
import { DRIFT_PAGE_SIZE, type BenchPlan } from "./plan";
import type { DriftRunMeasurement } from "./results";

async function measureDriftRun(endpoints: number): Promise<DriftRunMeasurement & { seed_ms: number }> {
  const mock = await startServerChild<MockChildReady>("mock-server", { seedCount: endpoints, seed: "bench" }, 120_000);
  try {
    const started = performance.now();
    const child = forkChild("drift-run");
    child.send({
      type: "init",
      baseUrl: mock.payload.url,
      credentials: mock.payload.credentials,
      pageSize: DRIFT_PAGE_SIZE,
      // Room for every page and a few more, so a walk that stops early shows as incomplete rather than hides.
      maxPages: Math.ceil(endpoints / DRIFT_PAGE_SIZE) + 5,
    });
    const done = await awaitMessage<DriftChildDone>(child, `drift run over ${endpoints} endpoints`, 10 * 60_000);
    await waitForExit(child, 10_000);
    const wall_ms = performance.now() - started;
    const expectedPages = Math.max(1, Math.ceil(endpoints / DRIFT_PAGE_SIZE));
    if (done.pages !== expectedPages)
      throw new Error(
        `the drift run read ${done.pages} pages of ${expectedPages} (outcome ${done.outcome}: ${done.reasons.join("; ") || "no reason given"})`,
      );
    return {
      endpoints,
      wall_ms,
      run_ms: done.run_ms,
      peak_rss_mb: done.max_rss_kb / 1024,
      pages: done.pages,
      requests: done.requests,
      outcome: done.outcome,
      seed_ms: mock.payload.start_ms,
    };
  } finally {
    await mock.stop();
  }
}

export async function measureDriftScale(
  plan: BenchPlan,
  progress: (message: string) => void,
  notes: string[],
): Promise<DriftRunMeasurement[]> {
  const runs: DriftRunMeasurement[] = [];
  for (const endpoints of plan.driftSizes) {
    progress(`drift: read-only run over ${endpoints.toLocaleString("en-US")} endpoints`);
    try {
      runs.push(await measureDriftRun(endpoints));
    } catch (error) {
      notes.push(`drift over ${endpoints} endpoints not measured: ${(error as Error).message}`);
    }
  }
  return runs;
}
