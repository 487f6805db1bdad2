/**
 * `npm run soak -- [--duration SECONDS] [--concurrency N] [--seed-count N] [--seed N] [--fault NAME]`
 *
 * Not part of `npm test`. Many concurrent clients run mixed reads and writes against the embedded
 * mock (src/load), then the store is checked and the heap measured after GC. Exit 0 when there was
 * no error, nothing lost, duplicated or unexpected, and the heap came back within its tolerance;
 * 1 otherwise; 2 on bad usage. Credentials: SIGNALWIRE_PROJECT_ID / SIGNALWIRE_API_TOKEN when
 * both are set (else the mock's demo pair); SIP_TEST_PASSWORD for the endpoints created.
 */
import { parseArgs } from "node:util";
import { isFaultName, type FaultName } from "../src/mock";
import { formatSoak, runSoak } from "../src/load";
import { runMain } from "./cli";

const USAGE = "usage: npm run soak -- [--duration SECONDS] [--concurrency N] [--seed-count N] [--seed N] [--fault NAME] [--memory-tolerance-mb N]";

function number(name: string, text: string | undefined, fallback: number, check: (n: number) => boolean): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || !check(value)) throw new Error(`--${name} got "${text}", which is not allowed\n${USAGE}`);
  return value;
}

runMain(async () => {
  const { values } = parseArgs({
    options: {
      duration: { type: "string" },
      concurrency: { type: "string" },
      "seed-count": { type: "string" },
      seed: { type: "string" },
      fault: { type: "string" },
      "memory-tolerance-mb": { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.fault !== undefined && !isFaultName(values.fault)) throw new Error(`unknown fault "${values.fault}"`);
  const whole = (n: number) => Number.isInteger(n) && n >= 1;
  const env = process.env;
  const report = await runSoak({
    durationMs: Math.round(number("duration", values.duration, 10, (n) => n > 0 && n <= 3600) * 1000),
    concurrency: number("concurrency", values.concurrency, 200, (n) => whole(n) && n <= 10_000),
    seedCount: number("seed-count", values["seed-count"], 100, (n) => Number.isInteger(n) && n >= 0),
    seed: number("seed", values.seed, 1, Number.isInteger),
    fault: values.fault as FaultName | undefined,
    memoryToleranceBytes: values["memory-tolerance-mb"] === undefined ? undefined : number("memory-tolerance-mb", values["memory-tolerance-mb"], 16, (n) => n >= 0) * 1024 * 1024,
    credentials: env.SIGNALWIRE_PROJECT_ID && env.SIGNALWIRE_API_TOKEN ? { projectId: env.SIGNALWIRE_PROJECT_ID, apiToken: env.SIGNALWIRE_API_TOKEN } : undefined,
    password: env.SIP_TEST_PASSWORD || undefined,
  });
  console.log(formatSoak(report));
  return report.ok ? 0 : 1;
});
