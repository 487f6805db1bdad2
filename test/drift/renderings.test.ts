/**
 * Every rendering of a report, whole: what a pull request, a CI log, a JUnit view and code
 * scanning show is the product, so each is pinned in full (a snapshot reviewed like code) for two
 * reports: one with something of every kind, and a clean pass.
 */
import {
  formatSummary,
  renderJunit,
  renderMarkdown,
  renderSarif,
  type DriftFinding,
  type DriftReport,
} from "../../src/drift";
import { ALL_CHECKS } from "../../src/checks";
import { aFinding, driftReport } from "./report-fixture";

const found = (over: Partial<DriftFinding>): DriftFinding => ({
  ...aFinding(),
  occurrences: 1,
  step: "walk every page",
  ...over,
});

const everything: DriftReport = driftReport({
  runId: "m1a2b3c4d5e6",
  outcome: "drift",
  exitCode: 1,
  reasons: [
    "retrieve each listed endpoint: retrieve_sip_endpoint answered 503 after 3 attempts, so nothing could be judged",
    "1 endpoint(s) this run created could not be removed: drift-m1a2b3c4d5e6-none",
  ],
  failOn: "warning",
  target: {
    kind: "live",
    baseUrl: "https://example.signalwire.com/api/relay/rest",
    mode: "read-write",
    fault: "extra-field",
  },
  spec: { path: "openapi/openapi.yaml", sha256: "0123456789abcdef".repeat(4) },
  durationMs: 4321,
  summary: { requests: 42, retries: 2, findings: { breaking: 1, warning: 1, info: 1 }, occurrences: 16 },
  findings: [
    found({
      id: "aaaaaaaaaaaaaaaa",
      check: "field-missing",
      severity: "breaking",
      pointer: "/data/3/caller_id",
      expected: "a value (required)",
      actual: "missing",
      message: "required key caller_id is missing",
      occurrences: 12,
    }),
    found({
      id: "bbbbbbbbbbbbbbbb",
      check: "body-not-json",
      severity: "warning",
      operationId: "retrieve_sip_endpoint",
      path: "/endpoints/sip/{id}",
      pointer: "",
      expected: "JSON",
      actual: "text `<h1>` | cut\nshort",
      message: "the body is not JSON",
      step: "retrieve each listed endpoint",
    }),
    found({
      id: "cccccccccccccccc",
      check: "status-code-alternative",
      severity: "info",
      operationId: "create_sip_endpoint",
      method: "POST",
      status: null,
      pointer: "",
      expected: "200",
      actual: "201",
      message: "answered 201 where the spec documents 200",
      occurrences: 3,
      step: "create an endpoint of each handler kind",
    }),
  ],
  coverage: {
    operations: [
      {
        operationId: "list_sip_endpoints",
        method: "GET",
        path: "/endpoints/sip",
        exercised: { "200": 30, "401": 2, "418": 1 },
        notExercised: ["422", "429", "500"],
        undocumented: ["418"],
      },
      {
        operationId: "delete_sip_endpoint",
        method: "DELETE",
        path: "/endpoints/sip/{id}",
        exercised: {},
        notExercised: ["204", "401", "404"],
        undocumented: [],
      },
    ],
    operationsNotExercised: ["delete_sip_endpoint"],
    criteria: {
      paths: { covered: 2, total: 2, missing: [] },
      operations: { covered: 4, total: 5, missing: ["delete_sip_endpoint"] },
      contentTypes: { covered: 7, total: 8, missing: ["delete_sip_endpoint response application/json"] },
      parameters: {
        covered: 6,
        total: 9,
        missing: ["list_sip_endpoints page_number", "list_sip_endpoints filter_caller_id", "delete_sip_endpoint id"],
      },
      parameterValues: {
        covered: 1,
        total: 3,
        missing: ["list_sip_endpoints page_number=0", "list_sip_endpoints page_size=1000"],
      },
      statusClasses: { covered: 8, total: 10, missing: ["delete_sip_endpoint 2XX", "delete_sip_endpoint 4XX"] },
      statusCodes: {
        covered: 10,
        total: 17,
        missing: [
          "list_sip_endpoints 422",
          "create_sip_endpoint 201",
          "retrieve_sip_endpoint 422",
          "update_sip_endpoint 404",
          "delete_sip_endpoint 204",
          "delete_sip_endpoint 401",
          "delete_sip_endpoint 404",
        ],
        excluded: ["list_sip_endpoints 429 (no client can provoke it)"],
      },
      responseProperties: { covered: 30, total: 38, missing: ["SipEndpoint.call_relay_context", "PageLinks.prev"] },
      flows: { covered: 9, total: 11, missing: ["retrieve_sip_endpoint → delete_sip_endpoint (delete) | a pipe"] },
    },
    level: 2,
  },
  checks: [
    { id: "field-missing", severity: "breaking", evaluated: true, findings: 1 },
    { id: "body-not-json", severity: "warning", evaluated: true, findings: 1 },
    { id: "status-code-alternative", severity: "info", evaluated: true, findings: 1 },
    {
      id: "update-not-applied",
      severity: "breaking",
      evaluated: false,
      findings: 0,
      note: "read-only runs do not judge it",
    },
    { id: "filter-not-applied", severity: "warning", evaluated: false, findings: 0 },
  ],
  evaluated: [
    { check: "body-not-json", operationId: "list_sip_endpoints" },
    { check: "body-not-json", operationId: "retrieve_sip_endpoint" },
    { check: "field-missing", operationId: "list_sip_endpoints" },
    { check: "status-code-alternative", operationId: "create_sip_endpoint" },
  ],
  steps: [
    { name: "walk every page", result: "failed", requests: 30, findings: ["aaaaaaaaaaaaaaaa"] },
    {
      name: "retrieve each listed endpoint",
      result: "incomplete",
      requests: 3,
      findings: ["bbbbbbbbbbbbbbbb"],
      note: "retrieve_sip_endpoint answered 503 after 3 attempts, so nothing could be judged",
    },
    { name: "create an endpoint of each handler kind", result: "passed", requests: 8, findings: ["cccccccccccccccc"] },
    { name: 'list <filtered> & "found"', result: "skipped", requests: 0, findings: [], note: "nothing was created" },
    { name: "a step without a note", result: "incomplete", requests: 1, findings: [] },
    { name: "another without a note", result: "skipped", requests: 0, findings: [] },
  ],
  cleanup: {
    created: 8,
    deleted: 7,
    leftovers: [{ id: "0b6c3a52-4c8e-4f0a-9d5e-2f1a7c9e8b01", username: "drift-m1a2b3c4d5e6-none" }],
  },
});

const clean: DriftReport = driftReport({
  runId: "m9z8y7",
  outcome: "pass",
  exitCode: 0,
  target: { kind: "mock", baseUrl: "http://127.0.0.1:4010/api/relay/rest", mode: "read-write" },
  summary: { requests: 12, retries: 0, findings: { breaking: 0, warning: 0, info: 0 }, occurrences: 0 },
  checks: [{ id: "field-missing", severity: "breaking", evaluated: true, findings: 0 }],
  evaluated: [{ check: "field-missing", operationId: "list_sip_endpoints" }],
  steps: [{ name: "walk every page", result: "passed", requests: 12, findings: [] }],
  cleanup: { created: 8, deleted: 8, leftovers: [] },
});

const LEVEL = { breaking: "error", warning: "warning", info: "note" } as const;

/**
 * The SARIF without the rules, one per check of the catalogue, asserted here against the catalogue.
 */
function sarifOf(report: DriftReport, specUri?: string): unknown {
  type Rule = {
    id: string;
    shortDescription: { text: string };
    defaultConfiguration: { level: string };
    properties: { severity: string };
  };
  const sarif = JSON.parse(renderSarif(report, specUri === undefined ? {} : { specUri })) as {
    runs: Array<{ tool: { driver: { version: string; semanticVersion: string; rules: Rule[] | string } } }>;
  };
  const driver = sarif.runs[0]!.tool.driver;
  // The version of the package that judged the run, as the report says it.
  expect([driver.version, driver.semanticVersion]).toEqual([report.toolVersion, report.toolVersion]);
  expect(
    (driver.rules as Rule[]).map((r) => [
      r.id,
      r.defaultConfiguration.level,
      r.properties.severity,
      r.shortDescription.text,
    ]),
  ).toEqual(ALL_CHECKS.map((c) => [c.id, LEVEL[c.severity], c.severity, c.firesWhen]));
  driver.rules = "<one per check of the catalogue>";
  return sarif;
}

describe.each([
  ["a report with something of every kind", everything],
  ["a clean pass", clean],
])("%s", (_name, report) => {
  it("Markdown", () => expect(renderMarkdown(report)).toMatchSnapshot());
  it("JUnit", () => expect(renderJunit(report)).toMatchSnapshot());
  it("SARIF", () => expect(sarifOf(report)).toMatchSnapshot());
  it("the terminal summary, plain and in colour, with the files written", () => {
    expect(formatSummary(report, { color: false })).toMatchSnapshot();
    expect(
      formatSummary(report, { color: true, files: ["drift-report/report.json", "drift-report/report.md"] }),
    ).toMatchSnapshot();
  });
});

it("SARIF locates findings in the spec at the path it is given", () => {
  const sarif = sarifOf(everything, "specs/sip-endpoints.yaml") as {
    runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
  };
  expect(new Set(sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri))).toEqual(
    new Set(["specs/sip-endpoints.yaml"]),
  );
});

describe("what a server sent is shown as text, never as markup or control", () => {
  const hostile = driftReport({
    findings: [
      found({ pointer: "/data/0/a\n::error::forged", actual: "key present (string)", message: "undocumented key" }),
      found({
        id: "dddddddddddddddd",
        check: "enum-value-unknown",
        pointer: "/data/0/encryption",
        expected: "one of the documented values",
        actual: '"<img src=https://tracker.example/p.png> \u001b[2J"',
      }),
    ],
    reasons: ["the target gave no answer (NetworkError: socket \u001b]0;owned\u0007 closed)"],
  });

  it("Markdown: HTML in a cell is escaped, and a code span keeps it literal", () => {
    const md = renderMarkdown(hostile);
    expect(md).not.toMatch(/<img|<b>/);
    expect(md).toContain('| "&lt;img src=https://tracker.example/p.png&gt; \u001b[2J" |');
    expect(md).toContain("| `/data/0/a ::error::forged` |");
    expect(md.split("\n").some((line) => line.startsWith("::"))).toBe(false);
  });

  it("the terminal summary: one line per finding and reason, control characters shown escaped", () => {
    const plain = formatSummary(hostile, { color: false });
    expect(plain.split("\n").some((line) => line.startsWith("::"))).toBe(false);
    expect(plain).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    // The verdict, one line per finding and reason, the coverage line.
    expect(plain.trimEnd().split("\n")).toHaveLength(1 + hostile.findings.length + hostile.reasons.length + 1);
    expect(plain).toContain("/data/0/a\\n::error::forged");
    expect(plain).toContain('got "<img src=https://tracker.example/p.png> \\u001b[2J"');
    expect(plain).toContain("socket \\u001b]0;owned\\u0007 closed");
  });
});
