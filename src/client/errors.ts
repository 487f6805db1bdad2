/**
 * The client's error family. Every error the client throws extends `SipEndpointsError`, keeps the
 * original failure as `cause`, and knows the secrets of the call that failed, so its message,
 * `toJSON()` and `util.inspect` output are scrubbed of tokens, passwords and `Authorization` values
 * even when the cause (say, an error thrown by an injected `fetch`) is not.
 */
import { redactText, redactValue } from "../redact";

/**
 * Node's documented key for a custom `util.inspect` rendering (`util.inspect.custom` is this
 * symbol); Node passes its own `inspect` as the third argument, so nothing here imports `node:util`
 * and the declarations need no Node types.
 */
const INSPECT_CUSTOM: unique symbol = Symbol.for("nodejs.util.inspect.custom") as never;

type Inspect = (value: unknown, options: object) => string;

/**
 * Where an error lists the kinds it is (its class and every base class). A process can hold two
 * copies of this package (its ESM and its CJS build, or two versions), whose classes differ; the
 * `isXError` guards read this list too, so an error from one copy passes the other's guard. The
 * kinds are string literals, so a minifier renaming the classes changes nothing.
 */
const KINDS: unique symbol = Symbol.for("signalwire-sip-endpoints-contract.error-kinds") as never;

interface ErrorClass<T> {
  readonly kind: string;
  readonly prototype: T;
}

/** An `isXError` guard: `instanceof`, or the kind list of an error from another copy of the package. */
export function errorGuard<T>(cls: ErrorClass<T>): (e: unknown) => e is T {
  return (e: unknown): e is T => {
    if (e instanceof (cls as unknown as new (...args: never[]) => T)) return true;
    const kinds = typeof e === "object" && e !== null ? (e as { [KINDS]?: unknown })[KINDS] : undefined;
    return Array.isArray(kinds) && kinds.includes(cls.kind);
  };
}

export interface ErrorContext {
  cause?: unknown;
  /** Secret values of the call (API token, a password that was sent) to scrub from every rendering. */
  secrets?: readonly string[];
}

/** Base class of every error thrown by the SIP endpoints client. */
export class SipEndpointsError extends Error {
  /** The kind the guards recognise; every subclass names its own. */
  static readonly kind: string = "SipEndpointsError";
  // A private field: `util.inspect` and `JSON.stringify` never see it.
  readonly #secrets: readonly string[];

  constructor(message: string, context: ErrorContext = {}) {
    const secrets = context.secrets ?? [];
    super(redactText(message, secrets), context.cause === undefined ? undefined : { cause: context.cause });
    this.#secrets = secrets;
    const kinds: string[] = [];
    for (let c: unknown = new.target; typeof c === "function"; c = Object.getPrototypeOf(c)) {
      if (Object.prototype.hasOwnProperty.call(c, "kind")) kinds.push((c as unknown as { kind: string }).kind);
    }
    Object.defineProperty(this, KINDS, { value: kinds });
    // A subclass of the user's own (without a `kind`) keeps its class name.
    this.name = Object.prototype.hasOwnProperty.call(new.target, "kind") ? new.target.kind : new.target.name;
  }

  /** Scrubs a value with this error's secrets; for subclasses that store data from the exchange. */
  protected scrub<T>(value: T): T {
    return redactValue(value, this.#secrets);
  }

  /** A plain, secret-free rendering: own fields, plus the cause's name and (scrubbed) message. */
  toJSON(): Record<string, unknown> {
    const own: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) if (key !== "cause") own[key] = value;
    const cause = this.cause;
    if (cause !== undefined) {
      own.cause = cause instanceof Error ? { name: cause.name, message: cause.message } : String(cause);
    }
    return redactValue(own, this.#secrets);
  }

  /** `console.log(error)` and `util.inspect(error)`: the usual rendering, scrubbed as a whole. */
  [INSPECT_CUSTOM](_depth: number, options: object, inspect: Inspect): string {
    return redactText(inspect(this, { ...options, customInspect: false }), this.#secrets);
  }
}

/** The client's options (or the environment it reads) are unusable; thrown by `createSipEndpointsClient`. */
export class ConfigError extends SipEndpointsError {
  static override readonly kind: string = "ConfigError";
  constructor(
    message: string,
    /** The option at fault, e.g. `apiToken` or `space`. */
    readonly option: string,
    context: ErrorContext = {},
  ) {
    super(message, context);
  }
}

/** A call's own arguments are unusable (an empty id, an unknown operation); nothing was sent. */
export class ArgumentError extends SipEndpointsError {
  static override readonly kind: string = "ArgumentError";
}

/** Facts shared by failures of one HTTP call. */
export interface CallFacts {
  method: string;
  /** The request URL; it never carries credentials. */
  url: string;
  /** How many attempts were made, retries included. */
  attempts: number;
}

abstract class CallError extends SipEndpointsError {
  static override readonly kind: string = "CallError";
  readonly method: string;
  readonly url: string;
  readonly attempts: number;

  constructor(facts: CallFacts, message: string, context: ErrorContext) {
    super(`${facts.method} ${facts.url} ${message}`, context);
    this.method = facts.method;
    this.url = redactText(facts.url, context.secrets ?? []);
    this.attempts = facts.attempts;
  }
}

/** No complete answer arrived within `timeoutMs` (per attempt, body included). */
export class TimeoutError extends CallError {
  static override readonly kind: string = "TimeoutError";
  constructor(
    facts: CallFacts,
    readonly timeoutMs: number,
    context: ErrorContext = {},
  ) {
    super(facts, `timed out after ${timeoutMs} ms (${plural(facts.attempts, "attempt")})`, context);
  }
}

/** The request did not get an HTTP answer at all: refused connection, reset, DNS failure… */
export class NetworkError extends CallError {
  static override readonly kind: string = "NetworkError";
  constructor(
    facts: CallFacts,
    readonly code: string | undefined,
    context: ErrorContext = {},
  ) {
    super(
      facts,
      `failed without an HTTP answer${code ? ` (${code})` : ""} after ${plural(facts.attempts, "attempt")}`,
      context,
    );
  }
}

/** The response body exceeded `maxResponseBytes`; reading stopped there. */
export class ResponseTooLargeError extends CallError {
  static override readonly kind: string = "ResponseTooLargeError";
  constructor(
    facts: CallFacts,
    readonly status: number,
    readonly limitBytes: number,
    context: ErrorContext = {},
  ) {
    super(facts, `answered ${status} with a body larger than the ${limitBytes}-byte limit`, context);
  }
}

/** The caller's abort signal fired; the call stopped and will not be retried. */
export class AbortedError extends CallError {
  static override readonly kind: string = "AbortedError";
  constructor(facts: CallFacts, context: ErrorContext = {}) {
    super(facts, "was aborted by the caller", context);
  }
}

/**
 * A URL the client was asked to follow (a `links.next`, or `send({ url })`) points to another
 * origin or carries credentials. It was not requested, so the credentials went nowhere.
 */
export class OriginRefusedError extends SipEndpointsError {
  static override readonly kind: string = "OriginRefusedError";
  readonly url: string;

  constructor(
    url: string,
    readonly expectedOrigin: string,
    reason: string,
    context: ErrorContext = {},
  ) {
    super(`refused to request ${url}: ${reason} (the client only sends credentials to ${expectedOrigin})`, context);
    this.url = redactText(url, context.secrets ?? []);
  }
}

/** `listAll` met a page walk that cannot end well, e.g. a `links.next` it has already followed. */
export class PaginationError extends SipEndpointsError {
  static override readonly kind: string = "PaginationError";
  constructor(
    readonly url: string,
    readonly pages: number,
    reason: string,
  ) {
    super(`stopped walking pages at ${url} after ${plural(pages, "page")}: ${reason}`);
  }
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Whether a value is any error of this client. */
export const isSipEndpointsError = errorGuard(SipEndpointsError);
export const isConfigError = errorGuard(ConfigError);
export const isArgumentError = errorGuard(ArgumentError);
export const isTimeoutError = errorGuard(TimeoutError);
export const isNetworkError = errorGuard(NetworkError);
export const isResponseTooLargeError = errorGuard(ResponseTooLargeError);
export const isAbortedError = errorGuard(AbortedError);
export const isOriginRefusedError = errorGuard(OriginRefusedError);
export const isPaginationError = errorGuard(PaginationError);
