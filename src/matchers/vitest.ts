/**
 * The package's `./vitest` entry: the same matchers as `./jest`, typed for vitest
 * (`expect.extend(matchers)`, then `await expect(res).toMatchSpec()`).
 */
// The augmented module must be part of the program for the augmentation to apply.
import type {} from "vitest";
import type { SpecMatchers } from "./matchers";

export { matchers, MatcherUsageError, type MatchProblem, type MatchSchemaOptions, type MatchSpecOptions, type SchemaName, type SpecMatchers } from "./matchers";

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Matchers<T = any> extends SpecMatchers<void> {}
}
