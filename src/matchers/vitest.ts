// This repository's own program imports no "vitest" elsewhere; an app's tests do, which is all the
// published declarations need (the bundled .d.ts leaves this reference out).
/// <reference types="vitest" />
/**
 * The package's `./vitest` entry: the same matchers as `./jest`, typed for vitest
 * (`expect.extend(matchers)`, then `await expect(res).toMatchSpec()`).
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

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Matchers<T = any> extends SpecMatchers<void> {}
}
