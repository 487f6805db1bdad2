/**
 * The order of test files in mutation runs only (see stryker.config.json). With `bail.ts` a run
 * ends its real work at the first failure, so the files likeliest to fail early go first: those
 * that killed a recent mutant (the next mutant is usually in the same code), then the quickest.
 *
 * Durations come from the dry run, which Stryker makes in one of its test-runner processes: that
 * process saves them in a file beside nothing else of the project (the temp folder, named after
 * the sandbox), and every process reads them before its first mutant.
 */
const { createHash } = require("node:crypto");
const { readFileSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const Sequencer = require("@jest/test-sequencer").default;
const { ACTIVE_MUTANT, history } = require("./environment.js");

let durations;

function durationsFile(tests) {
  const root = tests[0]?.context.config.rootDir ?? process.cwd();
  return join(tmpdir(), `sip-endpoints-mutation-${createHash("sha256").update(root).digest("hex").slice(0, 16)}.json`);
}

function knownDurations(tests) {
  if (durations === undefined) {
    try {
      durations = new Map(Object.entries(JSON.parse(readFileSync(durationsFile(tests), "utf8"))));
    } catch {
      durations = new Map();
    }
  }
  return durations;
}

class MutationSequencer extends Sequencer {
  sort(tests) {
    const known = knownDurations(tests);
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
    durations = new Map(Object.entries(measured));
    writeFileSync(durationsFile(tests), JSON.stringify(measured));
  }
}

module.exports = MutationSequencer;
