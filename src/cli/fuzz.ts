/**
 * `npm run fuzz`: fuzzes the embedded mock with requests generated from the spec (src/fuzz). Exit 0
 * when every property held, 1 on a failure (printed with the seed and path that replay it), 2 on
 * bad usage.
 */
import { runFuzz } from "../fuzz";
import { defineCommand, UsageError } from "./command";
import { faultOption } from "./fault-flag";
import { credentialsFromEnv } from "./repository";

export const fuzzCommand = defineCommand({
  invocation: "npm run fuzz --",
  summary: "Fuzzes the embedded mock with requests generated from the spec and checks every answer against it.",
  options: {
    runs: { kind: "count", min: 1, help: "property runs (default 200)" },
    seed: { kind: "count", min: -(2 ** 31), value: "S", help: "the seed to replay (default: a random one, printed)" },
    path: { kind: "text", value: "P", help: "with --seed: replay this failure path (printed on failure)" },
    "replay-path": { kind: "text", value: "R", help: "with --seed and --path: the command path to replay" },
    "max-commands": { kind: "count", min: 1, help: "commands per run (default 12)" },
    fault: faultOption("fuzz the mock with a fault profile on"),
  },
  epilog: () =>
    "Credentials: SIGNALWIRE_PROJECT_ID and SIGNALWIRE_API_TOKEN when both are set (else the mock's demo pair);\nSIP_TEST_PASSWORD, when set, is the password of every endpoint created.",
  async run({ values }, io) {
    const fault = values.fault;
    if (values.path !== undefined && values.seed === undefined)
      throw new UsageError("--path replays a failure of one seed; it needs --seed");
    if (values["replay-path"] !== undefined && values.path === undefined)
      throw new UsageError("--replay-path needs --path (and --seed)");
    const seed = values.seed ?? Math.floor(Math.random() * 2 ** 31);
    const report = await runFuzz({
      runs: values.runs ?? 200,
      seed,
      path: values.path,
      replayPath: values["replay-path"],
      maxCommands: values["max-commands"] ?? 12,
      fault,
      credentials: credentialsFromEnv(io.env),
      password: io.env.SIP_TEST_PASSWORD || undefined,
    });
    const line = (text: string) => io.stdout.write(`${text}\n`);
    const against = fault ? `the mock with fault ${fault}` : "the mock";
    if (report.ok) {
      line(`fuzz: ${report.runs} runs against ${against} (seed ${report.seed}): every property held`);
      return 0;
    }
    line(`fuzz: FAILED on run ${report.runs} against ${against} (seed ${report.seed}, ${report.shrinks} shrinks)`);
    line(`  ${report.failure}`);
    line(`  counterexample: ${report.counterexample}`);
    line(
      `  replay: npm run fuzz -- --seed ${report.seed} --path "${report.path}" --replay-path "${report.replayPath ?? ""}"${fault ? ` --fault ${fault}` : ""}`,
    );
    return 1;
  },
});
