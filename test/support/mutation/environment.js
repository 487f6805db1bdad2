/**
 * The test environment of mutation runs only (see stryker.config.json). A mutant is killed by its
 * first failing test, and Stryker reports only that one (its bail setting is on), but jest cannot
 * stop a run part-way when it is called as a library. Every test after that failure would be time
 * spent on a verdict already reached: in code every request passes through, a mutant is covered by
 * hundreds of tests. This environment remembers that the running mutant has failed a test, and
 * `bail.ts` makes the tests after it fail at once without running their bodies.
 *
 * A mutant that turns a wait endless would otherwise cost the configured test timeout for the test
 * and again for each hook that waits on it. So in a mutant's run each file's tests and hooks get a
 * time limit from the file's own dry-run time (`durations.js`): three times that, which covers
 * the load of the checkers running beside, plus five seconds, and never more than the configured
 * limit. `bail.ts` sets it with `jest.setTimeout`. A file the dry run did not time keeps the
 * configured limit.
 *
 * Stryker sets the running mutant's id in the environment of its test-runner process; the dry run
 * (no mutant) never stops early and keeps the configured limit. Test files run one after another
 * in that process (Stryker runs jest in band), and jest loads this module once there, so its state
 * spans the files of one run.
 */
const { TestEnvironment } = require("jest-environment-node");
const { dryRunDurations } = require("./durations.js");

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
/** How `bail.ts` asks; symbols, so no test's own global can collide with them. */
const FAILED_ALREADY = Symbol.for("sip-endpoints.mutation.failed-already");
const TIME_LIMIT = Symbol.for("sip-endpoints.mutation.time-limit");

const LOAD_FACTOR = 3;
const SLACK_MS = 5000;

/** The time limit of a file's tests and hooks in a mutant's run; undefined keeps the configured one. */
function timeLimit(dryRunMs, configuredMs) {
  if (dryRunMs === undefined) return undefined;
  return Math.min(configuredMs, Math.ceil(dryRunMs * LOAD_FACTOR + SLACK_MS));
}

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
    if (mutant !== undefined) {
      const { globalConfig, projectConfig } = config;
      const dryRunMs = dryRunDurations(projectConfig.rootDir).get(context.testPath);
      this.global[TIME_LIMIT] = timeLimit(dryRunMs, globalConfig.testTimeout);
    }
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
module.exports.timeLimit = timeLimit;
