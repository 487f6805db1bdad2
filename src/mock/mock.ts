/**
 * One mock: the store, the honest core, the fault in force, the overrides and the record of
 * requests. `createMock` hands it out as a `fetch` function (no port, no process); the HTTP
 * server (`startMockServer`) serves the very same object over a socket.
 */
import { specFacts } from "../../generated/spec-facts";
import { parseJson } from "../json-text";
import { credentialSecrets, redactValue } from "../redact";
import { matchOperation } from "../spec";
import { createMockCore } from "./core";
import { MockConfigError, resolveCredentials, type CredentialSource } from "./credentials";
import type { CoreDeps } from "./deps";
import { FAULT_PROFILES, type FaultName, type FaultOptions, type FaultProfile } from "./faults";
import { isMockRequest, mockRequestOf, responseOf } from "./fetch";
import { checkOptions, checkProfile, type MockOptions } from "./options";
import { answerOverride, Overrides, type MockOverride } from "./override";
import { createIdSource } from "./random";
import { seedEndpoints, seedStore } from "./seed";
import { EndpointStore } from "./store";
import {
  isPromised,
  type Credentials,
  type MockHandler,
  type MockRequest,
  type MockResponse,
  type SipEndpoint,
} from "./types";
import { specValidator } from "./validation";

/** The path every operation lives under, taken from the spec's server URL (`/api/relay/rest`). */
export const API_BASE_PATH: string = specFacts.basePath;

/**
 * Where an in-process mock says it lives. `.invalid` never resolves (RFC 2606): a client that was
 * given this URL but not `mock.fetch` fails at once instead of reaching anything.
 */
const IN_PROCESS_ORIGIN = "https://sip-endpoints-mock.invalid";

export interface Mock {
  /** Base URL to hand to a client (no trailing slash). */
  readonly url: string;
  readonly credentials: Credentials;
  /** Where the accepted credentials came from; a CLI prints the token only when it is the demo one. */
  readonly credentialSource: CredentialSource;
  /** The fault profile in force: its name, `"custom"` for a profile object, undefined when honest. */
  readonly fault: FaultName | "custom" | undefined;
  /** Answers like the server, in process: pass it as the client's `fetch`. Any origin is served; the path decides. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** A copy of the stored endpoints, newest first. */
  endpoints(): SipEndpoint[];
  /** How many endpoints are stored (cheap, unlike `endpoints().length` on a large store). */
  count(): number;
  /** Empties the store and seeds it again as at start (same seed, same ids); forgets recorded requests and overrides. */
  reset(): void;
  /**
   * Switches the fault profile (`null` for honest answers), by name or as a profile object of your
   * own, so a test can make the API drift without a restart. The store is kept.
   */
  setFault(fault: FaultName | FaultProfile | null, options?: FaultOptions): void;
  /** Answers the next `times` (default 1) requests of an operation as given; see `MockOverride`. */
  override(given: MockOverride): void;
  /** The requests received, oldest first (the last 1,000), credentials and passwords scrubbed. */
  requests(): RecordedRequest[];
  /** Lets go of everything waiting (slow faults, delayed overrides); later requests are refused. */
  close(): Promise<void>;
}

/** A request as the mock received it, for a test to assert what the app sent. */
export interface RecordedRequest {
  method: string;
  /** Below the API base, e.g. `/endpoints/sip/6f0f…`. */
  path: string;
  /** Each parameter's value; a repeated one keeps all of them, in order. */
  query: Record<string, string | string[]>;
  /** The parsed JSON body; the text when it is not JSON; undefined for none. */
  body: unknown;
  /** Lower-case names; `authorization` (and any other secret-named header) is `[REDACTED]`. */
  headers: Record<string, string>;
}

/** How many requests `requests()` keeps: enough for a test, bounded for a long-running mock. */
const RECORDED_REQUESTS = 1_000;

const AUTHORITY = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The mock and the handler its transports (fetch, HTTP) call. */
export interface OpenedMock {
  mock: Omit<Mock, "url" | "fetch">;
  /** Records the request, then answers it: an override, the fault, or the honest core. */
  serve: MockHandler;
  /** Aborted by `close()`. */
  closing: AbortSignal;
}

/**
 * Builds a mock. `fallbackUrl` is the base URL links use when a request names no usable host
 * (the server's listening address, or the in-process origin).
 */
export function openMock(options: MockOptions, fallbackUrl: () => string): OpenedMock {
  checkOptions(options);
  const { credentials, source } = resolveCredentials(options, options.env ?? process.env);
  const seeded = options.endpoints ? seedEndpoints(options.endpoints) : [];
  let newId = createIdSource(options.seed);
  let store = new EndpointStore();
  const fill = () => {
    for (const endpoint of seeded) store.insert(structuredClone(endpoint));
    seedStore(store, options.seedCount ?? 0, newId);
  };
  fill();

  // A ring of the last requests: serving one costs a slot write, never a shift of the whole list.
  const received: MockRequest[] = [];
  let next = 0;
  const overrides = new Overrides();

  const configured = options.publicUrl?.replace(/\/+$/, "");
  // The Host header names the authority the client used (a proxy, a port mapping, 0.0.0.0 reached
  // as localhost); a value that is no plain authority falls back to the listening address.
  const publicUrl = (request: MockRequest): string => {
    if (configured !== undefined) return configured;
    const host = request.headers?.host;
    return typeof host === "string" && AUTHORITY.test(host)
      ? `${request.scheme ?? "http"}://${host}${API_BASE_PATH}`
      : fallbackUrl();
  };

  let fault: FaultName | "custom" | undefined = options.fault;
  let profile: FaultProfile | undefined = options.fault ? FAULT_PROFILES[options.fault] : undefined;
  let faultOptions = options.faultOptions ?? {};
  let faultStop = new AbortController();
  const closing = new AbortController();
  let handler: MockHandler;
  const install = () => {
    faultStop.abort();
    faultStop = new AbortController();
    const honest: CoreDeps = { store, credentials, newId, validator: specValidator, publicUrl };
    const core = createMockCore(profile?.configure ? profile.configure(honest) : honest);
    handler = profile?.wrap
      ? profile.wrap(core, {
          options: faultOptions,
          credentials,
          signal: AbortSignal.any([closing.signal, faultStop.signal]),
        })
      : core;
  };
  install();
  const secrets = credentialSecrets(credentials.projectId, credentials.apiToken);

  const serve: MockHandler = (request) => {
    received[next % RECORDED_REQUESTS] = request;
    next += 1;
    const match = matchOperation(request.method, request.path);
    const overridden = "operationId" in match ? overrides.take(match.operationId) : undefined;
    return overridden ? answerOverride(overridden, () => handler(request), closing.signal) : handler(request);
  };

  const mock: OpenedMock["mock"] = {
    credentials: { ...credentials },
    credentialSource: source,
    get fault() {
      return fault;
    },
    endpoints: () => structuredClone(store.all()),
    count: () => store.size,
    reset() {
      newId = createIdSource(options.seed);
      store = new EndpointStore();
      fill();
      received.length = 0;
      next = 0;
      overrides.clear();
      install();
    },
    setFault(given, givenOptions) {
      if (given !== null && typeof given === "object") {
        checkProfile(given, givenOptions);
        fault = "custom";
        profile = given;
      } else {
        const name = given ?? undefined;
        checkOptions({ fault: name, faultOptions: givenOptions });
        fault = name;
        profile = name ? FAULT_PROFILES[name] : undefined;
      }
      faultOptions = givenOptions ?? {};
      install();
    },
    override: (given) => overrides.add(given),
    requests: () => {
      // Until the ring wraps, the split falls at its end (or start), which keeps the order as received.
      const split = next % RECORDED_REQUESTS;
      const oldestFirst = [...received.slice(split), ...received.slice(0, split)];
      return oldestFirst.map((request) => recordOf(request, secrets));
    },
    close: async () => closing.abort(),
  };
  return { mock, serve, closing: closing.signal };
}

/**
 * A mock in this process: `mock.fetch` answers like `startMockServer`'s server (same core, state,
 * faults and overrides), with no port opened. `port`, `host` are the server's options and are
 * refused here.
 */
export function createMock(options: Omit<MockOptions, "port" | "host"> = {}): Mock {
  for (const key of ["port", "host"] as const) {
    if ((options as MockOptions)[key] !== undefined)
      throw new MockConfigError(`${key} is an option of startMockServer; createMock opens no port`);
  }
  const url = options.publicUrl?.replace(/\/+$/, "") ?? `${IN_PROCESS_ORIGIN}${API_BASE_PATH}`;
  const { mock, serve, closing } = openMock(options, () => url);
  return Object.assign(withGetters(mock), {
    url,
    fetch: (input: string | URL | Request, init?: RequestInit) =>
      answerFetch(new Request(input, init), serve, closing, options.onInternalError ?? reportInternalError),
  });
}

/** Copies an object's accessors as accessors (a spread would freeze `fault` at its value now). */
export function withGetters<T extends object>(source: T): T {
  return Object.defineProperties({}, Object.getOwnPropertyDescriptors(source)) as T;
}

async function answerFetch(
  request: Request,
  serve: MockHandler,
  closing: AbortSignal,
  onInternalError: (error: unknown) => void,
): Promise<Response> {
  const signal = request.signal;
  signal.throwIfAborted();
  if (closing.aborted) throw new TypeError("fetch failed: the mock is closed");
  const parsed = await mockRequestOf(request, API_BASE_PATH);
  signal.throwIfAborted();
  if (!isMockRequest(parsed)) return responseOf(parsed);
  let answer: MockResponse;
  try {
    const given = serve({ ...parsed, scheme: request.url.startsWith("https:") ? "https" : "http" });
    answer = isPromised(given) ? await untilAborted(given, signal) : given;
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    if (closing.aborted) throw new TypeError("fetch failed: the mock closed before answering", { cause: error });
    onInternalError(error);
    answer = { status: 500, body: { error: "Internal Server Error" } };
  }
  return responseOf(answer);
}

/** A pending answer, given up when the caller aborts (as `fetch` gives up a request). */
function untilAborted<T>(answer: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    // Stryker disable next-line BooleanLiteral,ObjectLiteral: the listener is removed when the answer settles, and a second reject is a no-op
    signal.addEventListener("abort", onAbort, { once: true });
    // Stryker disable StringLiteral: removing the listener of a request that is over is not observable; it only frees it
    answer.then(
      (value) => (signal.removeEventListener("abort", onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener("abort", onAbort), reject(error)),
    );
    // Stryker restore StringLiteral
  });
}

function recordOf(request: MockRequest, secrets: readonly string[]): RecordedRequest {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(request.query)) {
    const held = query[name];
    query[name] = held === undefined ? value : ([] as string[]).concat(held, value);
  }
  const parsed = request.bodyText === "" ? undefined : parseJson(request.bodyText);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {}))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  const body = parsed === undefined ? undefined : parsed.ok ? parsed.value : request.bodyText;
  return redactValue({ method: request.method, path: request.path, query, body, headers }, secrets);
}

/** A bug in the mock is answered as a documented 500, and never swallowed: its stack goes to stderr. Exported for its test. */
export function reportInternalError(error: unknown): void {
  process.stderr.write(
    `sip-endpoints-mock: an internal error was answered as 500: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
}
