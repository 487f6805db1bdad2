/**
 * `npm run mock`: starts the stateful mock of the SIP endpoint API on 127.0.0.1 and keeps it
 * running until Ctrl-C (SIGINT) or SIGTERM. Argument parsing and printing only; the mock is
 * src/mock. Exit 0 on a clean stop or after --help, 2 on a usage error.
 */
import { parseArgs } from "node:util";
import {
  DEMO_CREDENTIALS,
  FAULT_NAMES,
  FAULT_OPTION_NAMES,
  FAULT_PROFILES,
  isFaultName,
  startMockServer,
  type FaultOptions,
  type MockOptions,
} from "../src/mock";
import { runMain } from "./cli";

export const DEFAULT_PORT = 4010;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Settles when the mock should stop (a signal in real use); resolves with its name. */
  stop: Promise<string>;
}

class UsageError extends Error {}

const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  "seed-count": { type: "string" },
  seed: { type: "string" },
  fault: { type: "string" },
  "fault-option": { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
} as const;

export function usage(): string {
  const wrap = (text: string, indent: string) => text.replace(/(.{1,88})(\s+|$)/g, `${indent}$1\n`).trimEnd();
  return [
    "usage: npm run mock -- [options]",
    "",
    "Starts a stateful mock of SignalWire's SIP endpoint API (/api/relay/rest/endpoints/sip).",
    "",
    "options:",
    `  --port N             port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)`,
    "  --host HOST          interface to listen on (default 127.0.0.1)",
    "  --seed-count N       pre-fill N endpoints (seed-00001, seed-00002, …)",
    "  --seed S             fix the randomness, so ids repeat from run to run",
    "  --fault NAME         drift from the spec on purpose in one named way (see below)",
    `  --fault-option K=V   tune the fault; K is one of ${FAULT_OPTION_NAMES.join(", ")}`,
    "  -h, --help           show this help",
    "",
    "Credentials: SIGNALWIRE_PROJECT_ID and SIGNALWIRE_API_TOKEN when both are set, else the demo pair",
    "printed at start.",
    "",
    "faults:",
    ...FAULT_NAMES.flatMap((name) => [`  ${name}`, wrap(FAULT_PROFILES[name].description, "      ")]),
  ].join("\n");
}

function wholeNumber(flag: string, raw: string, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) > max) throw new UsageError(`--${flag} must be a whole number from 0 to ${max}, not "${raw}"`);
  return Number(raw);
}

function faultOptions(pairs: string[]): FaultOptions {
  const options: Record<string, number> = {};
  for (const pair of pairs) {
    const [key = "", value = ""] = pair.split("=", 2);
    if (!(FAULT_OPTION_NAMES as readonly string[]).includes(key)) {
      throw new UsageError(`unknown fault option "${key}" in --fault-option ${pair}; known: ${FAULT_OPTION_NAMES.join(", ")}`);
    }
    options[key] = wholeNumber(`fault-option ${key}`, value, 86_400_000);
  }
  return options;
}

/** Reads the command line into mock options; `"help"` when help was asked for. Throws UsageError. */
export function parseMockArgs(argv: string[]): MockOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== undefined && !code.startsWith("ERR_PARSE_ARGS")) throw error;
    const culprit = /'([^']+)'/.exec((error as Error).message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(`unknown option ${culprit}`);
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") throw new UsageError(`unexpected argument "${culprit}"`);
    // parseArgs words its own messages for a reader of its API; these are for the person at the prompt.
    const flag = /--[\w-]+/.exec(culprit)?.[0] ?? culprit;
    const message = (error as Error).message;
    if (/argument missing/.test(message)) throw new UsageError(`option ${flag} needs a value`);
    if (/ambiguous/.test(message)) throw new UsageError(`option ${flag} got a value starting with "-"; write ${flag}=VALUE if you mean it`);
    if (/does not take an argument/.test(message)) throw new UsageError(`option ${flag} takes no value`);
    throw new UsageError(message.split("\n")[0]!);
  }
  if (values.help) return "help";
  if (values.fault !== undefined && !isFaultName(values.fault)) {
    throw new UsageError(`unknown fault "${values.fault}"; known faults: ${FAULT_NAMES.join(", ")}`);
  }
  const options: MockOptions = { port: values.port === undefined ? DEFAULT_PORT : wholeNumber("port", values.port, 65535) };
  if (values.host !== undefined) options.host = values.host;
  if (values["seed-count"] !== undefined) options.seedCount = wholeNumber("seed-count", values["seed-count"], 10_000_000);
  // A numeric seed means the same as that number given in code, so CLI and tests can share fixtures.
  if (values.seed !== undefined) options.seed = /^-?\d{1,15}$/.test(values.seed) ? Number(values.seed) : values.seed;
  if (values.fault !== undefined) options.fault = values.fault;
  if (values["fault-option"]) options.faultOptions = faultOptions(values["fault-option"]);
  return options;
}

export async function mockCli(argv: string[], io: CliIo): Promise<number> {
  let options: MockOptions | "help";
  try {
    options = parseMockArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`mock: ${error.message}\nRun \`npm run mock -- --help\` for the options and faults.`);
    return 2;
  }
  if (options === "help") {
    io.out(usage());
    return 0;
  }
  const mock = await startMockServer({ ...options, env: io.env });
  const { projectId, apiToken } = mock.credentials;
  io.out("SIP endpoint mock listening");
  io.out(`  base URL     ${mock.url}`);
  if (mock.credentialSource === "demo") {
    io.out(`  project id   ${projectId}`);
    io.out(`  api token    ${apiToken}   (demo credentials, not a secret)`);
  } else {
    // A token from the environment is a real secret: say where the credentials come from, never print it.
    io.out(`  credentials  from SIGNALWIRE_PROJECT_ID / SIGNALWIRE_API_TOKEN (project ${projectId}; token not shown)`);
  }
  io.out(`  endpoints    ${mock.count()} seeded${options.seed !== undefined ? ` (seed ${options.seed})` : ""}`);
  io.out(`  fault        ${mock.fault ?? "none (honest)"}`);
  if (mock.credentialSource === "demo" && projectId === DEMO_CREDENTIALS.projectId) {
    io.out(`Try: curl -u ${projectId}:${apiToken} ${mock.url}/endpoints/sip`);
  }
  io.out("Stop with Ctrl-C.");
  const signal = await io.stop;
  await mock.close();
  io.out(`mock stopped (${signal})`);
  return 0;
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve(signal));
  });
}

if (require.main === module) {
  runMain(() => mockCli(process.argv.slice(2), { out: console.log, err: console.error, env: process.env, stop: untilSignal() }));
}
