/**
 * `npm run fuzz -- [--runs N] [--seed S] [--path P --replay-path R] [--max-commands N] [--fault NAME]`
 *
 * Fuzzes the embedded mock with requests generated from the spec (src/fuzz). Exit 0 when every
 * property held, 1 on a failure (printed with the seed and path that replay it), 2 on bad usage.
 * The mock accepts SIGNALWIRE_PROJECT_ID / SIGNALWIRE_API_TOKEN when both are set (else its demo
 * pair); SIP_TEST_PASSWORD, when set, is the password of every endpoint created.
 */
import { parseArgs } from "node:util";
import { isFaultName } from "../src/mock";
import { runFuzz } from "../src/fuzz";
import { runMain } from "./cli";

const USAGE = "usage: npm run fuzz -- [--runs N] [--seed S] [--path P --replay-path R] [--max-commands N] [--fault NAME]";

function whole(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text) || Number(text) < min) throw new Error(`--${name} must be a whole number of at least ${min}, not "${text}"\n${USAGE}`);
  return Number(text);
}

runMain(async () => {
  const { values } = parseArgs({
    options: { runs: { type: "string" }, seed: { type: "string" }, path: { type: "string" }, "replay-path": { type: "string" }, "max-commands": { type: "string" }, fault: { type: "string" }, help: { type: "boolean" } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.fault !== undefined && !isFaultName(values.fault)) throw new Error(`unknown fault "${values.fault}"`);
  const seed = whole("seed", values.seed, Math.floor(Math.random() * 2 ** 31), -(2 ** 31));
  const env = process.env;
  const report = await runFuzz({
    runs: whole("runs", values.runs, 200, 1),
    seed,
    path: values.path,
    replayPath: values["replay-path"],
    maxCommands: whole("max-commands", values["max-commands"], 12, 1),
    fault: values.fault as Parameters<typeof runFuzz>[0]["fault"],
    credentials: env.SIGNALWIRE_PROJECT_ID && env.SIGNALWIRE_API_TOKEN ? { projectId: env.SIGNALWIRE_PROJECT_ID, apiToken: env.SIGNALWIRE_API_TOKEN } : undefined,
    password: env.SIP_TEST_PASSWORD || undefined,
  });
  const against = values.fault ? `the mock with fault ${values.fault}` : "the mock";
  if (report.ok) {
    console.log(`fuzz: ${report.runs} runs against ${against} (seed ${report.seed}): every property held`);
    return 0;
  }
  console.log(`fuzz: FAILED on run ${report.runs} against ${against} (seed ${report.seed}, ${report.shrinks} shrinks)`);
  console.log(`  ${report.failure}`);
  console.log(`  counterexample: ${report.counterexample}`);
  console.log(`  replay: npm run fuzz -- --seed ${report.seed} --path "${report.path}" --replay-path "${report.replayPath ?? ""}"${values.fault ? ` --fault ${values.fault}` : ""}`);
  return 1;
});
