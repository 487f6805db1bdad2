/**
 * Loaded after the framework in mutation runs only (see stryker.config.json and
 * `environment.js`): once a test of the running mutant has failed, every later test fails in its
 * `beforeEach`, and jest then leaves its body unrun. Stryker counts only the first failure.
 * In a mutant's run the file's tests and hooks get the time limit the environment chose.
 */
const shared = globalThis as Record<symbol, unknown>;
const failedAlready = shared[Symbol.for("sip-endpoints.mutation.failed-already")];
const timeLimit = shared[Symbol.for("sip-endpoints.mutation.time-limit")];

if (typeof timeLimit === "number") jest.setTimeout(timeLimit);

beforeEach(() => {
  if (typeof failedAlready === "function" && failedAlready() === true) {
    throw new Error("not run: an earlier test already killed this mutant");
  }
});
