/**
 * The one place requests leave the client. Typed methods (through openapi-fetch), `raw` and `send`
 * all come here, so auth, origin checks, timeouts, retries, the size cap and observation are
 * written once. Credentials go only in the `Authorization` header and only to the configured origin;
 * redirects are never followed.
 */
import { basicAuthHeader } from "../redact";
import type { OperationId } from "../spec";
import { BodyTooLarge, readBodyText, withBufferedBody } from "./body";
import type { ClientConfig } from "./config";
import { AbortedError, NetworkError, OriginRefusedError, ResponseTooLargeError, TimeoutError, type CallFacts } from "./errors";
import { observedExchange, secretsOf } from "./exchange";
import { retryDelay, type AttemptOutcome } from "./retry";
import type { ClientExchange, SendAuth } from "./types";

export interface OutgoingRequest {
  operationId: OperationId;
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
  /** The final response; its body is already read and answers `text()`/`json()` from memory. */
  response: Response;
  secrets: readonly string[];
}

export type Transport = (request: OutgoingRequest) => Promise<Performed>;

type Attempted = { response: Response; bodyText: string };

/** Why an attempt ended without a response. */
class AttemptFailure {
  constructor(readonly kind: "timeout" | "network" | "aborted", readonly cause: unknown) {}
}

export function createTransport(config: ClientConfig, onExchange?: (exchange: ClientExchange) => void): Transport {
  const { retry: policy, fetch: fetchImpl } = config;
  const baseHeaders = { accept: "application/json", "user-agent": config.userAgent };

  return async function perform(request) {
    const { method, url } = request;
    const secrets = secretsOf(config.secrets, request);
    refuseForeign(config, url, secrets);
    const headers: Record<string, string> = { ...baseHeaders, ...request.headers };
    const auth = request.auth ?? "default";
    if (auth === "default") headers.authorization = config.authorization;
    else if (auth !== "none") headers.authorization = basicAuthHeader(auth.projectId, auth.apiToken);
    if (request.bodyText !== undefined) headers["content-type"] ??= "application/json";
    const init: RequestInit = { method, headers, body: request.bodyText, redirect: "manual" };
    const userSignal = request.signal && config.signal ? AbortSignal.any([request.signal, config.signal]) : (request.signal ?? config.signal);
    const started = policy.now();

    for (let attempt = 1; ; attempt++) {
      const facts: CallFacts = { method, url, attempts: attempt };
      let outcome: AttemptOutcome;
      let result: Attempted | undefined;
      let failure: AttemptFailure | undefined;
      try {
        result = await attemptOnce(url, init, userSignal);
        outcome = { kind: "status", status: result.response.status, retryAfter: result.response.headers.get("retry-after") };
      } catch (error) {
        if (error instanceof BodyTooLarge) throw new ResponseTooLargeError(facts, error.status, config.maxResponseBytes, { secrets });
        if (!(error instanceof AttemptFailure)) throw error;
        if (error.kind === "aborted") throw new AbortedError(facts, { cause: error.cause, secrets });
        failure = error;
        outcome = error.kind === "timeout" ? { kind: "timeout" } : { kind: "network", refused: isRefused(error.cause) };
      }
      const delay = retryDelay(policy, method, outcome, attempt);
      if (delay === undefined) {
        if (result) return finish(request, result, attempt, started, secrets);
        if (failure?.kind === "timeout") throw new TimeoutError(facts, config.timeoutMs, { cause: failure.cause, secrets });
        throw new NetworkError(facts, errorCode(failure?.cause), { cause: failure?.cause, secrets });
      }
      try {
        await raceAbort(policy.sleep(delay, userSignal ?? undefined), userSignal ?? undefined);
      } catch (error) {
        throw new AbortedError(facts, { cause: error, secrets });
      }
    }
  };

  async function attemptOnce(url: string, init: RequestInit, userSignal: AbortSignal | null | undefined): Promise<Attempted> {
    if (userSignal?.aborted) throw new AttemptFailure("aborted", userSignal.reason);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`no complete answer within ${config.timeoutMs} ms`));
    }, config.timeoutMs);
    const onUserAbort = () => controller.abort(userSignal?.reason);
    userSignal?.addEventListener("abort", onUserAbort, { once: true });
    try {
      const work = fetchAndRead(url, { ...init, signal: controller.signal });
      return await raceAbort(work, controller.signal);
    } catch (error) {
      if (timedOut) throw new AttemptFailure("timeout", error);
      if (userSignal?.aborted) throw new AttemptFailure("aborted", error);
      if (error instanceof BodyTooLarge) throw error;
      throw new AttemptFailure("network", error);
    } finally {
      clearTimeout(timer);
      userSignal?.removeEventListener("abort", onUserAbort);
    }
  }

  async function fetchAndRead(url: string, init: RequestInit): Promise<Attempted> {
    const response = await fetchImpl(url, init);
    return { response, bodyText: await readBodyText(response, config.maxResponseBytes) };
  }

  function finish(request: OutgoingRequest, result: Attempted, attempts: number, started: number, secrets: readonly string[]): Performed {
    const { response, bodyText } = result;
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const exchange: ClientExchange = {
      operationId: request.operationId,
      method: request.method,
      url: request.url,
      requestBody: request.requestBody,
      status: response.status,
      headers,
      bodyText,
      durationMs: policy.now() - started,
      attempts,
    };
    const requestId = headers["x-request-id"] ?? headers["request-id"];
    if (requestId !== undefined) exchange.requestId = requestId;
    if (onExchange) onExchange(observedExchange(exchange, secrets));
    return { exchange, response: withBufferedBody(response, bodyText), secrets };
  }
}

/** Credentials are only ever sent to the configured origin, and never inside a URL. */
function refuseForeign(config: ClientConfig, url: string, secrets: readonly string[]): void {
  const target = new URL(url);
  if (target.username || target.password) {
    throw new OriginRefusedError(`${target.protocol}//${target.host}${target.pathname}`, config.origin, "the URL carries credentials", { secrets });
  }
  if (target.origin !== config.origin) throw new OriginRefusedError(url, config.origin, `${target.origin} is another origin`, { secrets });
}

/** Settles with `work`, or rejects as soon as `signal` aborts, even if `work` ignores the signal. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** Node's fetch wraps socket errors: `TypeError("fetch failed")` with the system error as `cause`. */
function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) {
      const found = inner.map(errorCode).find((c) => c !== undefined);
      if (found) return found;
    }
  }
  return undefined;
}

function isRefused(error: unknown): boolean {
  return errorCode(error) === "ECONNREFUSED";
}
