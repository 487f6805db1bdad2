/**
 * Loaded after the framework in mutation runs only (see stryker.config.json and
 * `environment.js`): once a test of the running mutant has failed, every later test fails in its
 * `beforeEach`, and jest then leaves its body unrun. Stryker counts only the first failure.
 */
const failedAlready = (globalThis as Record<symbol, unknown>)[Symbol.for("sip-endpoints.mutation.failed-already")];

beforeEach(() => {
  if (typeof failedAlready === "function" && failedAlready() === true) {
    throw new Error("not run: an earlier test already killed this mutant");
  }
});
