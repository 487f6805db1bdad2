// This repository's own program imports no "expect" elsewhere; an app's tests do, which is all the
// published declarations need (the bundled .d.ts leaves this reference out).
/// <reference types="expect" />
/**
 * The package's `./jest` entry: `expect.extend(matchers)`, then `await expect(res).toMatchSpec()`
 * and `expect(value).toMatchSchema("SipEndpoint")`. Typed for `@types/jest` (the global `jest`
 * namespace) and for `@jest/globals` (the `expect` package's `Matchers`).
 */
import type { SpecMatchers } from "./matchers";

export {
  matchers,
  MatcherUsageError,
  type MatchProblem,
  type MatchSchemaOptions,
  type MatchSpecOptions,
  type SchemaName,
  type SpecMatchers,
} from "./matchers";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    interface Matchers<R, T = {}> extends SpecMatchers<R> {}
  }
}

declare module "expect" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Matchers<R extends void | Promise<void>, T = unknown> extends SpecMatchers<R> {}
}
