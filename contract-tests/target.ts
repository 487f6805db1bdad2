/**
 * Which API the contract suite checks. By default the embedded mock, started in-process on a free
 * port. With `CONTRACT_TARGET=live`, whatever the `SIGNALWIRE_*` variables name, resolved exactly
 * as `npm run drift -- --target live` resolves them (`SIGNALWIRE_BASE_URL` may point at any
 * server, a local one included).
 *
 * `CONTRACT_MODE` (read-only | read-write) and `CONTRACT_FAIL_ON` (breaking | warning | info)
 * adjust the run; the defaults are those of the drift job.
 */
import {
  defaultMode,
  DRIFT_MODES,
  JOB_DEFAULTS,
  liveTargetFromEnv,
  openTarget,
  type DriftJob,
  type DriftMode,
  type DriftRunOptions,
} from "../src/drift";
import { SEVERITIES, type Severity } from "../src/checks";

export interface ContractTarget {
  description: string;
  run: Pick<DriftRunOptions, "target" | "send" | "mode" | "failOn" | "maxPages">;
  close(): Promise<void>;
}

/** The mode the suite runs in, known before any request (the tests it defines depend on it). */
export function contractMode(env: Record<string, string | undefined>): DriftMode {
  const kind = env.CONTRACT_TARGET === "live" ? "live" : "mock";
  const mode = env.CONTRACT_MODE || defaultMode(kind);
  if (!(DRIFT_MODES as readonly string[]).includes(mode))
    throw new Error(`CONTRACT_MODE must be "read-only" or "read-write", not ${JSON.stringify(mode)}`);
  return mode as DriftMode;
}

/** The drift job the CONTRACT_* and SIGNALWIRE_* variables describe. */
function contractJob(env: Record<string, string | undefined>): DriftJob {
  const kind = env.CONTRACT_TARGET ?? "mock";
  if (kind !== "mock" && kind !== "live")
    throw new Error(`CONTRACT_TARGET must be "mock" or "live", not ${JSON.stringify(kind)}`);
  const failOn = env.CONTRACT_FAIL_ON || JOB_DEFAULTS.failOn;
  if (!(SEVERITIES as readonly string[]).includes(failOn))
    throw new Error(`CONTRACT_FAIL_ON must be one of ${SEVERITIES.join(", ")}, not ${JSON.stringify(failOn)}`);
  let target: DriftJob["target"] = { kind: "mock" };
  if (kind === "live") {
    const live = liveTargetFromEnv(env);
    if ("missing" in live)
      throw new Error(
        `CONTRACT_TARGET=live needs ${[...live.missing.credentials, ...(live.missing.address ? ["SIGNALWIRE_BASE_URL or SIGNALWIRE_SPACE"] : [])].join(" and ")}`,
      );
    target = live;
  }
  return {
    target,
    mode: contractMode(env),
    failOn: failOn as Severity,
    maxPages: JOB_DEFAULTS.maxPages,
    harPages: JOB_DEFAULTS.harPages,
    fixtures: {},
    minCoverage: {},
  };
}

export async function startContractTarget(env: Record<string, string | undefined>): Promise<ContractTarget> {
  const job = contractJob(env);
  if (job.target.kind === "replay") throw new Error("internal: the contract suite has no replay");
  const opened = await openTarget(job.target, { proxyEnv: env });
  return {
    description: `${job.target.kind === "mock" ? "the embedded mock" : opened.target.baseUrl} (${job.mode})`,
    run: { target: opened.target, send: opened.send, mode: job.mode, failOn: job.failOn, maxPages: job.maxPages },
    close: () => opened.close(),
  };
}
