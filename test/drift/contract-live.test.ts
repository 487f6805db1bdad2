/**
 * The contract suite with CONTRACT_TARGET=live, pointed at a mock on 127.0.0.1 through
 * SIGNALWIRE_BASE_URL: the live code path end to end, in a separate jest process as CI would run
 * it. The mock ignores credentials, so exactly one check's test must fail, and say why.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { startMockServer, type MockServer } from "../../src/mock";
import { ALL_CHECKS } from "../../src/checks";
import { CHECKS_JUDGED } from "../../src/drift/scenarios/judged";

const ROOT = resolve(__dirname, "..", "..");
let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({
    port: 0,
    seedCount: 8,
    fault: "auth-ignored",
    projectId: "contract-project",
    apiToken: "contract-token-value",
    env: {},
  });
});
afterAll(() => mock.close());

test("CONTRACT_TARGET=live runs the suite against SIGNALWIRE_BASE_URL and reports the failing check precisely", async () => {
  const before = mock.endpoints();
  // spawn, not spawnSync: the mock in this process must keep answering.
  const { status, output } = await new Promise<{ status: number | null; output: string }>((done) => {
    const child = spawn(
      process.execPath,
      [resolve(ROOT, "node_modules/jest/bin/jest.js"), "--ci", "--colors=false", "contract-tests/contract.test.ts"],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          CONTRACT_TARGET: "live",
          SIGNALWIRE_BASE_URL: mock.url,
          SIGNALWIRE_PROJECT_ID: "contract-project",
          SIGNALWIRE_API_TOKEN: "contract-token-value",
        },
      },
    );
    let text = "";
    child.stdout.on("data", (chunk) => (text += chunk));
    child.stderr.on("data", (chunk) => (text += chunk));
    child.on("exit", (code) => done({ status: code, output: text }));
  });
  expect(status).toBe(1);
  // One test says the target could be exercised, one per check; auth-not-enforced fails, and those only read-write runs judge are skipped.
  const readWriteOnly = ALL_CHECKS.length - CHECKS_JUDGED["read-only"].length;
  expect(readWriteOnly).toBeGreaterThan(0);
  expect(output).toContain(
    `jest: ${1 + ALL_CHECKS.length - 1 - readWriteOnly} passed, 1 failed, ${readWriteOnly} skipped`,
  );
  // What a read-only run cannot judge is said to be so, not shown as passed.
  expect(output).toMatch(/○ skipped update-not-applied \(not judged by read-only runs\)/);
  expect(output).toMatch(/✕ auth-not-enforced/);
  expect(output).toContain(
    "auth-not-enforced (breaking) list_sip_endpoints 200 at (whole body): expected 401, actual 200",
  );
  expect(output).not.toContain("contract-token-value");
  // Read-only is the default against a live target: nothing was written.
  expect(mock.endpoints()).toEqual(before);
});
