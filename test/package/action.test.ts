/**
 * The composite action and the workflows stay in step with the command they run: every flag the
 * action passes is an option of the drift command, the bin it runs is the package's, and the
 * workflows use current majors of GitHub's actions; package.json is what npm will publish.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { driftCommand } from "../../src/cli/drift";
import { syncIssuesCommand } from "../../src/cli/sync-issues";
import { ACTION_BUNDLES } from "../../src/codegen/action-bundle";
import { OTHER_RUN_FILES } from "../../src/drift/report/files";
import { REPORT_FILES } from "../../src/drift/report/write";
import { ROOT } from "./install";

interface Step {
  uses?: string;
  run?: string;
}

const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as {
  description: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  runs: { using: string; steps: Step[] };
};

test("each step passes only flags the command it runs has, and runs the committed one-file commands", () => {
  const commands = {
    "action/sip-endpoints-drift.mjs": driftCommand("sip-endpoints-drift"),
    "action/sip-endpoints-issues.mjs": syncIssuesCommand("sip-endpoints-issues"),
  };
  expect(Object.keys(commands).sort()).toEqual(Object.keys(ACTION_BUNDLES).sort());
  const scripts = action.runs.steps.map((s) => s.run ?? "");
  for (const [file, command] of Object.entries(commands)) {
    const script = scripts.find((text) => text.includes(`"$ACTION_PATH/${file}"`));
    expect({ file, run: script !== undefined }).toEqual({ file, run: true });
    const flags = [...new Set(script!.match(/--[a-z][a-z-]+/g) ?? [])];
    expect(flags.length).toBeGreaterThan(1);
    for (const flag of flags)
      expect({ file, flag, known: command.help().includes(`  ${flag} `) }).toEqual({ file, flag, known: true });
  }
  expect(action.runs.using).toBe("composite");
  expect(Object.keys(action.inputs)).toEqual(
    expect.arrayContaining(["mode", "fail-on", "out", "node-version", "sync-issues"]),
  );
  expect(Object.keys(action.outputs).sort()).toEqual([
    "exit-code",
    "findings-breaking",
    "findings-info",
    "findings-warning",
    "outcome",
    "report-dir",
  ]);
  // Credentials reach the command through the environment only; an input would be logged.
  expect(Object.keys(action.inputs).filter((name) => /token|project|password|secret/i.test(name))).toEqual([]);
});

test("the action's description names every file a run writes, and no other", () => {
  const named = action.description.match(/[\w.-]+\.(?:json|md|xml|sarif|har|yaml)\b/g) ?? [];
  expect([...new Set(named)].sort()).toEqual([...REPORT_FILES, ...OTHER_RUN_FILES.map((f) => f.file)].sort());
});

test("the workflows and the action use current majors of GitHub's own actions", () => {
  const dir = join(ROOT, ".github/workflows");
  const texts = [
    readFileSync(join(ROOT, "action.yml"), "utf8"),
    ...readdirSync(dir).map((f) => readFileSync(join(dir, f), "utf8")),
  ];
  const uses = texts.flatMap((t) =>
    [...t.matchAll(/uses: (actions\/[\w-]+)@v(\d+)/g)].map((m) => ({ action: m[1]!, major: Number(m[2]) })),
  );
  const current: Record<string, number> = {
    "actions/checkout": 6,
    "actions/setup-node": 6,
    "actions/upload-artifact": 7,
  };
  expect(uses.length).toBeGreaterThan(3);
  for (const use of uses) expect(use).toEqual({ action: use.action, major: current[use.action] });
});

test("CI runs the README's test command on Node 20, 22 and 24", () => {
  const ci = parse(readFileSync(join(ROOT, ".github/workflows/ci.yml"), "utf8")) as {
    on: Record<string, unknown>;
    jobs: { test: { strategy: { matrix: { node: number[] } }; steps: Step[] } };
  };
  expect(Object.keys(ci.on).sort()).toEqual(["pull_request", "push"]);
  expect(ci.jobs.test.strategy.matrix.node).toEqual([20, 22, 24]);
  expect(ci.jobs.test.steps.map((s) => s.run).filter(Boolean)).toEqual(["npm ci --no-audit --no-fund", "npm test"]);
});

test("package.json is published as written: npm's own normalisation (npm pkg fix) changes nothing", () => {
  const dir = mkdtempSync(join(tmpdir(), "sip-pkg-fix-"));
  try {
    const written = readFileSync(join(ROOT, "package.json"), "utf8");
    writeFileSync(join(dir, "package.json"), written);
    execFileSync("npm", ["pkg", "fix"], { cwd: dir, stdio: "ignore" });
    expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))).toEqual(JSON.parse(written));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
