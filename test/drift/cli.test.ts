/**
 * The drift command: usage errors, inconclusive targets, --json, --cleanup and the job summary,
 * run in-process through `main`; two rows as a real child process, as CI runs it.
 */
import { spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { startMockServer, type MockServer } from "../../src/mock";
import { addForeignEndpoints, FOREIGN_USERNAMES, runCliInProcess, tempDir } from "./harness";

const ROOT = resolve(__dirname, "..", "..");

describe("usage errors exit 2 with a specific message", () => {
  const live = { SIGNALWIRE_PROJECT_ID: "p", SIGNALWIRE_API_TOKEN: "token-not-shown", SIGNALWIRE_SPACE: "example" };
  it.each([
    { given: ["--target", "staging"], env: {}, want: /--target must be one of mock, live, not "staging"/ },
    { given: ["--mode", "write"], env: {}, want: /--mode must be one of read-only, read-write/ },
    { given: ["--fail-on", "error"], env: {}, want: /--fail-on must be one of breaking, warning, info/ },
    { given: ["--max-pages", "0"], env: {}, want: /--max-pages must be a whole number of at least 1, not "0"/ },
    { given: ["--max-pages", "ten"], env: {}, want: /--max-pages must be a whole number/ },
    {
      given: ["--mock-fault", "bogus"],
      env: {},
      want: /--mock-fault must be one of extra-field, .*, not "bogus"/,
    },
    { given: ["--base-url", "http://127.0.0.1:1"], env: {}, want: /--base-url is only for --target live/ },
    { given: ["--target", "live", "--mock-fault", "slow"], env: live, want: /--mock-fault is only for --target mock/ },
    { given: ["--allow-insecure-http"], env: {}, want: /--allow-insecure-http is only for --target live/ },
    {
      given: ["--target", "live", "--allow-insecure-http"],
      env: live,
      want: /--allow-insecure-http has no effect: the base URL is not http:\/\//,
    },
    {
      given: ["--target", "live", "--base-url", "https://example.com/api", "--allow-insecure-http"],
      env: live,
      want: /--allow-insecure-http has no effect/,
    },
    {
      given: ["--cleanup", "--mode", "read-only"],
      env: {},
      want: /--cleanup deletes endpoints; it cannot run with --mode read-only/,
    },
    {
      given: ["--target", "live"],
      env: {},
      want: /needs SIGNALWIRE_PROJECT_ID and SIGNALWIRE_API_TOKEN in the environment/,
    },
    {
      given: ["--target", "live"],
      env: { SIGNALWIRE_PROJECT_ID: "p", SIGNALWIRE_API_TOKEN: "t0ken" },
      want: /needs --base-url, SIGNALWIRE_BASE_URL or SIGNALWIRE_SPACE/,
    },
    {
      given: ["--target", "live", "--base-url", "http://example.com/api/relay/rest"],
      env: live,
      want: /--base-url: .*only https:\/\/ is allowed, except for loopback hosts/,
    },
    {
      given: ["--target", "live"],
      env: { ...live, SIGNALWIRE_SPACE: "not a space!" },
      want: /SIGNALWIRE_SPACE: space "not a space!" is not a Space name/,
    },
    {
      given: ["--api-token=hunter2-secret"],
      env: {},
      want: /unknown option --api-token \(credentials come only from SIGNALWIRE_PROJECT_ID and SIGNALWIRE_API_TOKEN\)/,
    },
    { given: ["hunter2-secret"], env: {}, want: /unexpected argument: this command takes options only/ },
    { given: ["--json=yes"], env: {}, want: /option --json takes no value/ },
    { given: ["--out", "a", "--out", "b"], env: {}, want: /option --out was given more than once/ },
    { given: ["--base-url"], env: {}, want: /option --base-url needs a value/ },
  ])("$given", async ({ given, env, want }) => {
    const run = await runCliInProcess(given, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(want);
    expect(run.stdout).toBe("");
    expect(run.stderr).not.toContain("hunter2-secret");
    expect(run.stderr).not.toContain("token-not-shown");
  });

  it("--help prints the flags and exits 0", async () => {
    const run = await runCliInProcess(["--help"], {});
    expect(run.code).toBe(0);
    for (const flag of [
      "--target",
      "--base-url",
      "--mode",
      "--fail-on",
      "--out",
      "--max-pages",
      "--mock-fault",
      "--cleanup",
      "--json",
      "--help",
    ])
      expect(run.stdout).toContain(flag);
  });
});

describe("targets that cannot be exercised are inconclusive (exit 2)", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ port: 0, seedCount: 3, env: {} });
  });
  afterAll(() => mock.close());

  it("an unreachable target", async () => {
    const port = await closedPort();
    const out = tempDir("unreachable");
    const run = await runCliInProcess(["--target", "live", "--out", out.path], {
      SIGNALWIRE_BASE_URL: `http://127.0.0.1:${port}/api/relay/rest`,
      SIGNALWIRE_PROJECT_ID: "p",
      SIGNALWIRE_API_TOKEN: "some-token",
    });
    expect(run.code).toBe(2);
    const report = JSON.parse(readFileSync(join(out.path, "report.json"), "utf8"));
    expect(report).toMatchObject({ outcome: "inconclusive", exitCode: 2, findings: [] });
    expect(report.reasons[0]).toMatch(/list_sip_endpoints: the target gave no answer \(NetworkError/);
    // The request was made even though nothing answered it.
    expect(report.summary.requests).toBe(1);
    expect(run.stdout).toMatch(/^INCONCLUSIVE/);
    out.remove();
  });

  it("credentials the target refuses", async () => {
    const out = tempDir("wrong-credentials");
    const run = await runCliInProcess(["--target", "live", "--out", out.path], {
      SIGNALWIRE_BASE_URL: mock.url,
      SIGNALWIRE_PROJECT_ID: mock.credentials.projectId,
      SIGNALWIRE_API_TOKEN: "a-wrong-token",
    });
    expect(run.code).toBe(2);
    const report = JSON.parse(readFileSync(join(out.path, "report.json"), "utf8"));
    expect(report).toMatchObject({
      outcome: "inconclusive",
      reasons: ["the target refused the given credentials (401 on list_sip_endpoints)"],
      findings: [],
    });
    out.remove();
  });
});

describe("output", () => {
  it("--json prints report.json alone on stdout, and the Markdown is appended to GITHUB_STEP_SUMMARY", async () => {
    const out = tempDir("json");
    const summary = join(out.path, "step-summary.md");
    writeFileSync(summary, "earlier step\n");
    const run = await runCliInProcess(
      ["--json", "--mock-fault", "missing-field", "--mode", "read-only", "--out", out.path],
      { GITHUB_STEP_SUMMARY: summary },
    );
    expect(run.code).toBe(1);
    const printed = JSON.parse(run.stdout);
    expect(printed).toEqual(JSON.parse(readFileSync(join(out.path, "report.json"), "utf8")));
    expect(printed.target).toMatchObject({ kind: "mock", mode: "read-only", fault: "missing-field" });
    const appended = readFileSync(summary, "utf8");
    expect(appended.startsWith("earlier step\n# Drift report: DRIFT")).toBe(true);
    expect(appended).toContain("`field-missing`");
    out.remove();
  });

  it("--fail-on breaking lets a warning pass", async () => {
    const out = tempDir("fail-on");
    const run = await runCliInProcess(
      ["--mock-fault", "extra-field", "--mode", "read-only", "--fail-on", "breaking", "--out", out.path],
      {},
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^PASS: 0 breaking, 2 warning/);
    out.remove();
  });
});

describe("--cleanup", () => {
  it("deletes leftovers of earlier runs and nothing else", async () => {
    const mock = await startMockServer({ port: 0, seedCount: 2, env: {} });
    try {
      await addForeignEndpoints(mock);
      const before = mock.endpoints().map((e) => e.username);
      const run = await runCliInProcess(["--target", "live", "--cleanup"], {
        SIGNALWIRE_BASE_URL: mock.url,
        SIGNALWIRE_PROJECT_ID: mock.credentials.projectId,
        SIGNALWIRE_API_TOKEN: mock.credentials.apiToken,
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^PASS: found 1 leftover\(s\), deleted 1/);
      expect(mock.endpoints().map((e) => e.username)).toEqual(before.filter((u) => u !== "drift-a1b2c3d4e5-other-run"));
      expect(before).toEqual(expect.arrayContaining(FOREIGN_USERNAMES));
    } finally {
      await mock.close();
    }
  });
});

describe("as a child process, as CI runs it", () => {
  it.each([
    { args: [], env: {}, code: 0, first: /^PASS: 0 breaking, 0 warning, 0 info/ },
    {
      args: ["--mock-fault", "auth-ignored", "--mode", "read-only"],
      env: { NO_COLOR: "1" },
      code: 1,
      first: /^DRIFT: 2 breaking/,
    },
  ])("drift $args → exit $code", ({ args, env, code, first }) => {
    const out = tempDir("child");
    // No SIGNALWIRE_* and no other variables: what a fresh clone with no credentials has.
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/drift.ts", ...args, "--out", out.path], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env },
      encoding: "utf8",
    });
    expect({ status: result.status, stderr: result.status === code ? "" : result.stderr }).toEqual({
      status: code,
      stderr: "",
    });
    expect(result.stdout).toMatch(first);
    expect(result.stdout).not.toMatch(/\u001b\[/);
    for (const file of ["report.json", "report.md", "junit.xml"]) expect(existsSync(join(out.path, file))).toBe(true);
    out.remove();
  });
});

/** A port nothing listens on: bind one, then close it. */
function closedPort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

describe("in a GitHub Actions step, the run's own verdict becomes the step's outputs", () => {
  const outputsOf = (file: string) =>
    Object.fromEntries(
      readFileSync(file, "utf8")
        .trim()
        .split("\n")
        .map((line) => line.split(/=(.*)/s).slice(0, 2)),
    );

  it.each([
    {
      given: [],
      want: {
        outcome: "pass",
        "exit-code": "0",
        "findings-breaking": "0",
        "findings-warning": "0",
        "findings-info": "0",
      },
    },
    {
      given: ["--mock-fault", "extra-field"],
      want: {
        outcome: "drift",
        "exit-code": "1",
        "findings-breaking": "0",
        "findings-warning": "2",
        "findings-info": "0",
      },
    },
    {
      given: ["--mock-fault", "wrong-type"],
      want: {
        outcome: "drift",
        "exit-code": "1",
        "findings-breaking": "2",
        "findings-warning": "0",
        "findings-info": "0",
      },
    },
  ])("$given → $want.outcome, with the report folder and the counts by severity", async ({ given, want }) => {
    const out = tempDir("step-outputs");
    try {
      const file = join(out.path, "github-output");
      const run = await runCliInProcess(["--mode", "read-only", "--out", join(out.path, "report"), ...given], {
        GITHUB_OUTPUT: file,
      });
      expect(outputsOf(file)).toEqual({ ...want, "report-dir": join(out.path, "report") });
      expect(String(run.code)).toBe(want["exit-code"]);
    } finally {
      out.remove();
    }
  });

  it("reports that could not be written make the outcome inconclusive, as the exit code says", async () => {
    const out = tempDir("step-outputs-unwritten");
    try {
      const blocked = join(out.path, "a-file");
      writeFileSync(blocked, "");
      const file = join(out.path, "github-output");
      const run = await runCliInProcess(["--mode", "read-only", "--out", join(blocked, "report")], {
        GITHUB_OUTPUT: file,
      });
      expect(run.code).toBe(2);
      expect(outputsOf(file)).toMatchObject({ outcome: "inconclusive", "exit-code": "2" });
    } finally {
      out.remove();
    }
  });

  it("--cleanup tells its outcome too; outputs that cannot be written are exit 2", async () => {
    const out = tempDir("step-outputs-cleanup");
    try {
      const file = join(out.path, "github-output");
      expect((await runCliInProcess(["--cleanup"], { GITHUB_OUTPUT: file })).code).toBe(0);
      expect(outputsOf(file)).toEqual({ outcome: "pass", "exit-code": "0" });
      const unwritable = await runCliInProcess(["--mode", "read-only", "--out", join(out.path, "r")], {
        GITHUB_OUTPUT: out.path,
      });
      expect(unwritable.code).toBe(2);
      expect(unwritable.stderr).toContain("error: the step outputs could not be written to $GITHUB_OUTPUT: EISDIR");
    } finally {
      out.remove();
    }
  });
});
