/**
 * `npm run mock`: argument errors, --help, what is printed at start, and a clean stop. One test
 * runs the real script in a child process to prove the signal handling end to end.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import type { CommandIo } from "../../src/cli/command";
import { DEFAULT_PORT, mockCommand, mockOptions } from "../../src/cli/mock";
import { DEMO_CREDENTIALS, FAULT_NAMES, FAULT_PROFILES } from "../../src/mock";
import { basicAuthHeader } from "../../src/redact";

const CANARY_TOKEN = "PTcanary-cli-token-7f3e";

const command = mockCommand("npm run mock --");
const mockCli = (argv: string[], io: CommandIo) => command.main(argv, io);
const usage = () => command.help();

/** Output as lines, the way a person reads it. */
const linesOf = (into: string[]) => ({ write: (text: string) => into.push(...text.replace(/\n$/, "").split("\n")) });

function fakeIo(env: Record<string, string | undefined> = {}) {
  const lines: string[] = [];
  const errors: string[] = [];
  const controller = new AbortController();
  const io: CommandIo = {
    stdout: linesOf(lines),
    stderr: linesOf(errors),
    env,
    cwd: process.cwd(),
    signal: controller.signal,
  };
  return { io, lines, errors, stop: (signal = "SIGINT") => controller.abort(signal) };
}

describe("arguments", () => {
  test.each([
    [["--prot", "1"], /^error: unknown option --prot\n/],
    [["-p", "1"], /^error: unknown option -p\n/],
    [["--fault", "lazy"], /^error: --fault must be one of extra-field, .*, not "lazy"\n/],
    [["--fault", "slow", "--fault", "extra-field"], /^error: option --fault was given more than once; give it once\n/],
    [["--port"], /^error: option --port needs a value\n/],
    [["--port", "http"], /^error: --port must be a whole number from 0 to 65535, not "http"\n/],
    [["--port", "65536"], /^error: --port must be a whole number/],
    [
      ["--seed-count", "-1"],
      /^error: option --seed-count needs a value \(write --seed-count=VALUE for a value that starts with "-"\)\n/,
    ],
    [["--seed-count=-1"], /^error: --seed-count must be a whole number from 0 to 10000000, not "-1"\n/],
    [["--help=yes"], /^error: option --help takes no value\n/],
    [["--fault", "slow", "--fault-option", "jitter=1"], /^error: --fault-option: "jitter" is not one of delayMs, /],
    [["--fault", "slow", "--fault-option", "delayMs=soon"], /^error: --fault-option delayMs must be a whole number/],
    [["--fault-option", "delayMs=5"], /^error: --fault-option tunes a fault; it needs --fault NAME\n/],
    [["serve"], /^error: unexpected argument: this command takes options only\n/],
  ])("%j → a specific error and exit 2", async (argv, message) => {
    const { io, lines, errors } = fakeIo();
    expect(await mockCli(argv, io)).toBe(2);
    expect(errors.join("\n")).toMatch(message);
    expect(errors.join("\n")).toContain("Run `npm run mock -- --help` for the options.");
    expect(lines).toEqual([]);
  });

  test("options map onto startMockServer's, with the CLI's default port", () => {
    const options = (argv: string[]) => mockOptions(mockCommand("sip-endpoints-mock").parse(argv).values);
    expect(options([])).toEqual({ port: DEFAULT_PORT });
    expect(
      options([
        "--port",
        "0",
        "--seed-count",
        "100000",
        "--seed",
        "42",
        "--fault",
        "slow",
        "--fault-option",
        "delayMs=5",
      ]),
    ).toEqual({
      port: 0,
      seedCount: 100000,
      seed: 42,
      fault: "slow",
      faultOptions: { delayMs: 5 },
    });
    expect(options(["--seed", "abc"])).toMatchObject({ seed: "abc" });
  });

  test.each([["--help"], ["-h"], ["--port", "0", "-h"]])(
    "%j prints usage and every fault with its description, and exits 0",
    async (...argv) => {
      const { io, lines } = fakeIo();
      expect(await mockCli(argv, io)).toBe(0);
      expect(lines.join("\n") + "\n").toBe(usage());
      const flat = usage().replace(/\s+/g, " ");
      for (const name of FAULT_NAMES) {
        expect(usage()).toContain(`\n  ${name}\n`);
        expect(flat).toContain(FAULT_PROFILES[name].description.replace(/\s+/g, " "));
      }
    },
  );
});

describe("running", () => {
  test("prints the base URL and the demo credentials, serves, and stops when told", async () => {
    const { io, lines, stop } = fakeIo();
    const done = mockCli(["--port", "0", "--seed-count", "2"], io);
    while (!lines.includes("Stop with Ctrl-C.")) await new Promise((r) => setTimeout(r, 5));
    const url = /base URL\s+(\S+)/.exec(lines.join("\n"))![1]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/relay\/rest$/);
    expect(lines.join("\n")).toContain(DEMO_CREDENTIALS.apiToken);
    const reply = await fetch(`${url}/endpoints/sip`, {
      headers: { authorization: basicAuthHeader(DEMO_CREDENTIALS.projectId, DEMO_CREDENTIALS.apiToken) },
    });
    expect((await reply.json()).data).toHaveLength(2);
    stop("SIGTERM");
    expect(await done).toBe(0);
    expect(lines[lines.length - 1]).toBe("mock stopped (SIGTERM)");
    await expect(fetch(`${url}/endpoints/sip`)).rejects.toThrow();
  });

  test("the real script says it uses the environment's credentials, never prints the token, and exits 0 on SIGTERM", async () => {
    const root = resolve(__dirname, "../..");
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/mock.ts", "--port", "0"], {
      cwd: root,
      env: { ...process.env, SIGNALWIRE_PROJECT_ID: "env-project", SIGNALWIRE_API_TOKEN: CANARY_TOKEN },
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    while (!output.includes("Stop with Ctrl-C.")) {
      if (child.exitCode !== null) throw new Error(`the mock exited early:\n${output}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const url = /base URL\s+(\S+)/.exec(output)![1]!;
    const reply = await fetch(`${url}/endpoints/sip`, {
      headers: { authorization: basicAuthHeader("env-project", CANARY_TOKEN) },
    });
    expect(reply.status).toBe(200);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("from SIGNALWIRE_PROJECT_ID / SIGNALWIRE_API_TOKEN");
    expect(output).toContain("mock stopped (SIGTERM)");
    expect(output).not.toContain(CANARY_TOKEN);
  });
});

test("the real script stops quietly, exit 0, when the reader of its output goes away (`… | head`)", async () => {
  const root = resolve(__dirname, "../..");
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/mock.ts", "--port", "0"], {
    cwd: root,
    env: { ...process.env, SIGNALWIRE_PROJECT_ID: "", SIGNALWIRE_API_TOKEN: "" },
  });
  let output = "";
  let errors = "";
  child.stderr.on("data", (c: Buffer) => (errors += c.toString()));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  await new Promise<void>((started) => {
    child.stdout.on("data", (c: Buffer) => {
      output += c.toString();
      if (output.includes("Stop with Ctrl-C.")) started();
    });
  });
  // The reader closes its end, as `head` does once it has its lines; the mock's next line has nowhere to go.
  child.stdout.destroy();
  child.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(errors).not.toMatch(/EPIPE|Error/);
});
