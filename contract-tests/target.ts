/**
 * Which API the contract suite checks. By default the embedded mock, started in-process on a free
 * port. With `CONTRACT_TARGET=live`, whatever the `SIGNALWIRE_*` variables name, resolved exactly
 * as `npm run drift -- --target live` resolves them (`SIGNALWIRE_BASE_URL` may point at any
 * server, a local one included).
 *
 * `CONTRACT_MODE` (read-only | read-write) and `CONTRACT_FAIL_ON` (breaking | warning | info)
 * adjust the run; the defaults are those of the drift job.
 */
import { resolvePlan, type DriftPlan } from "../src/cli/drift-plan";
import {
  connect,
  createDriftSend,
  DRIFT_DEFAULTS,
  MOCK_TIMEOUT_MS,
  startEmbeddedMock,
  type DriftMode,
  type DriftRunOptions,
} from "../src/drift";

export interface ContractTarget {
  description: string;
  run: Pick<DriftRunOptions, "target" | "send" | "mode" | "failOn" | "maxPages">;
  close(): Promise<void>;
}

/** The mode the suite runs in, known before any request (the tests it defines depend on it). */
export function contractMode(env: Record<string, string | undefined>): DriftMode {
  const kind = env.CONTRACT_TARGET ?? "mock";
  const mode = env.CONTRACT_MODE || (kind === "live" ? "read-only" : "read-write");
  if (mode !== "read-only" && mode !== "read-write")
    throw new Error(`CONTRACT_MODE must be "read-only" or "read-write", not ${JSON.stringify(mode)}`);
  return mode;
}

export async function startContractTarget(env: Record<string, string | undefined>): Promise<ContractTarget> {
  const kind = env.CONTRACT_TARGET ?? "mock";
  if (kind !== "mock" && kind !== "live")
    throw new Error(`CONTRACT_TARGET must be "mock" or "live", not ${JSON.stringify(kind)}`);
  const plan: DriftPlan = resolvePlan(
    { target: kind, mode: env.CONTRACT_MODE || undefined, "fail-on": env.CONTRACT_FAIL_ON || undefined },
    env,
    DRIFT_DEFAULTS,
  );
  if (plan.target.kind === "mock") {
    const mock = await startEmbeddedMock();
    return {
      description: `the embedded mock (${plan.mode})`,
      run: {
        target: mock,
        send: createDriftSend(mock, { timeoutMs: MOCK_TIMEOUT_MS }),
        mode: plan.mode,
        failOn: plan.failOn,
        maxPages: plan.maxPages,
      },
      close: () => mock.close(),
    };
  }
  if (plan.target.kind !== "live") throw new Error("internal: the contract suite has no replay");
  const { baseUrl, space, credentials } = plan.target;
  const connected = connect({ baseUrl, space }, credentials, { proxyEnv: env });
  return {
    description: `${connected.baseUrl} (${plan.mode})`,
    run: {
      target: { kind: "live", baseUrl: connected.baseUrl, credentials },
      send: connected.send,
      mode: plan.mode,
      failOn: plan.failOn,
      maxPages: plan.maxPages,
    },
    close: async () => {},
  };
}
