/**
 * The one place requests leave the client. Typed methods, `raw` and `send` all come here through
 * openapi-fetch (`pipeline.ts`), so auth, origin checks, timeouts, retries, the size cap and observation are
 * written once. Credentials go only in the `Authorization` header and only to the configured origin;
 * redirects are never followed.
 */
import { basicAuthHeader } from "../redact";
import type { OperationId } from "../spec";
import { attempt, AttemptFailure, type Attempted } from "./attempt";
import type { ClientConfig } from "./config";
import {
  AbortedError,
  ArgumentError,
  NetworkError,
  OriginRefusedError,
  ResponseTooLargeError,
  TimeoutError,
  type CallFacts,
} from "./errors";
import { observedExchange, secretsOf } from "./exchange";
import { retryDelay, type AttemptOutcome } from "./retry";
import type { ClientExchange, RetriedAnswer, SendAuth } from "./types";
import type { Wire } from "./wire";

interface OutgoingRequest {
  /** Undefined when no operation of the spec matches: refused, after the origin check. */
  operationId: OperationId | undefined;
  method: string;
  /** Absolute URL; must be on the configured origin. */
  url: string;
  bodyText?: string;
  /** The body as a value, for the exchange record (and to learn a password to scrub). */
  requestBody?: unknown;
  /** Extra headers, lower-case names. */
  headers?: Record<string, string>;
  auth?: SendAuth;
  signal?: AbortSignal | null;
}

export interface Performed {
  /** The exchange as it happened (not scrubbed: keep it inside the client). */
  exchange: ClientExchange;
  /** The final response's reason phrase, for the `Response` handed back to openapi-fetch. */
  statusText: string;
  secrets: readonly string[];
}

export type Transport = (request: OutgoingRequest) => Promise<Performed>;

export function createTransport(config: ClientConfig, onExchange?: (exchange: ClientExchange) => void): Transport {
  const { retry: policy } = config;
  // A wire still to load (undici's, on the first request) is loaded before any deadline starts.
  let ready: Wire | undefined;
  const baseHeaders = {
    accept: "application/json",
    "accept-encoding": "gzip, deflate, br",
    "user-agent": config.userAgent,
  };
  const sameOriginPrefix = `${config.origin}/`;

  return async function perform(request) {
    const { method, url } = request;
    const secrets = secretsOf(config.secrets, request);
    // Stryker disable next-line ConditionalExpression,MethodExpression,BooleanLiteral: a fast path; refuseForeign passes every URL it skips.
    if (!url.startsWith(sameOriginPrefix)) refuseForeign(config.origin, url, secrets);
    const operationId = request.operationId;
    if (operationId === undefined)
      throw new ArgumentError(`no operation of the spec is ${method} ${new URL(url).pathname}`, { secrets });
    const headers: Record<string, string> = { ...baseHeaders, ...request.headers };
    const auth = request.auth ?? "default";
    if (auth === "default") headers.authorization = config.authorization;
    else if (auth !== "none") headers.authorization = basicAuthHeader(auth.projectId, auth.apiToken);
    if (request.bodyText !== undefined) headers["content-type"] ??= "application/json";
    const userSignal = combine(request.signal ?? undefined, config.signal);
    const sent = { method, url, headers, body: request.bodyText };
    const wire = (ready ??= await config.loadWire());
    const started = policy.now();
    const retried: RetriedAnswer[] = [];

    for (let attempts = 1; ; attempts++) {
      const facts: CallFacts = { method, url, attempts };
      let outcome: AttemptOutcome;
      let result: Attempted | undefined;
      let failure: AttemptFailure | undefined;
      try {
        result = await attempt(wire, sent, config, userSignal);
        outcome = { kind: "status", status: result.status, retryAfter: result.headers["retry-after"] ?? null };
      } catch (error) {
        if (!(error instanceof AttemptFailure)) throw error;
        if (error.kind === "too-large")
          throw new ResponseTooLargeError(facts, error.status, config.maxResponseBytes, { secrets });
        if (error.kind === "aborted") throw new AbortedError(facts, { cause: error.cause, secrets });
        failure = error;
        // Stryker disable next-line ConditionalExpression: the policy retries a timeout as it does an unrefused network failure today; they stay apart for it.
        outcome =
          error.kind === "timeout"
            ? { kind: "timeout" }
            : { kind: "network", refused: errorCode(error.cause) === "ECONNREFUSED" };
      }
      const delay = retryDelay(policy, method, outcome, attempts);
      if (delay === undefined) {
        if (result) return finish(operationId, request, headers, result, attempts, started, secrets, retried);
        if (failure?.kind === "timeout")
          throw new TimeoutError(facts, config.timeoutMs, { cause: failure.cause, secrets });
        throw new NetworkError(facts, errorCode(failure?.cause), { cause: failure?.cause, secrets });
      }
      if (result) retried.push({ status: result.status, headers: result.headers, bodyText: result.bodyText });
      // An aborted signal makes the sleep reject (its contract), and the next attempt refuses it too.
      try {
        await policy.sleep(delay, userSignal);
      } catch (error) {
        throw new AbortedError(facts, { cause: error, secrets });
      }
    }
  };

  function finish(
    operationId: OperationId,
    request: OutgoingRequest,
    requestHeaders: Record<string, string>,
    result: Attempted,
    attempts: number,
    started: number,
    secrets: readonly string[],
    retried: RetriedAnswer[],
  ): Performed {
    const { headers, bodyText } = result;
    const exchange: ClientExchange = {
      operationId,
      method: request.method,
      url: request.url,
      requestHeaders,
      requestBody: request.requestBody,
      status: result.status,
      headers,
      bodyText,
      durationMs: policy.now() - started,
      attempts,
    };
    const requestId = headers["x-request-id"] ?? headers["request-id"];
    if (requestId !== undefined) exchange.requestId = requestId;
    if (retried.length > 0) exchange.retried = retried;
    if (onExchange) onExchange(observedExchange(exchange, secrets));
    return { exchange, statusText: result.statusText, secrets };
  }
}

/** Credentials are only ever sent to the configured origin, and never inside a URL. */
function refuseForeign(origin: string, url: string, secrets: readonly string[]): void {
  const target = new URL(url);
  if (target.username || target.password) {
    throw new OriginRefusedError(
      `${target.protocol}//${target.host}${target.pathname}`,
      origin,
      "the URL carries credentials",
      { secrets },
    );
  }
  if (target.origin !== origin)
    throw new OriginRefusedError(url, origin, `${target.origin} is another origin`, { secrets });
}

function combine(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  return a && b ? AbortSignal.any([a, b]) : (a ?? b);
}

/** How many errors deep a code is looked for: causes and the members of an AggregateError alike. */
const CODE_DEPTH = 4;

/**
 * The system error code of a failure. Node's fetch wraps socket errors (`TypeError("fetch failed")`
 * with the system error as `cause`), and for `localhost` an AggregateError of one error per
 * address. One depth budget for both ways down ends cycles of either kind.
 */
function errorCode(error: unknown, depth = 0): string | undefined {
  if (error === null || typeof error !== "object" || depth >= CODE_DEPTH) return undefined;
  const { code, errors, cause } = error as { code?: unknown; errors?: unknown; cause?: unknown };
  if (typeof code === "string") return code;
  if (Array.isArray(errors)) {
    for (const member of errors) {
      const found = errorCode(member, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return errorCode(cause, depth + 1);
}
