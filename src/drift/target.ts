/**
 * What a run is pointed at: the embedded mock (started in-process on an ephemeral port) or a live
 * Space, and the client `send` configured for it.
 */
import { createSipEndpointsClient, type FetchLike, type RetryPolicy } from "../client";
import { startMockServer, type FaultName, type FaultOptions, type MockServer } from "../mock";
import type { DriftCredentials, SendFn, TargetKind } from "./types";

export interface DriftTarget {
  kind: TargetKind;
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

export async function startEmbeddedMock(options: { fault?: FaultName; faultOptions?: FaultOptions; seedCount?: number } = {}): Promise<DriftTarget> {
  const mock = await startMockServer({
    port: 0,
    fault: options.fault,
    faultOptions: options.faultOptions,
    seedCount: options.seedCount ?? MOCK_SEED_COUNT,
    // The mock's own demo credentials, never whatever SIGNALWIRE_* the environment holds.
    env: {},
  });
  return { kind: "mock", baseUrl: mock.url, credentials: mock.credentials, fault: options.fault, mock, close: () => mock.close() };
}

export function liveTarget(baseUrl: string, credentials: DriftCredentials): DriftTarget {
  return { kind: "live", baseUrl, credentials, close: async () => {} };
}

export interface SendOptions {
  fetch?: FetchLike;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

/**
 * The client's `send` for a target. A drift run retries what a careful caller would (429 with its
 * `Retry-After`, and 5xx on reads): a transient failure is not drift. Throws the client's
 * `ConfigError` for an unusable URL or credentials.
 */
export function createDriftSend(target: Pick<DriftTarget, "baseUrl" | "credentials">, options: SendOptions = {}): SendFn {
  const client = createSipEndpointsClient({
    baseUrl: target.baseUrl,
    projectId: target.credentials.projectId,
    apiToken: target.credentials.apiToken,
    env: {},
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: { statuses: [429, 500, 502, 503, 504], ...options.retry },
    userAgent: "sip-endpoints-drift",
  });
  return (request) => client.send(request);
}
