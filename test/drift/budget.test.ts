/**
 * Time budget and failure reporting of scheduled runs: `--max-duration` ends a stalled run
 * inconclusive within the budget, the log says which step it stalled in, and a report that cannot
 * be written does not hide the verdict.
 */
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { runCliInProcess, tempDir } from "./harness";

let stall: Server;
let baseUrl: string;

beforeAll(async () => {
  // Accepts every request and never answers.
  stall = createServer(() => {});
  await new Promise<void>((r) => stall.listen(0, "127.0.0.1", () => r()));
  baseUrl = `http://127.0.0.1:${(stall.address() as AddressInfo).port}/api/relay/rest`;
});
afterAll(async () => {
  stall.closeAllConnections();
  await new Promise((r) => stall.close(r));
});

const env = { SIGNALWIRE_PROJECT_ID: "budget-project", SIGNALWIRE_API_TOKEN: "PTbudget-token-0000" };

test("a stalled target ends inconclusive within --max-duration, even with a longer --timeout, and the log names the step", async () => {
  const out = tempDir("budget");
  try {
    const started = Date.now();
    const run = await runCliInProcess(
      ["--target", "live", "--base-url", baseUrl, "--timeout", "60000", "--max-duration", "2", "--out", out.path],
      env,
    );
    const elapsed = Date.now() - started;
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^INCONCLUSIVE/);
    expect(run.stdout).toContain("the run reached --max-duration 2 s");
    // Progress lines are printed as steps start (not a TTY here), so a stall shows where it is.
    expect(run.stderr).toMatch(/^ {2}list the first page$/m);
    expect(run.stderr).toContain("note: --timeout 60000 is not shorter than --max-duration 2 s");
    // The budget bounds the run; the margin is for a loaded machine, not a measurement.
    expect(elapsed).toBeLessThan(8_000);
  } finally {
    out.remove();
  }
});

test("--max-duration must be some time: seconds above 0", async () => {
  const run = await runCliInProcess(["--target", "live", "--base-url", baseUrl, "--max-duration", "0"], env);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('--max-duration must be a number of seconds above 0 and at most 86400, not "0"');
});

test("a report folder that cannot be written: the summary is still printed and the exit code says so", async () => {
  const dir = tempDir("unwritable");
  try {
    const file = join(dir.path, "not-a-folder");
    writeFileSync(file, "x");
    const run = await runCliInProcess(["--out", file], {});
    expect(run.stdout).toMatch(/^PASS/);
    expect(run.stderr).toContain(`error: the reports could not be written to ${file}`);
    expect(run.code).toBe(2);
  } finally {
    dir.remove();
  }
});
