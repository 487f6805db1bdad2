/**
 * The options of `startMockServer`, checked up front so a typo fails with a message naming the
 * option instead of surfacing later as odd behaviour.
 */
import {
  FAULT_NAMES,
  FAULT_OPTION_NAMES,
  FAULT_PROFILES,
  isFaultName,
  type FaultName,
  type FaultOptions,
  type FaultProfile,
} from "./faults";
import { MockConfigError } from "./credentials";
import type { SipEndpoint } from "./types";

export interface MockOptions {
  /** Port to listen on; 0 (the default) picks a free one. The CLI defaults to 4010. */
  port?: number;
  /** Interface to listen on; default "127.0.0.1". */
  host?: string;
  /** Accepted credentials; give both or neither. Default: the environment's pair when both are set, else `DEMO_CREDENTIALS`. */
  projectId?: string;
  apiToken?: string;
  /** Drift on purpose in one named way (see `FAULT_PROFILES`). */
  fault?: FaultName;
  faultOptions?: FaultOptions;
  /** Pre-fill this many endpoints (`seed-00001`, …). */
  seedCount?: number;
  /**
   * Endpoints stored at start (and again on `reset()`), oldest first, before the `seedCount` ones;
   * each must be a valid SIP endpoint of the spec, with an id and a username of its own.
   */
  endpoints?: readonly SipEndpoint[];
  /** Fixes the randomness (ids), so two mocks with the same seed and history answer alike. */
  seed?: number | string;
  /**
   * The API base URL as clients reach it (behind a proxy or a port mapping), e.g.
   * `https://mock.example.test/api/relay/rest`; absolute page links start with it. Default: built
   * from each request's `Host` header, so links point where the request came to.
   */
  publicUrl?: string;
  /** Where credentials are looked up; default `process.env`. Tests pass their own. */
  env?: Record<string, string | undefined>;
  /**
   * Told of an error inside the mock itself (a bug, never the client's doing), which the client
   * gets as a documented 500. Default: the error's stack on stderr, so it is never lost; a test
   * passes its own to fail on it.
   */
  onInternalError?: (error: unknown) => void;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.search === "" && url.hash === "";
  } catch {
    return false;
  }
}

const isWhole = (value: unknown, min: number, max: number) =>
  typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;

/** Throws `MockConfigError` naming the first bad option. */
export function checkOptions(options: MockOptions): void {
  const { port, host, fault, faultOptions, seedCount, seed } = options;
  if (port !== undefined && !isWhole(port, 0, 65535))
    throw new MockConfigError(`port must be a whole number from 0 to 65535, not ${String(port)}`);
  if (host !== undefined && (typeof host !== "string" || host.trim() === ""))
    throw new MockConfigError("host must be a non-empty string");
  if (fault !== undefined && !isFaultName(String(fault))) {
    throw new MockConfigError(`unknown fault "${String(fault)}"; known faults: ${FAULT_NAMES.join(", ")}`);
  }
  if (seedCount !== undefined && !isWhole(seedCount, 0, 10_000_000)) {
    throw new MockConfigError(`seedCount must be a whole number from 0 to 10000000, not ${String(seedCount)}`);
  }
  if (options.publicUrl !== undefined && !isHttpUrl(options.publicUrl)) {
    throw new MockConfigError(
      `publicUrl must be an absolute http:// or https:// URL, not ${JSON.stringify(String(options.publicUrl))}`,
    );
  }
  if (seed !== undefined && !(typeof seed === "string" || (typeof seed === "number" && Number.isFinite(seed)))) {
    throw new MockConfigError("seed must be a string or a finite number");
  }
  if (options.onInternalError !== undefined && typeof options.onInternalError !== "function")
    throw new MockConfigError("onInternalError must be a function");
  checkFaultOptions(
    faultOptions,
    fault === undefined ? undefined : String(fault),
    fault !== undefined ? (FAULT_PROFILES[fault as FaultName].options ?? []) : [],
  );
}

/** A profile object of the caller's own: its functions and the options it reads. */
export function checkProfile(profile: FaultProfile, options: FaultOptions | undefined): void {
  if (profile.wrap === undefined && profile.configure === undefined)
    throw new MockConfigError("a fault profile needs wrap(next, context) or configure(deps), or both");
  for (const key of ["wrap", "configure"] as const) {
    if (profile[key] !== undefined && typeof profile[key] !== "function")
      throw new MockConfigError(`the fault profile's ${key} must be a function`);
  }
  checkFaultOptions(options, "custom", profile.options ?? []);
}

function checkFaultOptions(
  faultOptions: FaultOptions | undefined,
  fault: string | undefined,
  reads: readonly string[],
): void {
  for (const [name, value] of Object.entries(faultOptions ?? {})) {
    if (!(FAULT_OPTION_NAMES as readonly string[]).includes(name)) {
      throw new MockConfigError(`unknown fault option "${name}"; known options: ${FAULT_OPTION_NAMES.join(", ")}`);
    }
    if (value !== undefined && !isWhole(value, 0, 86_400_000))
      throw new MockConfigError(`faultOptions.${name} must be a whole number of 0 or more, not ${String(value)}`);
    if (value !== undefined && !reads.includes(name)) {
      throw new MockConfigError(
        `faultOptions.${name} has no effect ${fault === undefined ? "without a fault" : `on the ${fault} fault, which reads ${reads.length > 0 ? reads.join(", ") : "no option"}`}`,
      );
    }
  }
}
