/**
 * The mock command (`npm run mock`, the `sip-endpoints-mock` bin): starts the stateful mock of the
 * SIP endpoint API and keeps it running until the process is asked to stop. Exit 0 on a clean stop
 * or after --help, 2 on a usage error.
 */
import {
  DEMO_CREDENTIALS,
  FAULT_NAMES,
  FAULT_OPTION_NAMES,
  FAULT_PROFILES,
  startMockServer,
  type MockOptions,
} from "../mock";
import { defineCommand, UsageError, type OptionValues } from "./command";
import { faultOption } from "./fault-flag";

export const DEFAULT_PORT = 4010;

const OPTIONS = {
  port: { kind: "count", min: 0, max: 65535, help: `port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)` },
  host: { kind: "text", value: "HOST", help: "interface to listen on (default 127.0.0.1)" },
  "public-url": {
    kind: "text",
    value: "URL",
    help: "the API base URL as clients reach it (a proxy, a port mapping);\npage links start with it (default: from each request's Host header)",
  },
  "seed-count": { kind: "count", min: 0, max: 10_000_000, help: "pre-fill N endpoints (seed-00001, seed-00002, …)" },
  seed: { kind: "text", value: "S", help: "fix the randomness, so ids repeat from run to run" },
  fault: faultOption("drift from the spec on purpose in one named way (see below)"),
  "fault-option": {
    kind: "pairs",
    of: "count",
    max: 86_400_000,
    keys: FAULT_OPTION_NAMES,
    value: "K=V",
    example: "latencyMs=500",
    help: `tune the fault; K is one of ${FAULT_OPTION_NAMES.join(", ")}`,
  },
} as const;

/** The command line's values as mock options. Throws UsageError. */
export function mockOptions(values: OptionValues<typeof OPTIONS>): MockOptions {
  const fault = values.fault;
  if (values["fault-option"] && values.fault === undefined)
    throw new UsageError("--fault-option tunes a fault; it needs --fault NAME");
  const options: MockOptions = {
    port: values.port ?? DEFAULT_PORT,
  };
  if (values.host !== undefined) options.host = values.host;
  if (values["public-url"] !== undefined) options.publicUrl = values["public-url"];
  if (values["seed-count"] !== undefined) options.seedCount = values["seed-count"];
  // A numeric seed means the same as that number given in code, so CLI and tests can share fixtures.
  if (values.seed !== undefined) options.seed = /^-?\d{1,15}$/.test(values.seed) ? Number(values.seed) : values.seed;
  if (fault !== undefined) options.fault = fault;
  if (values["fault-option"]) options.faultOptions = values["fault-option"];
  return options;
}

function faultList(): string {
  const wrap = (text: string, indent: string) => text.replace(/(.{1,88})(\s+|$)/g, `${indent}$1\n`).trimEnd();
  return [
    "Credentials: SIGNALWIRE_PROJECT_ID and SIGNALWIRE_API_TOKEN when both are set, else the demo pair",
    "printed at start (only one of the two set is refused).",
    "",
    "Faults:",
    ...FAULT_NAMES.flatMap((name) => [`  ${name}`, wrap(FAULT_PROFILES[name].description, "      ")]),
  ].join("\n");
}

export function mockCommand(invocation: string) {
  return defineCommand({
    invocation,
    summary: "Starts a stateful mock of SignalWire's SIP endpoint API (/api/relay/rest/endpoints/sip).",
    options: OPTIONS,
    epilog: faultList,
    async run({ values }, io) {
      const options = mockOptions(values);
      const line = (text: string) => io.stdout.write(`${text}\n`);
      const mock = await startMockServer({ ...options, env: io.env });
      const { projectId, apiToken } = mock.credentials;
      line("SIP endpoint mock listening");
      line(`  base URL     ${mock.url}`);
      if (mock.credentialSource === "demo") {
        line(`  project id   ${projectId}`);
        line(`  api token    ${apiToken}   (demo credentials, not a secret)`);
      } else {
        // A token from the environment is a real secret: say where the credentials come from, never print it.
        line(
          `  credentials  from SIGNALWIRE_PROJECT_ID / SIGNALWIRE_API_TOKEN (project ${projectId}; token not shown)`,
        );
      }
      line(`  endpoints    ${mock.count()} seeded${options.seed !== undefined ? ` (seed ${options.seed})` : ""}`);
      line(`  fault        ${mock.fault ?? "none (honest)"}`);
      if (mock.credentialSource === "demo" && projectId === DEMO_CREDENTIALS.projectId)
        line(`Try: curl -u ${projectId}:${apiToken} ${mock.url}/endpoints/sip`);
      line("Stop with Ctrl-C.");
      const reason = await stopped(io.signal);
      await mock.close();
      line(`mock stopped (${reason})`);
      return 0;
    },
  });
}

function stopped(signal: AbortSignal | undefined): Promise<string> {
  if (!signal) return new Promise(() => {});
  const reason = () => (signal.reason instanceof Error ? signal.reason.message : String(signal.reason));
  if (signal.aborted) return Promise.resolve(reason());
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(reason()), { once: true }));
}
