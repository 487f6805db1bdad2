/**
 * `startMockServer`: the store, the honest core, the chosen fault profile and the HTTP layer,
 * put together and listening.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { specFacts } from "../../generated/spec-facts";
import { parseJson } from "../json-text";
import { credentialSecrets, redactValue } from "../redact";
import { createMockCore } from "./core";
import { MockConfigError, resolveCredentials, type CredentialSource } from "./credentials";
import type { CoreDeps } from "./deps";
import { FAULT_PROFILES, type FaultName, type FaultOptions } from "./faults";
import { createRequestListener } from "./http";
import { checkOptions, type MockOptions } from "./options";
import { createIdSource } from "./random";
import { seedStore } from "./seed";
import { EndpointStore } from "./store";
import type { Credentials, MockHandler, MockRequest, SipEndpoint } from "./types";
import { specValidator } from "./validation";

/** The path every operation lives under, taken from the spec's server URL (`/api/relay/rest`). */
export const API_BASE_PATH: string = specFacts.basePath;

export interface MockServer {
  /** Base URL to hand to a client, e.g. "http://127.0.0.1:4010/api/relay/rest" (no trailing slash). */
  url: string;
  port: number;
  credentials: Credentials;
  /** Where the accepted credentials came from; a CLI prints the token only when it is the demo one. */
  credentialSource: CredentialSource;
  /** The fault profile in force now (`setFault` changes it). */
  readonly fault: FaultName | undefined;
  /** A copy of the stored endpoints, newest first. */
  endpoints(): SipEndpoint[];
  /** How many endpoints are stored (cheap, unlike `endpoints().length` on a large store). */
  count(): number;
  /** Empties the store and seeds it again as at start (same seed, same ids); forgets recorded requests. */
  reset(): void;
  /**
   * Switches the fault profile while running (`null` for honest answers), so a test can make the
   * API drift without a restart. The store is kept.
   */
  setFault(name: FaultName | null, options?: FaultOptions): void;
  /** The requests received, oldest first (the last 1,000), credentials and passwords scrubbed. */
  requests(): RecordedRequest[];
  /** Stops listening and closes idle and open connections. */
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

const AUTHORITY = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** How many requests `requests()` keeps: enough for a test, bounded for a long-running mock. */
const RECORDED_REQUESTS = 1_000;

/** Starts a mock of the SIP endpoint API. Several can run at once on ephemeral ports (port 0). */
export async function startMockServer(options: MockOptions = {}): Promise<MockServer> {
  checkOptions(options);
  const host = options.host ?? "127.0.0.1";
  const { credentials, source } = resolveCredentials(options, options.env ?? process.env);
  let newId = createIdSource(options.seed);
  let store = new EndpointStore();
  seedStore(store, options.seedCount ?? 0, newId);

  let handler: MockHandler | undefined;
  // A ring of the last requests: serving one costs a slot write, never a shift of the whole list.
  const received: MockRequest[] = [];
  let next = 0;
  const server = createServer(
    createRequestListener(
      API_BASE_PATH,
      () => handler!,
      (request) => {
        // Kept as received; turned into records only when asked for, so serving stays cheap.
        received[next % RECORDED_REQUESTS] = request;
        next += 1;
      },
      options.onInternalError ?? reportInternalError,
    ),
  );
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}${API_BASE_PATH}`;

  const configured = options.publicUrl?.replace(/\/+$/, "");
  // The Host header names the authority the client used (a proxy, a port mapping, 0.0.0.0 reached
  // as localhost); a value that is no plain authority falls back to the listening address.
  const publicUrl = (request: MockRequest): string => {
    if (configured !== undefined) return configured;
    const host = request.headers?.host;
    return typeof host === "string" && AUTHORITY.test(host) ? `http://${host}${API_BASE_PATH}` : url;
  };
  let fault = options.fault;
  let faultOptions = options.faultOptions ?? {};
  let faultStop = new AbortController();
  const closing = new AbortController();
  const install = () => {
    faultStop.abort();
    faultStop = new AbortController();
    const profile = fault ? FAULT_PROFILES[fault] : undefined;
    const honest: CoreDeps = { store, credentials, newId, validator: specValidator, publicUrl };
    const core = createMockCore(profile?.configure ? profile.configure(honest) : honest);
    handler = profile?.wrap ? profile.wrap(core, { options: faultOptions, credentials, signal: AbortSignal.any([closing.signal, faultStop.signal]) }) : core;
  };
  install();
  const secrets = credentialSecrets(credentials.projectId, credentials.apiToken);

  return {
    url,
    port,
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
      seedStore(store, options.seedCount ?? 0, newId);
      received.length = 0;
      next = 0;
      install();
    },
    setFault(name, given) {
      const next = name ?? undefined;
      checkOptions({ fault: next, faultOptions: given });
      fault = next;
      faultOptions = given ?? {};
      install();
    },
    requests: () => {
      // Until the ring wraps, the split falls at its end (or start), which keeps the order as received.
      const split = next % RECORDED_REQUESTS;
      const oldestFirst = [...received.slice(split), ...received.slice(0, split)];
      return oldestFirst.map((request) => recordOf(request, secrets));
    },
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function recordOf(request: MockRequest, secrets: readonly string[]): RecordedRequest {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(request.query)) {
    const held = query[name];
    query[name] = held === undefined ? value : ([] as string[]).concat(held, value);
  }
  const parsed = request.bodyText === "" ? undefined : parseJson(request.bodyText);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  const body = parsed === undefined ? undefined : parsed.ok ? parsed.value : request.bodyText;
  return redactValue({ method: request.method, path: request.path, query, body, headers }, secrets);
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(new MockConfigError(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`, { cause: error })),
    );
    server.listen(port, host, () => resolve());
  });
}

/** A bug in the mock is answered as a documented 500, and never swallowed: its stack goes to stderr. Exported for its test. */
export function reportInternalError(error: unknown): void {
  process.stderr.write(`sip-endpoints-mock: an internal error was answered as 500: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}
