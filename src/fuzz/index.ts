/**
 * Spec-driven fuzzing of the mock: `runFuzz` runs the property as often as asked and returns the
 * verdict as data, with the seed and path that replay a failure. `mockProperty` is the same
 * property for a test runner. Generators read the spec (`./bodies`, `./values`); nothing here
 * prints.
 */
import fc from "fast-check";
import { redactText } from "../redact";
import { mockProperty, type FuzzOptions } from "./property";

export { mockProperty } from "./property";

export { brokenObjectArb, validObjectArb } from "./bodies";
export { queryArb, queryProblems } from "./queries";

export interface FuzzRunOptions extends FuzzOptions {
  runs: number;
  seed: number;
  /** A failure's path: replays exactly that (shrunk) case instead of searching. */
  path?: string;
  /** Shrink a failure to a minimal case (default true); false stops at the first failure. */
  shrink?: boolean;
}

export interface FuzzReport {
  ok: boolean;
  /** Runs made (on failure: up to and including the failing one). */
  runs: number;
  seed: number;
  /** On failure: with `seed` and `replayPath`, replays the shrunk counterexample. */
  path?: string;
  /** On failure: how the command sequence was shrunk (fast-check's `replayPath`). */
  replayPath?: string;
  shrinks?: number;
  /** On failure: which property broke and how (secrets scrubbed). */
  failure?: string;
  /** On failure: the shrunk command sequence (secrets scrubbed). */
  counterexample?: string;
}

export async function runFuzz(options: FuzzRunOptions): Promise<FuzzReport> {
  const details = await fc.check(mockProperty(options), {
    numRuns: options.runs,
    seed: options.seed,
    endOnFailure: options.shrink === false,
    ...(options.path ? { path: options.path } : {}),
  });
  if (!details.failed) return { ok: true, runs: details.numRuns, seed: details.seed };
  const secrets = [options.credentials?.apiToken, options.password].filter((s): s is string => !!s);
  const error = details.errorInstance;
  const shown = details.counterexample ? fc.stringify(details.counterexample) : "(none)";
  return {
    ok: false,
    runs: details.numRuns,
    seed: details.seed,
    path: details.counterexamplePath ?? undefined,
    replayPath: /replayPath="([^"]*)"/.exec(shown)?.[1],
    shrinks: details.numShrinks,
    failure: redactText(error instanceof Error ? error.message : String(error), secrets),
    counterexample: redactText(shown.replace(/\s*\/\*replayPath="[^"]*"\*\//, ""), secrets),
  };
}
