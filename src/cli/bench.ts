/**
 * `npm run bench`: measures the client, the validators, the mock, the drift job and the generator
 * against what users would use instead, prints a table and writes the results as JSON.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { formatTable, FULL_PLAN, QUICK_PLAN, runBench } from "../bench";
import { defineCommand } from "./command";
import { ROOT } from "./repository";

export const benchCommand = defineCommand({
  invocation: "npm run bench --",
  summary:
    "Measures ours against raw fetch, openapi-fetch, Prism and the other tools a user would pick, side by side in one run.",
  options: {
    quick: { kind: "switch", help: "the same measurements, smaller and shorter (a smoke run)" },
    out: { kind: "text", value: "FILE", help: "where the JSON results go (default bench-results.json)" },
  },
  async run({ values }, io) {
    const started = Date.now();
    const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
    const out = values.out ?? "bench-results.json";
    const report = await runBench(values.quick ? QUICK_PLAN : FULL_PLAN, {
      root: ROOT,
      progress: (message) => io.stderr.write(`bench [${elapsed()}]: ${message}\n`),
    });
    io.stdout.write(`${formatTable(report)}\n`);
    writeFileSync(resolve(io.cwd, out), JSON.stringify(report, null, 2) + "\n");
    io.stderr.write(`bench: wrote ${out} after ${elapsed()}\n`);
    return 0;
  },
});
