/**
 * `toMatchSpec` and `toMatchSchema` as `expect.extend` takes them, in jest and vitest alike: a
 * matcher returns `{ pass, message }`, and the runner handles `.not` by inverting `pass` and
 * showing the message. Only `this.isNot` of the runner's context is read, and only for wording.
 */
import {
  describeProblems,
  judgeResponse,
  judgeValue,
  type MatchSchemaOptions,
  type MatchSpecOptions,
  type SchemaName,
  type Verdict,
} from "./judge";

interface MatcherContext {
  isNot?: boolean;
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

function result(verdict: Verdict, what: string): MatcherResult {
  const pass = verdict.problems.length === 0;
  return {
    pass,
    message: () =>
      pass
        ? `expected ${verdict.subject} not to match ${what}, but it does: nothing the spec checks is off`
        : `expected ${verdict.subject} to match ${what}; ${verdict.problems.length} finding${verdict.problems.length === 1 ? "" : "s"}:\n${describeProblems(verdict.problems)}`,
  };
}

export const matchers = {
  /** The status, content type and body of a response against the spec (async: reads a clone of the body). */
  async toMatchSpec(this: MatcherContext, received: unknown, options?: MatchSpecOptions): Promise<MatcherResult> {
    return result(
      await judgeResponse(received, options),
      options?.strict ? "the spec (strict: no undocumented keys)" : "the spec",
    );
  },
  /** A plain value against one of the spec's component schemas. */
  toMatchSchema(
    this: MatcherContext,
    received: unknown,
    name: SchemaName,
    options?: MatchSchemaOptions,
  ): MatcherResult {
    return result(judgeValue(received, name, options), "it");
  },
};

/** The matchers' signatures on an assertion, for the runners' declaration merging. */
export interface SpecMatchers<R> {
  /** The status, content type and body of a `Response`, an openapi-fetch result or the client's exchange against the spec. */
  toMatchSpec(options?: MatchSpecOptions): Promise<R>;
  /** A value against one of the spec's component schemas (`SipEndpoint`, `SipEndpointList`, …). */
  toMatchSchema(name: SchemaName, options?: MatchSchemaOptions): R;
}

export {
  MatcherUsageError,
  type MatchProblem,
  type MatchSchemaOptions,
  type MatchSpecOptions,
  type SchemaName,
} from "./judge";
