/**
 * `npm run soak`: many concurrent clients run mixed reads and writes against the embedded mock
 * (src/load), then the store is checked and the heap measured after GC. Exit 0 when there was no
 * error, nothing lost, duplicated or unexpected, and the heap came back within its tolerance; 1
 * otherwise; 2 on bad usage.
 */
import { formatSoak, runSoak } from "../load";
import { defineCommand, secondsOption, wholeNumberOption } from "./command";
import { faultFlag } from "./fault-flag";
import { credentialsFromEnv } from "./repository";

const count = (name: string, text: string | undefined, fallback: number, min: number, max?: number): number =>
  text === undefined ? fallback : wholeNumberOption(name, text, min, max);

export const soakCommand = defineCommand({
  invocation: "npm run soak --",
  summary: "Runs many concurrent clients against the embedded mock, then checks the store and the heap.",
  options: {
    duration: { type: "string", value: "SECONDS", help: "how long the load runs (default 10, at most 3600)" },
    concurrency: { type: "string", value: "N", help: "concurrent clients (default 200, at most 10000)" },
    "seed-count": { type: "string", value: "N", help: "endpoints seeded before the load (default 100)" },
    seed: { type: "string", value: "N", help: "seed of the load's randomness (default 1)" },
    fault: { type: "string", value: "NAME", help: "run the load with a fault profile on" },
    "memory-tolerance-mb": { type: "string", value: "N", help: "heap growth allowed after GC (default 16)" },
  },
  epilog: () =>
    "Credentials: SIGNALWIRE_PROJECT_ID and SIGNALWIRE_API_TOKEN when both are set (else the mock's demo pair);\nSIP_TEST_PASSWORD for the endpoints created.",
  async run({ values }, io) {
    const fault = faultFlag(values.fault);
    const report = await runSoak({
      durationMs: Math.round(
        (values.duration === undefined ? 10 : secondsOption("duration", values.duration, 3600)) * 1000,
      ),
      concurrency: count("concurrency", values.concurrency, 200, 1, 10_000),
      seedCount: count("seed-count", values["seed-count"], 100, 0),
      seed: count("seed", values.seed, 1, Number.MIN_SAFE_INTEGER),
      fault,
      memoryToleranceBytes:
        values["memory-tolerance-mb"] === undefined
          ? undefined
          : count("memory-tolerance-mb", values["memory-tolerance-mb"], 16, 0) * 1024 * 1024,
      credentials: credentialsFromEnv(io.env),
      password: io.env.SIP_TEST_PASSWORD || undefined,
    });
    io.stdout.write(`${formatSoak(report)}\n`);
    return report.ok ? 0 : 1;
  },
});
