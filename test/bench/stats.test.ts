import { interleaved, roundOrder, timePerCall, timePerSyncCall } from "../../src/bench/interleave";
import { geometricMean, median, pairedRatio, ratio, round, spread } from "../../src/bench/stats";

describe("statistics", () => {
  it.each([
    { given: [5], want: 5 },
    { given: [3, 1, 2], want: 2 },
    { given: [4, 1, 3, 2], want: 2.5 },
    { given: [10, 10, 1000], want: 10 },
  ])("median of $given is $want", ({ given, want }) => {
    expect(median(given)).toBe(want);
  });

  it("median of nothing is NaN, and does not reorder its input", () => {
    expect(median([])).toBeNaN();
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it("spread is the range over the median", () => {
    expect(spread([90, 100, 110])).toBeCloseTo(0.2);
    expect(spread([])).toBeNaN();
  });

  it("geometric mean keeps ratios: gm(a)/gm(b) = gm(a/b)", () => {
    expect(geometricMean([2, 8])).toBeCloseTo(4);
    expect(geometricMean([1000, 40]) / geometricMean([100, 20])).toBeCloseTo(geometricMean([10, 2]));
    expect(geometricMean([4, 0])).toBeNaN();
  });

  it.each([
    { a: 105, b: 100, want: 1.05 },
    { a: 1, b: 3, want: 0.333 },
    { a: null, b: 100, want: null },
    { a: 100, b: null, want: null },
    { a: 100, b: 0, want: null },
    { a: Number.NaN, b: 1, want: null },
    { a: 1, b: Number.POSITIVE_INFINITY, want: null },
  ])("ratio($a, $b) is $want", ({ a, b, want }) => {
    expect(ratio(a, b)).toBe(want);
  });

  it("a paired ratio is the median of per-round ratios, not the quotient of the medians", () => {
    // Round 2 slowed the denominator and round 3 the numerator: each pair still says 1.
    expect(pairedRatio([10, 12, 100], [10, 100, 11])).toBe(1);
    expect(ratio(median([10, 12, 100]), median([10, 100, 11]))).toBe(1.091);
    expect(pairedRatio([4, 6], [2, 0])).toBe(2);
    expect(pairedRatio([], [])).toBeNull();
    expect(pairedRatio(undefined, [1])).toBeNull();
  });

  it("round turns what JSON cannot hold into null", () => {
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(Number.NaN, 2)).toBeNull();
    expect(round(undefined, 2)).toBeNull();
  });
});

describe("interleaved rounds", () => {
  it("rotates the order by one each round", () => {
    expect([0, 1, 2, 3].map((r) => roundOrder(["a", "b", "c"], r).join(""))).toEqual(["abc", "bca", "cab", "abc"]);
  });

  it("measures every variant once per round, drops the warm-up rounds and reports the median", async () => {
    const calls: string[] = [];
    const values: Record<string, number[]> = { a: [999, 10, 30, 20], b: [999, 5, 5, 50] };
    const variant = (name: string) => ({ name, measure: async () => (calls.push(name), values[name]!.shift()!) });
    const summary = await interleaved([variant("a"), variant("b")], { rounds: 3, warmupRounds: 1 });
    expect(calls).toEqual(["a", "b", "b", "a", "a", "b", "b", "a"]);
    expect(summary.a).toMatchObject({ median: 20, samples: [10, 30, 20] });
    expect(summary.b).toMatchObject({ median: 5, samples: [5, 5, 50] });
  });

  it("timePerCall keeps going until both the time and the call count are reached (fake clock)", async () => {
    let clock = 0;
    let calls = 0;
    const perCall = await timePerCall(async () => ((clock += 2), calls++), {
      minMs: 10,
      minCalls: 3,
      now: () => clock,
    });
    expect(calls).toBe(5);
    expect(perCall).toBe(2000);
    clock = 0;
    calls = 0;
    expect(timePerSyncCall(() => ((clock += 0.5), calls++), { minMs: 1, minCalls: 4, now: () => clock })).toBe(500);
    expect(calls).toBe(4);
  });
});
