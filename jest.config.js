/** Jest runs the TypeScript sources through SWC: type checking is `npm run typecheck`'s job. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test", "<rootDir>/contract-tests"],
  testMatch: ["**/*.test.ts"],
  // Needs the registry (see the suite): `npm run test:git-install`, which .ci/run runs beside npm test.
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/git-install/"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  moduleFileExtensions: ["ts", "js", "json"],
  testTimeout: 20000,
  // Jest's default is one worker per core less one: a single worker on a two-core machine. Most
  // suites wait on local servers and child processes, so two workers finish in about two thirds
  // of the time.
  maxWorkers: 2,
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
};
