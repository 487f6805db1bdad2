/**
 * `--config FILE`: settings read key by key (every problem names its key's JSON pointer, exit 2),
 * flags winning over the file, the shipped JSON Schema saying the same as the reader, and what a
 * team decides — checks off or re-graded, findings acknowledged until a date — applied to a run.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { ALL_CHECKS } from "../../src/checks";
import { CRITERIA } from "../../src/drift/coverage";
import { DriftConfigError, FILE_SETTINGS, readDriftConfig } from "../../src/cli/drift-config";
import { DRIFT_OPTIONS, resolvePlan } from "../../src/cli/drift-plan";
import { jsonSchemaOf } from "../../src/cli/command";
import { planIssues } from "../../src/drift/issues";
import { operations } from "../../src/spec";
import { aFinding, driftReport } from "../drift/report-fixture";
import type { DriftFinding } from "../../src/drift";
import { runCliInProcess, tempDir } from "../drift/harness";

const schema = JSON.parse(readFileSync(join(__dirname, "../../drift-config.schema.json"), "utf8"));
// strictRequired would refuse `anyOf: [{ required: [enabled] }, …]`, valid JSON Schema whose properties sit beside it.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
const schemaAccepts = ajv.compile(schema);

const FULL = {
  checks: {
    "field-undocumented": { severity: "info", operations: ["list_sip_endpoints"] },
    "filter-not-applied": { enabled: false },
  },
  acknowledged: [{ finding: "0123456789abcdef", reason: "ticket 12: the API adds created_at", until: "2027-01-31" }],
  fixtures: { call_video_room_id: "6f0f5b6e-3a4c-4f7e-9d3b-2b8e1c0a9f11" },
  minCoverage: { responseProperties: 80 },
  target: "live",
  mode: "read-only",
  failOn: "breaking",
  maxPages: 20,
  timeoutMs: 5000,
  maxDurationMs: 600000,
  suggestSpec: true,
};

describe("reading a configuration", () => {
  it("reads every run option by the engine's name and its option's rule, and keeps the checks and acknowledgements", () => {
    const { settings, policy } = readDriftConfig(JSON.stringify(FULL), "drift.json");
    expect(settings).toEqual({
      target: "live",
      mode: "read-only",
      failOn: "breaking",
      maxPages: 20,
      timeoutMs: 5000,
      maxDurationMs: 600_000,
      suggestSpec: true,
      fixtures: { call_video_room_id: "6f0f5b6e-3a4c-4f7e-9d3b-2b8e1c0a9f11" },
      minCoverage: { responseProperties: 80 },
    });
    expect(policy).toEqual({ checks: FULL.checks, acknowledged: FULL.acknowledged });
    expect(schemaAccepts(FULL)).toBe(true);
  });

  it("the schema states each run option's rule as the command's option does", () => {
    const { $schema, checks, acknowledged, ...options } = schema.properties as Record<string, Record<string, unknown>>;
    expect(Object.keys(options)).toEqual(FILE_SETTINGS);
    for (const key of FILE_SETTINGS) {
      const { description, ...rule } = options[key]!;
      expect(typeof description).toBe("string");
      expect([key, rule]).toEqual([key, jsonSchemaOf(DRIFT_OPTIONS[key])]);
    }
  });

  it.each([
    [{ nightly: true }, "/nightly is no setting of the drift job"],
    [{ checks: { "field-undocumentd": { enabled: false } } }, "/checks/field-undocumentd is no check id"],
    [
      { checks: { "field-undocumented": { severity: "fatal" } } },
      "/checks/field-undocumented/severity must be one of breaking, warning, info",
    ],
    [
      { checks: { "field-undocumented": { enabled: "no" } } },
      "/checks/field-undocumented/enabled must be true or false",
    ],
    [{ checks: { "field-undocumented": {} } }, "/checks/field-undocumented changes nothing"],
    [
      { checks: { "field-undocumented": { enabled: false, operations: ["list_endpoints"] } } },
      "/checks/field-undocumented/operations/0 is no operation id",
    ],
    [
      { acknowledged: [{ finding: "0123456789abcdef", reason: "r", until: "2027-02-30" }] },
      "/acknowledged/0/until must be a date, YYYY-MM-DD",
    ],
    [
      { acknowledged: [{ finding: "0123456789abcdef", reason: "r", until: "31.01.2027" }] },
      "/acknowledged/0/until must be a date, YYYY-MM-DD",
    ],
    [
      { acknowledged: [{ finding: "xyz", reason: "r", until: "2027-01-31" }] },
      "/acknowledged/0/finding must be a finding id",
    ],
    [
      { acknowledged: [{ finding: "0123456789abcdef", reason: " ", until: "2027-01-31" }] },
      "/acknowledged/0/reason must say why",
    ],
    [{ maxPages: "20" }, "/maxPages must be a whole number"],
    [{ maxDurationMs: 0 }, "/maxDurationMs must be a whole number of milliseconds from 1 to 86400000"],
    [{ mockFault: "nope" }, "/mockFault must be one of extra-field, "],
    [{ maxPages: 0 }, "/maxPages must be a whole number of at least 1"],
    [{ minCoverage: { flows: 101 } }, "/minCoverage/flows must be a percentage from 0 to 100"],
    [{ cleanup: true }, "/cleanup is no setting of the drift job"],
    [{ minCoverage: { links: 50 } }, "/minCoverage/links is not one of paths, operations, "],
    [{ fixtures: { call_video_room_id: 7 } }, "/fixtures/call_video_room_id must be a string"],
  ])("refuses %j, naming the key", (config, problem) => {
    const read = () => readDriftConfig(JSON.stringify(config), "drift.json");
    expect(read).toThrow(DriftConfigError);
    expect(read).toThrow(`drift.json: ${problem}`);
    // The shipped schema refuses it too, so an editor flags it before a run does.
    expect(schemaAccepts(config)).toBe(false);
  });

  it("refuses a file that is no JSON object", () => {
    expect(() => readDriftConfig("{ checks: ", "drift.json")).toThrow(/^drift\.json is not JSON: /);
    expect(() => readDriftConfig("[]", "drift.json")).toThrow("drift.json: the top level must be an object");
  });

  it("the schema lists exactly the catalogue's checks, the spec's operations and the coverage criteria", () => {
    expect(schema.properties.checks.propertyNames.enum).toEqual(ALL_CHECKS.map((c) => c.id));
    expect(schema.properties.checks.additionalProperties.properties.operations.items.enum).toEqual(
      Object.keys(operations),
    );
    expect(schema.properties.minCoverage.propertyNames.enum).toEqual([...CRITERIA]);
  });
});

describe("a run under a configuration: the embedded mock with extra-field", () => {
  const dir = tempDir("drift-config-");
  afterAll(() => dir.remove());
  let findingIds: string[] = [];

  beforeAll(async () => {
    const run = await runCliInProcess(["--mock-fault", "extra-field", "--out", join(dir.path, "plain"), "--json"], {});
    expect(run.code).toBe(1);
    findingIds = (JSON.parse(run.stdout) as { findings: Array<{ id: string; check: string }> }).findings
      .filter((f) => f.check === "field-undocumented")
      .map((f) => f.id);
    expect(findingIds.length).toBeGreaterThan(0);
  });

  const runWith = async (name: string, config: unknown, flags: string[] = []) => {
    const file = join(dir.path, `${name}.json`);
    writeFileSync(file, JSON.stringify(config));
    const run = await runCliInProcess(
      ["--mock-fault", "extra-field", "--config", file, "--out", join(dir.path, name), ...flags],
      {},
    );
    const report = JSON.parse(readFileSync(join(dir.path, name, "report.json"), "utf8"));
    return { run, report, markdown: readFileSync(join(dir.path, name, "report.md"), "utf8") };
  };

  it("the check switched off: pass, and the report says the configuration did it", async () => {
    const { run, report } = await runWith("disabled", { checks: { "field-undocumented": { enabled: false } } });
    expect({ code: run.code, outcome: report.outcome }).toEqual({ code: 0, outcome: "pass" });
    expect(report.checks.find((c: { id: string }) => c.id === "field-undocumented")).toMatchObject({
      evaluated: false,
      note: "disabled by the configuration (checks.field-undocumented.enabled: false)",
    });
  });

  it("the check lowered to info: pass, the findings kept at info", async () => {
    const { run, report } = await runWith("lowered", { checks: { "field-undocumented": { severity: "info" } } });
    expect({ code: run.code, outcome: report.outcome }).toEqual({ code: 0, outcome: "pass" });
    expect(new Set(report.findings.map((f: { severity: string }) => f.severity))).toEqual(new Set(["info"]));
  });

  it("its findings acknowledged until 2099: pass, each finding marked with the reason", async () => {
    const acknowledged = findingIds.map((finding) => ({ finding, reason: "ticket 12", until: "2099-12-31" }));
    const { run, report, markdown } = await runWith("acknowledged", { acknowledged });
    expect({ code: run.code, outcome: report.outcome }).toEqual({ code: 0, outcome: "pass" });
    expect(report.findings.every((f: { acknowledged?: unknown }) => typeof f.acknowledged === "object")).toBe(true);
    expect(run.stdout).toContain("(acknowledged until 2099-12-31: ticket 12)");
    expect(markdown).toContain("## Acknowledged findings");
  });

  it("acknowledged until 2020: drift, saying the acknowledgement expired", async () => {
    const acknowledged = findingIds.map((finding) => ({ finding, reason: "ticket 12", until: "2020-01-31" }));
    const { run, report } = await runWith("expired", {
      acknowledged: [...acknowledged, { finding: "0123456789abcdef", reason: "gone", until: "2099-01-01" }],
    });
    expect({ code: run.code, outcome: report.outcome }).toEqual({ code: 1, outcome: "drift" });
    expect(run.stdout).toContain("(acknowledgement expired on 2020-01-31: ticket 12)");
    expect(report.acknowledgements.map((a: { status: string }) => a.status)).toEqual([
      ...findingIds.map(() => "expired"),
      "not seen",
    ]);
  });

  it("a flag overrides the file", async () => {
    const { run, report } = await runWith(
      "overridden",
      { checks: { "field-undocumented": { severity: "info" } }, failOn: "breaking" },
      ["--fail-on", "info"],
    );
    expect({ code: run.code, outcome: report.outcome, failOn: report.failOn }).toEqual({
      code: 1,
      outcome: "drift",
      failOn: "info",
    });
  });

  it("a bad file: exit 2, naming the key, before any request", async () => {
    const file = join(dir.path, "bad.json");
    writeFileSync(
      file,
      JSON.stringify({ acknowledged: [{ finding: "0123456789abcdef", reason: "r", until: "soon" }] }),
    );
    const run = await runCliInProcess(["--config", file, "--out", join(dir.path, "bad")], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}: /acknowledged/0/until must be a date, YYYY-MM-DD`);
    // A rule between settings names each where the user wrote it: the file's key, or the flag.
    const combined = join(dir.path, "combined.json");
    writeFileSync(combined, JSON.stringify({ baseUrl: "http://127.0.0.1:1", mode: "read-only" }));
    const mixed = await runCliInProcess(["--config", combined, "--cleanup"], {});
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain(`--cleanup deletes endpoints; it cannot run with mode in ${combined} read-only`);
    const fileOnly = await runCliInProcess(["--config", combined, "--mode", "read-write"], {});
    expect(fileOnly.stderr).toContain(`baseUrl in ${combined} is only for --target live`);
    const missing = await runCliInProcess(["--config", join(dir.path, "nope.json")], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read --config");
  });
});

describe("the issue plan", () => {
  it("labels the issue of an acknowledged finding instead of refreshing or closing it, and opens none for one", () => {
    const finding = (id: string, reason: string): DriftFinding => ({
      ...aFinding({ id }),
      occurrences: 1,
      step: "s",
      acknowledged: { reason, until: "2099-12-31", expired: false },
    });
    const seen = finding("aaaaaaaaaaaaaaaa", "ticket 12");
    const fresh = finding("bbbbbbbbbbbbbbbb", "ticket 13");
    const report = driftReport({
      findings: [seen, fresh],
      acknowledgements: [
        { finding: seen.id, reason: "ticket 12", until: "2099-12-31", status: "active" },
        { finding: fresh.id, reason: "ticket 13", until: "2099-12-31", status: "active" },
      ],
    });
    const plan = planIssues(
      report,
      [
        {
          number: 7,
          body: `<!-- drift-finding:${seen.id} -->\n<!-- drift-check:${seen.check} ${seen.operationId} -->`,
        },
      ],
      "https://ci.example/run/1",
    );
    expect(plan.label).toEqual([
      {
        number: 7,
        findingId: seen.id,
        label: "drift-acknowledged",
        comment: "Acknowledged until 2099-12-31: ticket 12. Still seen in https://ci.example/run/1.",
      },
    ]);
    expect([plan.open, plan.refresh, plan.close]).toEqual([[], [], []]);
  });
});

describe("the README's example", () => {
  const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");
  const example = /\n```json\n(\{\n {2}"\$schema": "[^"]*drift-config\.schema\.json"[\s\S]*?\n\})\n```/.exec(
    readme,
  )?.[1];

  it("is read by the reader and the schema alike, and makes a plan for a live Space", () => {
    expect(example).toBeDefined();
    expect(schemaAccepts(JSON.parse(example!))).toBe(true);
    const { settings, policy } = readDriftConfig(example!, "drift.json");
    const env = { SIGNALWIRE_PROJECT_ID: "p", SIGNALWIRE_API_TOKEN: "t", SIGNALWIRE_SPACE: "example" };
    const { job } = resolvePlan(settings, env, { policy });
    expect(job).toMatchObject({ target: { kind: "live", space: "example" }, mode: "read-write", policy });
  });
});
