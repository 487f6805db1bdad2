/**
 * The time limit a file's tests and hooks get in a mutant's run (see
 * test/support/mutation/environment.js): long enough for the file's own dry-run time under the
 * checkers' load, short enough that a mutant which makes a wait endless fails fast.
 */
// The environment is CommonJS JavaScript, as jest loads it; its one rule is typed here.
const { timeLimit } = require("./mutation/environment.js") as {
  timeLimit: (dryRunMs: number | undefined, configuredMs: number) => number | undefined;
};

// A module, so its names stay its own (bail.ts, a script, has a timeLimit too).
export {};

describe("a file's time limit in a mutant's run", () => {
  it("is three times the file's dry-run time plus five seconds", () => {
    expect(timeLimit(100, 20_000)).toBe(5_300);
    expect(timeLimit(1_000.2, 20_000)).toBe(8_001);
  });

  it("never passes the configured limit", () => {
    expect(timeLimit(7_000, 20_000)).toBe(20_000);
  });

  it("keeps the configured limit for a file the dry run did not time", () => {
    expect(timeLimit(undefined, 20_000)).toBeUndefined();
  });
});
