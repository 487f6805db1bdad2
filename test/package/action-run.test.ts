/**
 * The action from a scratch caller repository, its steps run as a runner runs them: the inputs
 * and `github.action_path` substituted into each step, `if:` decided, every `run:` step under
 * `bash --noprofile --norc -eo pipefail` in the caller's workspace, with its own `$GITHUB_OUTPUT`.
 * The action's folder holds what a checkout of it holds and nothing installed: no node_modules,
 * no build. A `uses:` step is only recorded (this machine cannot fetch another action).
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { startMockServer, type MockServer } from "../../src/mock";
import { ACTION_BUNDLES } from "../../src/codegen/action-bundle";
import { ROOT } from "./install";
import { startGitHubStandIn } from "../support/github-stand-in";

interface Step {
  name?: string;
  if?: string;
  uses?: string;
  id?: string;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
}

interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { steps: Step[] };
}

interface ActionRun {
  outputs: Record<string, string>;
  /** `uses:` steps whose `if:` let them run. */
  used: string[];
  /** The names of the `run:` steps that ran, in order. */
  ran: string[];
  /** The exit code of the step that failed (the runner stops there), or 0. */
  exitCode: number;
  log: string;
}

const GITHUB_TOKEN = "ghs_harnessToken0000000000000000";

interface Context {
  inputs: Record<string, string>;
  actionPath: string;
  steps: Record<string, Record<string, string>>;
}

/** The value of an expression this action uses: an input, the action's path or token, a step's output. */
function valueOf(expression: string, context: Context): string {
  const input = /^inputs\.([\w-]+)$/.exec(expression);
  if (input) return context.inputs[input[1]!] ?? "";
  if (expression === "github.action_path") return context.actionPath;
  if (expression === "github.token") return GITHUB_TOKEN;
  const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
  if (output) return context.steps[output[1]!]?.[output[2]!] ?? "";
  throw new Error(`the harness does not know the expression ${expression}`);
}

function expand(text: string, context: Context): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_all, expression: string) => valueOf(expression, context));
}

/** The `if:` forms this action uses (comparisons with a quoted text, joined by &&); anything else fails the test rather than being guessed. */
function decide(condition: string | undefined, context: Context): boolean {
  if (condition === undefined) return true;
  return condition.split("&&").every((part) => {
    const compared = /^([\w.-]+) (==|!=) '([^']*)'$/.exec(part.trim());
    if (!compared) throw new Error(`the harness does not know the condition ${part}`);
    const equal = valueOf(compared[1]!, context) === compared[3]!;
    return compared[2] === "==" ? equal : !equal;
  });
}

function readOutputs(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  return Object.fromEntries(
    readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.includes("="))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}

async function runAction(
  action: Action,
  actionPath: string,
  workspace: string,
  given: Record<string, string>,
  env: Record<string, string>,
): Promise<ActionRun> {
  const inputs = Object.fromEntries(
    Object.entries(action.inputs).map(([name, spec]) => [name, given[name] ?? spec.default ?? ""]),
  );
  const steps: Record<string, Record<string, string>> = {};
  const context: Context = { inputs, actionPath, steps };
  const used: string[] = [];
  const ran: string[] = [];
  let exitCode = 0;
  let log = "";
  const runnerTemp = mkdtempSync(join(tmpdir(), "runner-temp-"));
  try {
    for (const [index, step] of action.runs.steps.entries()) {
      if (!decide(step.if, context)) continue;
      if (step.uses) {
        used.push(step.uses);
        continue;
      }
      expect(step.shell).toBe("bash");
      const script = join(runnerTemp, `step-${index}.sh`);
      writeFileSync(script, expand(step.run ?? "", context));
      const outputFile = join(runnerTemp, `output-${index}`);
      writeFileSync(outputFile, "");
      const stepEnv = Object.fromEntries(
        Object.entries(step.env ?? {}).map(([name, value]) => [name, expand(value, context)]),
      );
      // Not spawnSync: the Space the step talks to may be a server in this very process.
      ran.push(step.name ?? step.id ?? `step ${index + 1}`);
      const { text, code } = await new Promise<{ text: string; code: number }>((done) => {
        const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
          cwd: workspace,
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            RUNNER_TEMP: runnerTemp,
            GITHUB_WORKSPACE: workspace,
            GITHUB_OUTPUT: outputFile,
            GITHUB_STEP_SUMMARY: join(runnerTemp, "summary.md"),
            ...env,
            ...stepEnv,
          },
        });
        let text = "";
        child.stdout.on("data", (chunk) => (text += chunk));
        child.stderr.on("data", (chunk) => (text += chunk));
        child.on("close", (code) => done({ text, code: code ?? 1 }));
      });
      log += text;
      if (step.id) steps[step.id] = readOutputs(outputFile);
      if (code !== 0) {
        exitCode = code;
        break;
      }
    }
  } finally {
    rmSync(runnerTemp, { recursive: true, force: true });
  }
  const outputs = Object.fromEntries(
    Object.entries(action.outputs).map(([name, spec]) => [name, expand(spec.value, context)]),
  );
  return { outputs, used, ran, exitCode, log };
}

const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as Action;
let scratch: string;
let actionPath: string;
let workspace: string;
let mock: MockServer;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "action-caller-"));
  // What a checkout of the action at a ref holds that its steps may use: no node_modules, no dist.
  actionPath = join(scratch, "_actions", "sip-endpoints-drift");
  mkdirSync(actionPath, { recursive: true });
  cpSync(join(ROOT, "action.yml"), join(actionPath, "action.yml"));
  cpSync(join(ROOT, "action"), join(actionPath, "action"), { recursive: true });
  // The caller's repository, with an OpenAPI file of its own at the path of ours.
  workspace = join(scratch, "caller");
  mkdirSync(join(workspace, "openapi"), { recursive: true });
  writeFileSync(
    join(workspace, "openapi", "openapi.yaml"),
    "openapi: 3.1.0\ninfo: { title: Billing, version: '1' }\npaths: {}\n",
  );
  mock = await startMockServer({
    port: 0,
    seedCount: 3,
    fault: "extra-field",
    projectId: "caller-project",
    apiToken: "caller-token-8c1d",
    env: {},
  });
});

afterAll(async () => {
  await mock.close();
  rmSync(scratch, { recursive: true, force: true });
});

const credentials = () => ({ SIGNALWIRE_PROJECT_ID: "caller-project", SIGNALWIRE_API_TOKEN: "caller-token-8c1d" });
/** A passing report an earlier run left in the folder: it must change nothing. */
const leaveStaleReport = (dir: string) => {
  mkdirSync(join(workspace, dir), { recursive: true });
  writeFileSync(
    join(workspace, dir, "report.json"),
    JSON.stringify({ tool: "sip-endpoints-drift", outcome: "pass", exitCode: 0 }),
  );
};

test("against the embedded mock: pass, exit 0, the reports in the caller's workspace, no other Node set up, nothing installed", async () => {
  const run = await runAction(action, actionPath, workspace, { target: "mock", out: "reports-pass" }, {});
  expect(run.outputs).toMatchObject({
    outcome: "pass",
    "exit-code": "0",
    "report-dir": join(workspace, "reports-pass"),
    "findings-breaking": "0",
    "findings-warning": "0",
    "findings-info": "0",
  });
  expect(run.exitCode).toBe(0);
  expect(run.ran).toEqual(["Check the API against the spec", "The verdict"]);
  expect(run.used).toEqual([]);
  expect(existsSync(join(workspace, "reports-pass", "report.sarif"))).toBe(true);
  expect(existsSync(join(actionPath, "node_modules"))).toBe(false);
  expect(existsSync(join(workspace, "node_modules"))).toBe(false);
  for (const file of Object.keys(ACTION_BUNDLES))
    expect(readFileSync(join(actionPath, file), "utf8")).toBe(readFileSync(join(ROOT, file), "utf8"));
});

test("against a drifting Space: drift, exit 1, its counts, and SARIF that names no file of the caller's repository", async () => {
  leaveStaleReport("reports-drift");
  const run = await runAction(
    action,
    actionPath,
    workspace,
    { "base-url": mock.url, out: "reports-drift" },
    credentials(),
  );
  expect(run.outputs).toMatchObject({
    outcome: "drift",
    "exit-code": "1",
    "findings-breaking": "0",
    "findings-warning": "2",
  });
  expect(run.exitCode).toBe(1);
  const sarif = JSON.parse(readFileSync(join(workspace, "reports-drift", "report.sarif"), "utf8")) as {
    runs: Array<{ results: Array<{ locations: Array<Record<string, unknown>> }> }>;
  };
  expect(sarif.runs[0]!.results.length).toBeGreaterThan(0);
  for (const result of sarif.runs[0]!.results)
    expect(result.locations.every((l) => !("physicalLocation" in l))).toBe(true);
  expect(run.log).not.toContain("caller-token-8c1d");
});

test("config: the caller's file re-grades the drifting check, so the same Space passes; an empty fail-on input leaves it to the file", async () => {
  writeFileSync(
    join(workspace, "drift.json"),
    JSON.stringify({ checks: { "field-undocumented": { severity: "info" } }, failOn: "warning" }),
  );
  const run = await runAction(
    action,
    actionPath,
    workspace,
    { "base-url": mock.url, out: "reports-config", config: "drift.json", "fail-on": "" },
    credentials(),
  );
  expect(run.outputs).toMatchObject({ outcome: "pass", "exit-code": "0", "findings-warning": "0" });
  const report = JSON.parse(readFileSync(join(workspace, "reports-config", "report.json"), "utf8")) as {
    failOn: string;
    findings: Array<{ severity: string }>;
  };
  expect(report.failOn).toBe("warning");
  expect(report.findings.length).toBeGreaterThan(0);
  expect(report.findings.every((f) => f.severity === "info")).toBe(true);
});

test("fixtures: one FIELD=VALUE a line, each a --fixture of a read-write run", async () => {
  const run = await runAction(
    action,
    actionPath,
    workspace,
    {
      target: "mock",
      out: "reports-fixtures",
      fixtures: "  call_relay_context=office\n\ncall_video_room_id=0b5e8f0e-7c1a-4d5e-9f3a-2c4b6d8e0f12\n",
    },
    {},
  );
  expect(run.outputs).toMatchObject({ outcome: "pass", "exit-code": "0" });
  const har = JSON.parse(readFileSync(join(workspace, "reports-fixtures", "exchanges.har"), "utf8")) as {
    log: { entries: Array<{ request: { method: string; postData?: { text: string } } }> };
  };
  const sent = har.log.entries
    .filter((e) => e.request.method === "POST")
    .map((e) => JSON.parse(e.request.postData!.text) as Record<string, unknown>);
  expect(sent.find((b) => b.call_handler === "relay_context")).toMatchObject({ call_relay_context: "office" });
  expect(sent.find((b) => b.call_handler === "video_room")).toMatchObject({
    call_video_room_id: "0b5e8f0e-7c1a-4d5e-9f3a-2c4b6d8e0f12",
  });
});

test("spec: judged by the caller's own copy of the spec, SARIF points into that copy", async () => {
  mkdirSync(join(workspace, "specs"), { recursive: true });
  cpSync(join(ROOT, "openapi", "openapi.yaml"), join(workspace, "specs", "sip-endpoints.yaml"));
  const run = await runAction(
    action,
    actionPath,
    workspace,
    { "base-url": mock.url, out: "reports-own-spec", spec: "specs/sip-endpoints.yaml" },
    credentials(),
  );
  expect(run.outputs).toMatchObject({ outcome: "drift", "exit-code": "1" });
  const sarif = JSON.parse(readFileSync(join(workspace, "reports-own-spec", "report.sarif"), "utf8")) as {
    runs: Array<{ results: Array<{ locations: Array<{ physicalLocation?: { artifactLocation: { uri: string } } }> }> }>;
  };
  expect(new Set(sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation?.artifactLocation.uri))).toEqual(
    new Set(["specs/sip-endpoints.yaml"]),
  );
});

test("a bad input: inconclusive, exit 2, whatever report an earlier run left", async () => {
  leaveStaleReport("reports-bad");
  const run = await runAction(
    action,
    actionPath,
    workspace,
    { target: "mock", "fail-on": "warnings", out: "reports-bad" },
    {},
  );
  expect(run.outputs).toMatchObject({ outcome: "inconclusive", "exit-code": "2", "report-dir": "" });
  expect(run.exitCode).toBe(2);
  expect(run.log).toContain("--fail-on must be one of breaking, warning, info");
});

test("sync-issues: after a drifting run, one issue per finding in the caller's repository, with the job's token; then the verdict", async () => {
  const github = await startGitHubStandIn();
  try {
    const env = {
      ...credentials(),
      GITHUB_REPOSITORY: "caller/app",
      GITHUB_API_URL: github.apiUrl,
      GITHUB_SERVER_URL: "https://github.example",
      GITHUB_RUN_ID: "42",
    };
    const run = await runAction(
      action,
      actionPath,
      workspace,
      { "base-url": mock.url, out: "reports-issues", "sync-issues": "true" },
      env,
    );
    expect(run.ran).toEqual(["Check the API against the spec", "Keep one issue per finding", "The verdict"]);
    expect(run.exitCode).toBe(1);
    const created = github.received.filter((r) => r.method === "POST" && r.path === "/repos/caller/app/issues");
    expect(created.map((r) => r.body.title).sort()).toEqual([
      "Drift: field-undocumented on list_sip_endpoints at /data/0/created_at",
      "Drift: field-undocumented on retrieve_sip_endpoint at /created_at",
    ]);
    expect(created[0]!.body.body).toContain("Last seen: https://github.example/caller/app/actions/runs/42");
    expect(new Set(github.received.map((r) => r.authorization))).toEqual(new Set([`Bearer ${GITHUB_TOKEN}`]));
    expect(run.log).not.toContain(GITHUB_TOKEN);
  } finally {
    await github.close();
  }
});

test("sync-issues is off by default, and skipped when the run wrote no report", async () => {
  expect(action.inputs["sync-issues"]!.default).toBe("false");
  const run = await runAction(
    action,
    actionPath,
    workspace,
    { target: "mock", "fail-on": "nonsense", "sync-issues": "true" },
    {},
  );
  expect(run.ran).toEqual(["Check the API against the spec", "The verdict"]);
  expect(run.exitCode).toBe(2);
});

test("setup-node runs only when node-version asks for a Node", () => {
  const given = (nodeVersion: string): Context => ({ inputs: { "node-version": nodeVersion }, actionPath, steps: {} });
  expect(
    action.runs.steps.filter((s) => s.uses).map((s) => [s.uses, decide(s.if, given("")), decide(s.if, given("22"))]),
  ).toEqual([["actions/setup-node@v6", false, true]]);
  // No step installs or builds anything.
  const scripts = action.runs.steps.map((s) => s.run ?? "").join("\n");
  expect(scripts).not.toMatch(/\bnpm\b|\bnpx\b|\byarn\b|\bpnpm\b/);
});
