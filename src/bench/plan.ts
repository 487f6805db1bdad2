/**
 * How much the bench measures: the full plan for numbers worth quoting, and `--quick` (same
 * measurements, same result keys, smaller counts and shorter loads) for a check under a minute.
 */

export interface BenchPlan {
  quick: boolean;
  /**
   * Interleaved rounds per comparison (the median is reported) and the rounds dropped before them.
   * Many short rounds rather than a few long ones: each ratio is taken within a round, so the
   * shorter the round, the less the machine can change between the two sides of it.
   */
  rounds: number;
  warmupRounds: number;
  /** Minimum time per variant per round for the per-call measurements. */
  roundMs: number;
  throughput: {
    /** Open connections of the load generator, the same for every server. */
    connections: number;
    /** Seconds of load per server, route and round. */
    durationSec: number;
    warmupSec: number;
    rounds: number;
  };
  /** Endpoints seeded into the mock for each drift run (read-only, page_size 1000). */
  driftSizes: number[];
  /** `npm run gen` runs (median). */
  genRuns: number;
}

export const FULL_PLAN: BenchPlan = {
  quick: false,
  rounds: 21,
  warmupRounds: 1,
  roundMs: 150,
  throughput: { connections: 10, durationSec: 3, warmupSec: 1, rounds: 5 },
  driftSizes: [1_000, 10_000, 100_000],
  genRuns: 3,
};

export const QUICK_PLAN: BenchPlan = {
  quick: true,
  rounds: 7,
  warmupRounds: 1,
  roundMs: 50,
  throughput: { connections: 10, durationSec: 1, warmupSec: 0.5, rounds: 2 },
  driftSizes: [1_000, 10_000],
  genRuns: 1,
};

/** Page size of the drift runs at scale: the API's maximum, so 100,000 endpoints are 100 pages. */
export const DRIFT_PAGE_SIZE = 1000;
