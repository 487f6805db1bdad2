/**
 * Every command is declared one way (src/cli/command): the same help, the same refusals, the same
 * exit codes. The table covers every script and bin; the framework's own rules are tested on a
 * command that records whether it ran.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchCommand } from "../../src/cli/bench";
import { defineCommand, type Command, type CommandIo } from "../../src/cli/command";
import { driftCommand } from "../../src/cli/drift";
import { fuzzCommand } from "../../src/cli/fuzz";
import { genCheckCommand, genCommand } from "../../src/cli/gen";
import { lintSpecCommand } from "../../src/cli/lint-spec";
import { mockCommand } from "../../src/cli/mock";
import { ROOT, staleGenerated } from "../../src/cli/repository";
import { soakCommand } from "../../src/cli/soak";
import { syncIssuesCommand } from "../../src/cli/sync-issues";
import { testNodeCommand } from "../../src/cli/test-node";

const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };

function capture(env: Record<string, string | undefined> = {}) {
  const out = { stdout: "", stderr: "" };
  const io: CommandIo = {
    stdout: { write: (t: string) => (out.stdout += t) },
    stderr: { write: (t: string) => (out.stderr += t) },
    env,
    cwd: process.cwd(),
  };
  return { io, out };
}

const COMMANDS: Array<[string, Command]> = [
  ["npm run gen --", genCommand],
  ["npm run gen:check --", genCheckCommand],
  ["npm run lint:spec --", lintSpecCommand],
  ["npm run bench --", benchCommand],
  ["npm run fuzz --", fuzzCommand],
  ["npm run soak --", soakCommand],
  ["npm run test:node --", testNodeCommand],
  ["npm run sync-issues --", syncIssuesCommand("npm run sync-issues --")],
  ["sip-endpoints-issues", syncIssuesCommand("sip-endpoints-issues")],
  ["npm run mock --", mockCommand("npm run mock --")],
  ["npm run drift --", driftCommand("npm run drift --")],
  ["sip-endpoints-mock", mockCommand("sip-endpoints-mock")],
  ["sip-endpoints-drift", driftCommand("sip-endpoints-drift")],
];

describe.each(COMMANDS)("%s", (invocation, command) => {
  it.each([["--help"], ["-h"]])("%s prints its usage and exits 0 without doing the job", async (flag) => {
    const { io, out } = capture();
    expect(await command.main([flag], io)).toBe(0);
    expect(out.stdout).toBe(command.help());
    expect(out.stdout.startsWith(`Usage: ${invocation} [options]`)).toBe(true);
    expect(out.stdout).toMatch(/^ {2}-h, --help +show this help$/m);
    expect(out.stderr).toBe("");
  });

  it("--version prints the package's name and version and exits 0 without doing the job", async () => {
    const { io, out } = capture();
    expect(await command.main(["--version"], io)).toBe(0);
    expect(out.stdout).toBe(`${PACKAGE.name} ${PACKAGE.version}\n`);
    expect(out.stderr).toBe("");
    expect(command.help()).toMatch(/^ {2}--version +print the package's name and version$/m);
  });

  it("an unknown option is exit 2 with the way to the help", async () => {
    const { io, out } = capture();
    expect(await command.main(["--no-such-option=SECRET-VALUE"], io)).toBe(2);
    expect(out.stderr).toBe(`error: unknown option --no-such-option\nRun \`${invocation} --help\` for the options.\n`);
    expect(out.stdout).toBe("");
  });
});

describe("the rules every command gets", () => {
  const runs: Array<{ values: Record<string, unknown>; positionals: string[] }> = [];
  const command = defineCommand({
    invocation: "demo",
    summary: "A command that records what it was given.",
    options: {
      name: { kind: "text", value: "NAME", help: "a name" },
      tag: { kind: "text", value: "T", multiple: true, help: "tags" },
      loud: { kind: "switch", short: "l", help: "be loud" },
    },
    positionals: { placeholder: "FILE", max: 1 },
    async run(args) {
      runs.push(args);
      return 0;
    },
  });

  beforeEach(() => runs.splice(0));

  it.each([
    { argv: ["--name", "a", "--name", "b"], error: "option --name was given more than once; give it once" },
    { argv: ["--name"], error: "option --name needs a value" },
    {
      argv: ["--name", "-x"],
      error: 'option --name needs a value (write --name=VALUE for a value that starts with "-")',
    },
    { argv: ["--loud=yes"], error: "option --loud takes no value" },
    { argv: ["a.yaml", "b.yaml"], error: "at most 1 FILE argument expected, got 2" },
    { argv: ["-q"], error: "unknown option -q" },
  ])("$argv is refused before the command runs", async ({ argv, error }) => {
    const { io, out } = capture();
    expect(await command.main(argv, io)).toBe(2);
    expect(out.stderr.split("\n")[0]).toBe(`error: ${error}`);
    expect(runs).toEqual([]);
  });

  it("values reach the command as given; a repeatable option keeps its order", async () => {
    const { io } = capture();
    expect(await command.main(["--name=-dash", "--tag", "x", "-l", "--tag", "y", "file.yaml"], io)).toBe(0);
    expect(runs).toEqual([{ values: { name: "-dash", tag: ["x", "y"], loud: true }, positionals: ["file.yaml"] }]);
  });

  it("--help anywhere wins, and the command does not run", async () => {
    const { io, out } = capture();
    expect(await command.main(["--name", "a", "--help"], io)).toBe(0);
    expect(out.stdout).toContain("  --tag T");
    expect(runs).toEqual([]);
  });
});

describe("ineffective input is refused, never ignored", () => {
  it.each([
    { command: fuzzCommand, argv: ["--path", "1:2"], error: "--path replays a failure of one seed; it needs --seed" },
    {
      command: fuzzCommand,
      argv: [],
      env: { SIGNALWIRE_PROJECT_ID: "p" },
      error: "SIGNALWIRE_PROJECT_ID is set but SIGNALWIRE_API_TOKEN is not",
    },
    {
      command: soakCommand,
      argv: ["--duration", "1"],
      env: { SIGNALWIRE_API_TOKEN: "SECRET-TOKEN" },
      error: "SIGNALWIRE_API_TOKEN is set but SIGNALWIRE_PROJECT_ID is not",
    },
    {
      command: mockCommand("m"),
      argv: ["--fault-option", "delayMs=1"],
      error: "--fault-option tunes a fault; it needs --fault NAME",
    },
  ])("$argv $env", async ({ command, argv, env, error }) => {
    const { io, out } = capture(env);
    expect(await command.main(argv, io)).toBe(2);
    expect(out.stderr).toContain(`error: ${error}`);
    expect(out.stderr).not.toContain("SECRET-TOKEN");
  });
});

describe("npm run drift on a spec edited without npm run gen", () => {
  const copy = (edit: (text: string) => string) => {
    const dir = mkdtempSync(join(tmpdir(), "stale-spec-"));
    mkdirSync(join(dir, "openapi"));
    writeFileSync(join(dir, "openapi/openapi.yaml"), edit(readFileSync(join(ROOT, "openapi/openapi.yaml"), "utf8")));
    return dir;
  };

  it("the checkout's own spec is what generated/ was made from", () => {
    expect(staleGenerated()).toBeUndefined();
    const same = copy((t) => t);
    expect(staleGenerated(same)).toBeUndefined();
    rmSync(same, { recursive: true });
  });

  it("an edited spec is refused before any request: exit 2, naming npm run gen", async () => {
    const edited = copy((t) => t.replace("Returns one SIP endpoint", "Returns a SIP endpoint"));
    try {
      expect(staleGenerated(edited)).toMatch(
        /generated\/ was generated from another version of openapi\/openapi.yaml .*run `npm run gen` first/,
      );
      const { io, out } = capture();
      const command = driftCommand("npm run drift --", { precondition: () => staleGenerated(edited) });
      expect(await command.main(["--out", join(edited, "report")], io)).toBe(2);
      expect(out.stderr).toContain("run `npm run gen` first");
      expect(existsSync(join(edited, "report"))).toBe(false);
    } finally {
      rmSync(edited, { recursive: true });
    }
  });
});
