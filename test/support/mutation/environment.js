/**
 * The test environment of mutation runs only (see stryker.config.json). A mutant is killed by its
 * first failing test, and Stryker reports only that one (its bail setting is on), but jest cannot
 * stop a run part-way when it is called as a library. Every test after that failure would be time
 * spent on a verdict already reached: in code every request passes through, a mutant is covered by
 * hundreds of tests. This environment remembers that the running mutant has failed a test, and
 * `bail.ts` makes the tests after it fail at once without running their bodies.
 *
 * Stryker sets the running mutant's id in the environment of its test-runner process; the dry run
 * (no mutant) never stops early. Test files run one after another in that process (Stryker runs
 * jest in band), and jest loads this module once there, so its state spans the files of one run.
 */
const { TestEnvironment } = require("jest-environment-node");

/** What the sequencer reads to order the next run's files; see `sequencer.js`. */
const history = {
  /** The mutant whose run is under way, and whether one of its tests has failed. */
  mutant: undefined,
  failed: false,
  /** Test file → the number of the latest run in which it held the first failing test. */
  killers: new Map(),
  runs: 0,
};

const ACTIVE_MUTANT = "__STRYKER_ACTIVE_MUTANT__";
/** How `bail.ts` asks; a symbol, so no test's own global can collide with it. */
const FAILED_ALREADY = Symbol.for("sip-endpoints.mutation.failed-already");

class MutationEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const mutant = process.env[ACTIVE_MUTANT];
    if (mutant !== history.mutant) {
      history.mutant = mutant;
      history.failed = false;
      history.runs++;
    }
    this.testPath = context.testPath;
    this.global[FAILED_ALREADY] = () => history.mutant !== undefined && history.failed;
  }

  async handleTestEvent(event) {
    if (event.name !== "test_done" || history.mutant === undefined || history.failed) return;
    if (event.test.errors.length > 0) {
      history.failed = true;
      history.killers.set(this.testPath, history.runs);
    }
  }
}

module.exports = MutationEnvironment;
module.exports.history = history;
module.exports.ACTIVE_MUTANT = ACTIVE_MUTANT;
