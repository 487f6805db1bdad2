/**
 * `npm run bench [-- --quick] [--out FILE]`: measures the client, the validators, the mock, the
 * drift job and the generator against what users would use instead, prints a table and writes
 * the results as JSON (bench-results.json by default). The work lives in src/bench.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { BenchUsageError, formatTable, parseBenchArgs, runBench } from "../src/bench";
import { ROOT, runMain } from "./cli";

runMain(async () => {
  let args;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    console.error(error.message);
    return 2;
  }
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const report = await runBench(args.plan, { root: ROOT, progress: (message) => console.error(`bench [${elapsed()}]: ${message}`) });
  console.log(formatTable(report));
  const out = resolve(process.cwd(), args.out);
  writeFileSync(out, JSON.stringify(report, null, 2) + "\n");
  console.error(`bench: wrote ${args.out} after ${elapsed()}`);
  return 0;
});
