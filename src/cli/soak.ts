/**
 * `npm run soak`: many concurrent clients run mixed reads and writes against the embedded mock
 * (src/load), then the store is checked and the heap measured after GC. Exit 0 when there was no
 * error, nothing lost, duplicated or unexpected, and the heap came back within its tolerance; 1
 * otherwise; 2 on bad usage.
 */
import { formatSoak, runSoak } from "../load";
import { defineCommand } from "./command";
import { faultOption } from "./fault-flag";
import { credentialsFromEnv } from "./repository";

export const soakCommand = defineCommand({
  invocation: "npm run soak --",
  summary: "Runs many concurrent clients against the embedded mock, then checks the store and the heap.",
  options: {
    duration: { kind: "duration", max: 3600, help: "how long the load runs (default 10, at most 3600)" },
    concurrency: { kind: "count", min: 1, max: 10_000, help: "concurrent clients (default 200, at most 10000)" },
    "seed-count": { kind: "count", min: 0, help: "endpoints seeded before the load (default 100)" },
    seed: { kind: "count", min: Number.MIN_SAFE_INTEGER, help: "seed of the load's randomness (default 1)" },
    fault: faultOption("run the load with a fault profile on"),
    "memory-tolerance-mb": { kind: "count", min: 0, help: "heap growth allowed after GC (default 16)" },
  },
  epilog: () =>
    "Credentials: SIGNALWIRE_PROJECT_ID and SIGNALWIRE_API_TOKEN when both are set (else the mock's demo pair);\nSIP_TEST_PASSWORD for the endpoints created.",
  async run({ values }, io) {
    const fault = values.fault;
    const report = await runSoak({
      durationMs: values.duration ?? 10_000,
      concurrency: values.concurrency ?? 200,
      seedCount: values["seed-count"] ?? 100,
      seed: values.seed ?? 1,
      fault,
      memoryToleranceBytes:
        values["memory-tolerance-mb"] === undefined ? undefined : values["memory-tolerance-mb"] * 1024 * 1024,
      credentials: credentialsFromEnv(io.env),
      password: io.env.SIP_TEST_PASSWORD || undefined,
    });
    io.stdout.write(`${formatSoak(report)}\n`);
    return report.ok ? 0 : 1;
  },
});
