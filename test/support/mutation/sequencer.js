/**
 * The order of test files in mutation runs only (see stryker.config.json). With `bail.ts` a run
 * ends its real work at the first failure, so the files likeliest to fail early go first: those
 * that killed a recent mutant (the next mutant is usually in the same code), then the quickest by
 * the dry run's durations (`durations.js`).
 */
const Sequencer = require("@jest/test-sequencer").default;
const { dryRunDurations, saveDryRunDurations } = require("./durations.js");
const { ACTIVE_MUTANT, history } = require("./environment.js");

const rootOf = (tests) => tests[0]?.context.config.rootDir ?? process.cwd();

class MutationSequencer extends Sequencer {
  sort(tests) {
    const known = dryRunDurations(rootOf(tests));
    const killedAt = (test) => history.killers.get(test.path) ?? 0;
    const duration = (test) => known.get(test.path) ?? Number.MAX_SAFE_INTEGER;
    return [...tests].sort(
      (a, b) => killedAt(b) - killedAt(a) || duration(a) - duration(b) || (a.path < b.path ? -1 : 1),
    );
  }

  cacheResults(tests, results) {
    super.cacheResults(tests, results);
    if (process.env[ACTIVE_MUTANT] !== undefined || tests.length === 0) return;
    const measured = Object.fromEntries(results.testResults.map((file) => [file.testFilePath, file.perfStats.runtime]));
    saveDryRunDurations(rootOf(tests), measured);
  }
}

module.exports = MutationSequencer;
