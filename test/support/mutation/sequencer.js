/**
 * The order of test files in mutation runs only (see stryker.config.json). With `bail.ts` a run
 * ends its real work at the first failure, so the files likeliest to fail early go first: those
 * that killed a recent mutant (the next mutant is usually in the same code), then the quickest.
 * Durations are learned in this process, from files that ran whole: no test failed, none was left
 * out by the run's test-name filter.
 */
const Sequencer = require("@jest/test-sequencer").default;
const { history } = require("./environment.js");

const durations = new Map();

class MutationSequencer extends Sequencer {
  sort(tests) {
    const killedAt = (test) => history.killers.get(test.path) ?? 0;
    const duration = (test) => durations.get(test.path) ?? 0;
    return [...tests].sort((a, b) => killedAt(b) - killedAt(a) || duration(a) - duration(b) || (a.path < b.path ? -1 : 1));
  }

  cacheResults(tests, results) {
    super.cacheResults(tests, results);
    for (const file of results.testResults) {
      if (file.numFailingTests === 0 && file.numPendingTests === 0 && !file.testExecError) durations.set(file.testFilePath, file.perfStats.runtime);
    }
  }
}

module.exports = MutationSequencer;
