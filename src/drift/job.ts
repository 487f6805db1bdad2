/**
 * A drift job in one shape, whoever describes it: the command's flags and configuration file (and
 * so the action's inputs, which are flags) and the contract suite each make a `DriftJob`;
 * `openTarget` reaches its target and `jobRunOptions` hands the rest to `runDrift`. Every default
 * of a job is written here, and nothing of a command line's spelling is.
 */
import type { Severity } from "../checks";
import type { FaultName } from "../mock";
import type { Criterion } from "./coverage";
import { DEFAULT_HAR_PAGES } from "./har";
import type { DriftPolicy } from "./policy";
import type { DriftRunOptions } from "./run";
import { connect, createDriftSend, MOCK_TIMEOUT_MS, startEmbeddedMock, type DriftTarget } from "./target";
import type { DriftCredentials, DriftMode, SendFn } from "./types";

export interface LiveJobTarget {
  kind: "live";
  /** The API's base URL, or else the Space whose URL the client derives. */
  baseUrl?: string;
  space?: string;
  credentials: DriftCredentials;
  /** Where the address came from (`given`: by the job's author, not the environment), for messages. */
  source: "given" | "SIGNALWIRE_BASE_URL" | "SIGNALWIRE_SPACE";
  /** A plain http:// base URL on a host other than loopback is allowed (a mock in another container). */
  allowInsecureHttp: boolean;
}

export type JobTarget =
  | { kind: "mock"; fault?: FaultName }
  /** A recording, judged again offline. */
  | { kind: "replay"; path: string }
  | LiveJobTarget;

export interface DriftJob {
  target: JobTarget;
  mode: DriftMode;
  /** Findings at or above it make the run drift. */
  failOn: Severity;
  /** Upper bound of the pages any one walk reads. */
  maxPages: number;
  /** Per request (each attempt), in ms; undefined for the target's own default. */
  timeoutMs?: number;
  /** The whole run, cleanup included, in ms. */
  maxDurationMs?: number;
  /** Pages followed through `links.next` that the recording keeps per step, besides the last. */
  harPages: number;
  /** Values for the create bodies' companion fields, above all the ids of the Space's own resources. */
  fixtures: Readonly<Record<string, string>>;
  /** Coverage required per criterion, in percent. */
  minCoverage: Readonly<Partial<Record<Criterion, number>>>;
  /** Checks switched off or re-graded, findings acknowledged. */
  policy?: DriftPolicy;
  /** Another copy of the spec to judge by, as given; undefined for the package's own. */
  spec?: string;
}

export const JOB_DEFAULTS = {
  failOn: "warning" as Severity,
  maxPages: 1000,
  harPages: DEFAULT_HAR_PAGES,
};

/** Read-write against the embedded mock, which nobody else uses; read-only against anything real. */
export function defaultMode(kind: JobTarget["kind"]): DriftMode {
  return kind === "mock" ? "read-write" : "read-only";
}

/**
 * The live target the environment names: credentials only from `SIGNALWIRE_PROJECT_ID` and
 * `SIGNALWIRE_API_TOKEN`, the address from `baseUrl` when the job's author gave one, else
 * `SIGNALWIRE_BASE_URL`, else `SIGNALWIRE_SPACE`. What is missing comes back as data, for the
 * caller to say in its own terms.
 */
export function liveTargetFromEnv(
  env: Record<string, string | undefined>,
  given: { baseUrl?: string; allowInsecureHttp?: boolean } = {},
): LiveJobTarget | { missing: { credentials: string[]; address: boolean } } {
  const projectId = env.SIGNALWIRE_PROJECT_ID;
  const apiToken = env.SIGNALWIRE_API_TOKEN;
  const credentials = [!projectId && "SIGNALWIRE_PROJECT_ID", !apiToken && "SIGNALWIRE_API_TOKEN"].filter(
    (name): name is string => typeof name === "string",
  );
  const baseUrl = given.baseUrl ?? (env.SIGNALWIRE_BASE_URL || undefined);
  const space = env.SIGNALWIRE_SPACE || undefined;
  const address = baseUrl === undefined && space === undefined;
  if (credentials.length > 0 || address) return { missing: { credentials, address } };
  return {
    kind: "live",
    ...(baseUrl !== undefined ? { baseUrl } : { space }),
    credentials: { projectId: projectId!, apiToken: apiToken! },
    source: given.baseUrl !== undefined ? "given" : baseUrl !== undefined ? "SIGNALWIRE_BASE_URL" : "SIGNALWIRE_SPACE",
    allowInsecureHttp: given.allowInsecureHttp === true,
  };
}

export interface OpenedTarget {
  target: Pick<DriftTarget, "kind" | "baseUrl" | "credentials" | "fault">;
  send: SendFn;
  close(): Promise<void>;
}

/**
 * The job's target, reached: the embedded mock started on a free port, or a client for the live
 * one. A malformed address is the client's `ConfigError`, before any request.
 */
export async function openTarget(
  target: Exclude<JobTarget, { kind: "replay" }>,
  options: { timeoutMs?: number | undefined; proxyEnv: Record<string, string | undefined> },
): Promise<OpenedTarget> {
  const { timeoutMs, proxyEnv } = options;
  if (target.kind === "mock") {
    const mock = await startEmbeddedMock({ fault: target.fault });
    return {
      target: mock,
      send: createDriftSend(mock, { timeoutMs: timeoutMs ?? MOCK_TIMEOUT_MS }),
      close: mock.close,
    };
  }
  const { baseUrl, space, credentials, allowInsecureHttp } = target;
  const connected = connect({ baseUrl, space }, credentials, {
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    proxyEnv,
    allowInsecureHttp,
  });
  return {
    target: { kind: "live", baseUrl: connected.baseUrl, credentials },
    send: connected.send,
    close: async () => {},
  };
}

/** What `runDrift` takes of a job, besides the target it was opened on. */
export function jobRunOptions(
  job: DriftJob,
): Pick<
  DriftRunOptions,
  "mode" | "failOn" | "maxPages" | "harPages" | "fixtures" | "minCoverage" | "policy" | "maxDurationMs"
> {
  return {
    mode: job.mode,
    failOn: job.failOn,
    maxPages: job.maxPages,
    harPages: job.harPages,
    fixtures: job.fixtures,
    minCoverage: job.minCoverage,
    ...(job.policy ? { policy: job.policy } : {}),
    ...(job.maxDurationMs !== undefined ? { maxDurationMs: job.maxDurationMs } : {}),
  };
}
