/**
 * The final canary check. One canary token and password (test/support/canary.ts) run through the
 * fuzz, hostile and soak suites, each of which searches its own outputs. This suite covers what
 * is left: the console output of `npm run fuzz` (on a failure, when it prints request bodies) and
 * `npm run soak` as child processes, an error's every rendering pinned in a snapshot, and every
 * snapshot file of the repository.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { inspect } from "node:util";
import { createSipEndpointsClient, isApiError } from "../../src/client";
import { runScript } from "../support/bounded";
import { CANARY, CANARY_ENV, CANARY_FORMS, canaryLeaks, expectNoCanary } from "../support/canary";
import { basicAuthHeader } from "../../src/redact";

const ROOT = resolve(__dirname, "..", "..");

async function run(script: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const { code, stdout, stderr } = await runScript(script, args, CANARY_ENV);
  return { code, output: stdout + stderr };
}

test("the canary check itself finds every form of a leak", () => {
  expect(canaryLeaks(`user ${CANARY.projectId} ok`)).toEqual([]);
  expect(canaryLeaks(basicAuthHeader(CANARY.projectId, CANARY.apiToken))).toHaveLength(1);
  for (const form of CANARY_FORMS) expect(canaryLeaks(`…${form}…`).length).toBeGreaterThan(0);
});

test("npm run fuzz: a failure prints the request that broke the mock, with the password scrubbed", async () => {
  const { code, output } = await run("scripts/fuzz.ts", ["--runs", "20", "--seed", "1", "--fault", "created-201"]);
  expect(code).toBe(1);
  expect(output).toMatch(/counterexample: \[create\(valid \{.*"password":"\[REDACTED\]"/);
  expect(output).toMatch(/replay: npm run fuzz -- --seed 1 --path "[\d:]+" --replay-path "[^"]*" --fault created-201/);
  expectNoCanary(output, "the fuzz output");
});

test("npm run soak: the figures, with canary credentials and password in use", async () => {
  const { code, output } = await run("scripts/soak.ts", [
    "--duration",
    "0.25",
    "--concurrency",
    "4",
    "--seed-count",
    "3",
  ]);
  expect({ code, output: code === 0 ? "" : output }).toEqual({ code: 0, output: "" });
  expect(output).toMatch(/^soak: 4 clients for 0\.25 s against the mock: OK/);
  expectNoCanary(output, "the soak output");
});

test("an API error built from a body that echoes the canary renders scrubbed everywhere (snapshot)", async () => {
  const echo = JSON.stringify({
    error: "Unauthorized",
    seen: basicAuthHeader(CANARY.projectId, CANARY.apiToken),
    password: CANARY.password,
    note: `token ${CANARY.apiToken}`,
  });
  const client = createSipEndpointsClient({
    baseUrl: "http://127.0.0.1:9/api/relay/rest",
    projectId: CANARY.projectId,
    apiToken: CANARY.apiToken,
    env: {},
    fetch: async () => new Response(echo, { status: 401, headers: { "content-type": "application/json" } }),
  });
  const error = await client.create({ username: "canary", password: CANARY.password }).catch((e: unknown) => e);
  expect(isApiError(error)).toBe(true);
  const renderings = {
    message: (error as Error).message,
    json: JSON.parse(JSON.stringify(error)),
    string: String(error),
  };
  expect(renderings).toMatchSnapshot();
  expectNoCanary([JSON.stringify(renderings), inspect(error, { depth: 8 })].join("\n"), "the error renderings");
});

test("no snapshot file in the repository holds a canary secret", () => {
  const snapshots: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".snap")) snapshots.push(path);
    }
  };
  walk(ROOT);
  // This suite's own snapshot is among them, so the scan always has something to read.
  expect(snapshots.some((path) => path.endsWith("canary.test.ts.snap"))).toBe(true);
  for (const path of snapshots) expectNoCanary(readFileSync(path, "utf8"), path);
});
