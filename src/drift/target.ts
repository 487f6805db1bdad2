/**
 * What a run is pointed at: the embedded mock (started in-process on an ephemeral port) or a live
 * Space, and the client `send` configured for it.
 */
import { createSipEndpointsClient, type FetchLike, type RetryPolicy } from "../client";
import { startMockServer, type FaultName, type FaultOptions, type MockServer } from "../mock";
import type { DriftCredentials, SendFn } from "./types";

export interface DriftTarget {
  kind: "mock" | "live";
  baseUrl: string;
  credentials: DriftCredentials;
  fault?: FaultName;
  /** The mock, when the target is one this process started. */
  mock?: MockServer;
  /** Stops what was started (the mock); nothing for a live target. */
  close(): Promise<void>;
}

/** Endpoints the embedded mock starts with: enough for a walk of three pages at the default page size. */
export const MOCK_SEED_COUNT = 120;
/** A local mock answers in milliseconds; waiting longer only delays the verdict on `slow`. */
export const MOCK_TIMEOUT_MS = 2_000;

export async function startEmbeddedMock(
  options: { fault?: FaultName; faultOptions?: FaultOptions; seedCount?: number } = {},
): Promise<DriftTarget> {
  const mock = await startMockServer({
    port: 0,
    fault: options.fault,
    faultOptions: options.faultOptions,
    seedCount: options.seedCount ?? MOCK_SEED_COUNT,
    // The mock's own demo credentials, never whatever SIGNALWIRE_* the environment holds.
    env: {},
  });
  return {
    kind: "mock",
    baseUrl: mock.url,
    credentials: mock.credentials,
    fault: options.fault,
    mock,
    close: () => mock.close(),
  };
}

export interface SendOptions {
  fetch?: FetchLike;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read (nothing else of it is); default none. */
  proxyEnv?: Record<string, string | undefined>;
  allowInsecureHttp?: boolean;
}

const PROXY_VARIABLES = ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY"];

/**
 * The client's `send` for a base URL (or a Space name, which the client turns into its URL). A
 * drift run retries what a careful caller would (429 with its `Retry-After`, and 5xx on reads): a
 * transient failure is not drift. Throws the client's `ConfigError` for an unusable URL or
 * credentials, before any request.
 */
export function connect(
  where: { baseUrl?: string; space?: string },
  credentials: DriftCredentials,
  options: SendOptions = {},
): { send: SendFn; baseUrl: string } {
  const client = createSipEndpointsClient({
    ...(where.baseUrl !== undefined ? { baseUrl: where.baseUrl } : { space: where.space }),
    projectId: credentials.projectId,
    apiToken: credentials.apiToken,
    // Only the proxy variables: the target and credentials are the plan's, never ambient SIGNALWIRE_*.
    env: Object.fromEntries(PROXY_VARIABLES.map((name) => [name, options.proxyEnv?.[name]])),
    allowInsecureHttp: options.allowInsecureHttp,
    // The runtime's fetch unless one is given: the action's one-file bundle carries no undici, and a
    // drift run's requests are few (pages of up to 1,000) and wait on the server, not the client.
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: { statuses: [429, 500, 502, 503, 504], ...options.retry },
    userAgent: "sip-endpoints-drift",
  });
  return { send: (request) => client.send(request), baseUrl: client.baseUrl };
}

/** `connect` for a target that already knows its base URL (the embedded mock, a test's server). */
export function createDriftSend(
  target: Pick<DriftTarget, "baseUrl" | "credentials">,
  options: SendOptions = {},
): SendFn {
  return connect({ baseUrl: target.baseUrl }, target.credentials, options).send;
}
