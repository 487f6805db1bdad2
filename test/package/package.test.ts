/**
 * The package as a user gets it: `npm pack`, installed into a fresh project outside the
 * repository, run with plain `node` (no loader) in ESM and CommonJS against a mock started with
 * the installed bin, type-checked with strict consumer settings, and bundled with esbuild.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync, realpathSync, symlinkSync } from "node:fs";
import { connect, createServer, type AddressInfo } from "node:net";
import { join, relative } from "node:path";
import { build } from "esbuild";
import { TYPE_PROJECTS, writeConsumer, type TypeProject } from "./consumer";
import { packAndInstall, ROOT, type Installed } from "./install";

const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };

let app: Installed;
let mock: { child: ChildProcess; env: Record<string, string> };

/** Starts the installed `sip-endpoints-mock` bin and reads its base URL and demo credentials. */
async function startInstalledMock(): Promise<typeof mock> {
  const bin = realpathSync(join(app.dir, "node_modules/.bin/sip-endpoints-mock"));
  const child = spawn(process.execPath, [bin, "--port", "0"], { cwd: app.dir, env: { PATH: process.env.PATH ?? "" } });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  for (let waited = 0; !output.includes("Stop with Ctrl-C."); waited += 20) {
    if (child.exitCode !== null || waited > 15_000) throw new Error(`the installed mock did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const field = (label: string) => new RegExp(`${label}\\s+(\\S+)`).exec(output)![1]!;
  return {
    child,
    env: {
      PATH: process.env.PATH ?? "",
      SIGNALWIRE_BASE_URL: field("base URL"),
      SIGNALWIRE_PROJECT_ID: field("project id"),
      SIGNALWIRE_API_TOKEN: field("api token"),
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether anything listens on the port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

function runNode(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, args, { cwd: app.dir, env: mock.env, encoding: "utf8", timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const WALKED = { retrieved: true, listed: true, updated: "After", notFound: true };

beforeAll(async () => {
  app = packAndInstall();
  writeConsumer(app.dir, join(ROOT, "node_modules/@types"));
  // The app's test runner: its tests import "vitest" (and its types), as an app that installed it would.
  // The tools an app tests with, as installed there.
  for (const tool of ["vitest", "msw", "nock"])
    symlinkSync(join(ROOT, "node_modules", tool), join(app.dir, "node_modules", tool), "dir");
  mock = await startInstalledMock();
}, 120_000);

afterAll(() => {
  mock?.child.kill("SIGTERM");
  app?.remove();
});

describe("plain node, no loader", () => {
  it.each([
    { given: "ESM import", file: "app.mjs" },
    { given: "CommonJS require", file: "app.cjs" },
  ])("$given: create, retrieve, list, update, delete, and a NotFoundError caught with its guard", ({ file }) => {
    const run = runNode([file, file]);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ created: `pkg-${file}`, ...WALKED });
  });

  it("an error thrown by the CommonJS build passes the ESM build's guards (the two builds' classes differ)", () => {
    const run = runNode(["dual.mjs"]);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({
      sameClass: false,
      isNotFound: true,
      isApi: true,
      isServer: false,
      name: "NotFoundError",
    });
  });

  it("MSW, nock and MockAgent answer default clients created before them; the in-process mock serves the client by mock.fetch and through MSW", () => {
    const run = runNode(["interceptors.mjs"]);
    expect(run.stderr).toBe("");
    const walked = (name: string) => ({ retrieved: true, updated: "After", listed: [name] });
    expect(JSON.parse(run.stdout)).toEqual({
      msw: "from-msw",
      nock: "from-nock",
      nockDone: true,
      mockAgent: "from-mock-agent",
      inProcess: walked("in-process"),
      seeded: "seeded",
      override: [503, "second"],
      portsOpened: 0,
      throughMsw: walked("through-msw"),
      mswRecorded: 5,
      badBaseUrl: "MockConfigError",
    });
  });

  it("the client entry loads neither the mock, the drift engine, YAML nor the validators; validation loads the validators", () => {
    const loaded = (mode: string) => {
      const run = runNode(["loaded.cjs", mode]);
      expect(run.stderr).toBe("");
      return (JSON.parse(run.stdout) as string[]).map((file) => ({
        file: relative(app.dir, file),
        text: readFileSync(file, "utf8"),
      }));
    };
    const defines = (files: Array<{ text: string }>, marker: RegExp) => files.some((f) => marker.test(f.text));
    const off = loaded("off");
    expect(
      off
        .map((f) => f.file)
        .filter(
          (f) =>
            !f.startsWith(`node_modules/${app.pkg.name}/`) &&
            !f.startsWith("node_modules/openapi-fetch/") &&
            !f.startsWith("node_modules/openapi-typescript-helpers/") &&
            !f.startsWith("node_modules/undici/"),
        ),
    ).toEqual([]);
    expect(defines(off, /function startMockServer\(/)).toBe(false);
    expect(defines(off, /function runDrift\(/)).toBe(false);
    expect(defines(off, /strict_retrieve_sip_endpoint_200/)).toBe(false);
    const warn = loaded("warn");
    expect(defines(warn, /strict_retrieve_sip_endpoint_200/)).toBe(true);
    expect(defines(warn, /function startMockServer\(/)).toBe(false);
  });
});

describe("the installed bins, without tsx", () => {
  it("sip-endpoints-drift runs the whole job against its embedded mock and passes", () => {
    const bin = realpathSync(join(app.dir, "node_modules/.bin/sip-endpoints-drift"));
    const run = spawnSync(process.execPath, [bin, "--out", "drift-report"], {
      cwd: app.dir,
      env: { PATH: process.env.PATH ?? "" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^PASS/m);
    const report = JSON.parse(readFileSync(join(app.dir, "drift-report/report.json"), "utf8"));
    expect(report).toMatchObject({ outcome: "pass", spec: { path: "openapi/openapi.yaml" } });
  });

  it("sip-endpoints-drift records, suggests and replays: the suggested spec and a replay of the recording, from the installed package", () => {
    const bin = realpathSync(join(app.dir, "node_modules/.bin/sip-endpoints-drift"));
    const env = { PATH: process.env.PATH ?? "" };
    const live = spawnSync(
      process.execPath,
      [bin, "--mock-fault", "unknown-enum", "--suggest-spec", "--out", "drift-loop"],
      { cwd: app.dir, env, encoding: "utf8", timeout: 60_000 },
    );
    expect(live.status).toBe(1);
    expect(readFileSync(join(app.dir, "drift-loop/openapi.suggested.yaml"), "utf8")).toMatch(/^        - default$/m);
    expect(readFileSync(join(app.dir, "drift-loop/spec-suggestions.md"), "utf8")).toContain(
      '"path": "/components/schemas/CallHandler/enum/-"',
    );
    const replay = spawnSync(
      process.execPath,
      [bin, "--replay", "drift-loop/exchanges.har", "--out", "drift-loop/replay", "--json"],
      { cwd: app.dir, env, encoding: "utf8", timeout: 60_000 },
    );
    expect(replay.status).toBe(1);
    expect(JSON.parse(replay.stdout)).toMatchObject({
      target: { kind: "replay" },
      findings: expect.arrayContaining([expect.objectContaining({ check: "enum-value-unknown" })]),
    });
    // The loop outside a clone: the recording judged by the suggested spec passes.
    const judged = spawnSync(
      process.execPath,
      [
        bin,
        "--replay",
        "drift-loop/exchanges.har",
        "--spec",
        "drift-loop/openapi.suggested.yaml",
        "--out",
        "drift-loop/judged",
        "--json",
      ],
      { cwd: app.dir, env, encoding: "utf8", timeout: 60_000 },
    );
    expect({ status: judged.status, stderr: judged.stderr }).toEqual({ status: 0, stderr: "" });
    expect(JSON.parse(judged.stdout)).toMatchObject({
      outcome: "pass",
      findings: [],
      spec: { path: "drift-loop/openapi.suggested.yaml" },
    });
    // The app's repository does not hold the spec (node_modules is no file of it): SARIF names no
    // file, and the message gives the installed spec's line, which holds what the finding is about.
    const sarif = JSON.parse(readFileSync(join(app.dir, "drift-loop/report.sarif"), "utf8"));
    const [result] = sarif.runs[0].results;
    expect(result.locations[0].physicalLocation).toBeUndefined();
    const line = Number(/spec: openapi\/openapi\.yaml line (\d+) /.exec(result.message.text)![1]);
    const specLines = readFileSync(
      join(app.dir, "node_modules/signalwire-sip-endpoints-contract/openapi/openapi.yaml"),
      "utf8",
    ).split("\n");
    expect(specLines[line - 1]).toMatch(/^\s+call_handler:/);
  });

  it.each(["sip-endpoints-mock", "sip-endpoints-drift", "sip-endpoints-issues"])(
    "%s -h prints its usage and --version the package's, each exit 0",
    (name) => {
      const bin = realpathSync(join(app.dir, "node_modules/.bin", name));
      const run = spawnSync(process.execPath, [bin, "-h"], { cwd: app.dir, encoding: "utf8" });
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: ${name} \\[options\\]`));
      const version = spawnSync(process.execPath, [bin, "--version"], { cwd: app.dir, encoding: "utf8" });
      expect({ status: version.status, stdout: version.stdout }).toEqual({
        status: 0,
        stdout: `${PACKAGE.name} ${PACKAGE.version}\n`,
      });
    },
  );
});

describe("TypeScript consumers read the declarations only", () => {
  // tsc's build mode checks the projects in one process, which reads and binds the lib files once.
  const projects = Object.keys(TYPE_PROJECTS) as TypeProject[];
  it(`tsc -b over ${projects.join(", ")}: no errors, and every @ts-expect-error still fails`, () => {
    const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
    const run = spawnSync(process.execPath, [tsc, "-b", ...projects.map((name) => `tsconfig.${name}.json`)], {
      cwd: app.dir,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});

describe("the app's own test suites", () => {
  it("jest, in its default CommonJS mode with no transform, loads ./jest and ./mock from the package", () => {
    const jest = join(ROOT, "node_modules/jest/bin/jest.js");
    const config = JSON.stringify({
      rootDir: join(app.dir, "suites/jest"),
      testEnvironment: "node",
      transform: {},
      testMatch: ["**/*.test.cjs"],
    });
    const run = spawnSync(process.execPath, [jest, "--config", config, "--ci"], {
      cwd: app.dir,
      encoding: "utf8",
      timeout: 90_000,
      env: { PATH: process.env.PATH ?? "" },
    });
    expect({
      status: run.status,
      output: run.stderr.includes("Tests:       2 passed, 2 total") ? "2 passed" : run.stderr,
    }).toEqual({ status: 0, output: "2 passed" });
  });

  it("jest in ESM mode (--experimental-vm-modules) loads ./jest and ./mock from the package", () => {
    const jest = join(ROOT, "node_modules/jest/bin/jest.js");
    const config = JSON.stringify({
      rootDir: join(app.dir, "suites/jest-esm"),
      testEnvironment: "node",
      transform: {},
      testMatch: ["**/*.test.mjs"],
    });
    const run = spawnSync(process.execPath, ["--experimental-vm-modules", jest, "--config", config, "--ci"], {
      cwd: app.dir,
      encoding: "utf8",
      timeout: 90_000,
      env: { PATH: process.env.PATH ?? "" },
    });
    expect({
      status: run.status,
      output: run.stderr.includes("Tests:       2 passed, 2 total") ? "2 passed" : run.stderr,
    }).toEqual({ status: 0, output: "2 passed" });
  });

  it("the README's CI recipe starts the installed mock, serves the tests, and leaves no process behind", async () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const recipe = [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)]
      .map((m) => m[1]!)
      .find((block) => block.includes("trap"));
    expect(recipe).toContain("npm test");
    const port = await freePort();
    const script = recipe!.replaceAll("4010", String(port)).replace("npm test", "node ci-check.cjs");
    const run = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
      cwd: app.dir,
      encoding: "utf8",
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? "" },
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    expect(run.stdout).toMatch(/^listed 0$/m);
    // Whatever process served the port (the mock itself, not a launcher of it) is gone with it.
    for (let tries = 0; tries < 250 && (await accepts(port)); tries++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await accepts(port)).toBe(false);
  });

  it("vitest, in ESM, loads ./vitest and ./mock from the package", () => {
    const vitest = join(ROOT, "node_modules/vitest/vitest.mjs");
    const run = spawnSync(
      process.execPath,
      [vitest, "run", "--root", join(app.dir, "suites/vitest"), "--reporter", "json"],
      { cwd: app.dir, encoding: "utf8", timeout: 90_000, env: { PATH: process.env.PATH ?? "" } },
    );
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf("{"))) as {
      numPassedTests: number;
      numFailedTests: number;
    };
    expect({ status: run.status, passed: report.numPassedTests, failed: report.numFailedTests }).toEqual({
      status: 0,
      passed: 2,
      failed: 0,
    });
  });
});

describe("bundled with esbuild", () => {
  it.each(["esm", "cjs"] as const)("a minified %s bundle of the ESM app runs", async (format) => {
    const outfile = join(app.dir, `bundle.${format === "esm" ? "mjs" : "cjs"}`);
    const entry = format === "esm" ? "app.mjs" : "app.cjs";
    await build({
      entryPoints: [join(app.dir, entry)],
      bundle: true,
      minify: true,
      platform: "node",
      format,
      outfile,
      logLevel: "silent",
    });
    const run = runNode([outfile, `bundle-${format}`]);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ created: `pkg-bundle-${format}`, ...WALKED });
  });
});

describe("the tarball", () => {
  it("publint reports no message, suggestions included", () => {
    // publint is ESM-only, so its documented API is called from a child process.
    const script = `import { publint } from "publint"; import { readFileSync } from "node:fs";
      const { messages } = await publint({ pack: { tarball: new Uint8Array(readFileSync(process.argv[1])).buffer }, level: "suggestion", strict: true });
      console.log(JSON.stringify(messages));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script, app.tarball], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  it("are-the-types-wrong finds no problem for node16 (ESM and CJS) and bundler resolution", () => {
    const attw = join(ROOT, "node_modules/@arethetypeswrong/cli/dist/index.js");
    const run = spawnSync(process.execPath, [attw, app.tarball, "--profile", "node16", "--format", "json"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    const result = JSON.parse(run.stdout) as { analysis: { problems: Array<{ resolutionKind?: string }> } };
    // The node16 profile leaves out node10 (TypeScript's deprecated resolution, which knows no `exports`).
    expect(result.analysis.problems.filter((p) => p.resolutionKind !== "node10")).toEqual([]);
    expect(run.status).toBe(0);
  });
});
