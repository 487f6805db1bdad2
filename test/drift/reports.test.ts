/** The report's pieces: aggregation, coverage, the outcome rule, and the three renderings. */
import { decideOutcome, renderJunit, renderMarkdown, type DriftFinding, type DriftReport } from "../../src/drift";
import { aFinding, driftReport } from "./report-fixture";
import { FindingCollector } from "../../src/drift/collector";

const finding = aFinding;

function report(findings: DriftFinding[], over: Partial<DriftReport> = {}): DriftReport {
  return driftReport({
    summary: {
      requests: 3,
      retries: 0,
      findings: { breaking: 0, warning: findings.length, info: 0 },
      occurrences: findings.length,
    },
    findings,
    checks: [
      { id: "field-undocumented", severity: "warning", evaluated: true, findings: findings.length },
      {
        id: "update-not-applied",
        severity: "breaking",
        evaluated: false,
        findings: 0,
        note: "read-only runs do not judge it",
      },
    ],
    evaluated: [
      { check: "field-undocumented", operationId: "list_sip_endpoints" },
      { check: "status-code-alternative", operationId: "create_sip_endpoint" },
      { check: "field-missing", operationId: "list_sip_endpoints" },
    ],
    steps: [
      { name: 'list <first> & "page"', result: "failed", requests: 1, findings: ["0123456789abcdef"] },
      { name: "retrieve", result: "incomplete", requests: 1, findings: [], note: "retrieve answered 500" },
      { name: "retrieve listed", result: "skipped", requests: 0, findings: [], note: "nothing listed" },
    ],
    ...over,
  });
}

describe("FindingCollector", () => {
  it("keeps one entry per stable id, with the first pointer and a count", () => {
    const collector = new FindingCollector();
    collector.add([finding({ pointer: "/data/3/x" }), finding({ pointer: "/data/7/x" })], "walk");
    collector.add(
      [
        finding({ pointer: "/data/0/x" }),
        finding({ id: "fedcba9876543210", check: "field-missing", severity: "breaking" }),
      ],
      "later",
    );
    expect(collector.findings().map((f) => [f.check, f.pointer, f.occurrences, f.step])).toEqual([
      ["field-missing", "/data/0/x", 1, "later"],
      ["field-undocumented", "/data/3/x", 3, "walk"],
    ]);
    expect(collector.countBySeverity()).toEqual({ breaking: 1, warning: 1, info: 0 });
    expect([collector.hasAtLeast("breaking"), new FindingCollector().hasAtLeast("info")]).toEqual([true, false]);
  });

  it("returns the ids a step added, each once", () => {
    const collector = new FindingCollector();
    expect(collector.add([finding(), finding({ id: "b" }), finding()], "walk")).toEqual(["0123456789abcdef", "b"]);
    expect(collector.add([], "retrieve")).toEqual([]);
    expect(collector.size).toBe(2);
  });

  it("orders worst first, then by check, operation and pointer", () => {
    const collector = new FindingCollector();
    collector.add(
      [
        finding({ id: "1", severity: "info", check: "body-not-json" }),
        finding({ id: "2", check: "field-missing", operationId: "update_sip_endpoint", pointer: "/a" }),
        finding({ id: "3", check: "field-missing", operationId: "create_sip_endpoint", pointer: "/z" }),
        finding({ id: "4", check: "field-missing", operationId: "create_sip_endpoint", pointer: "/b" }),
        finding({ id: "5", check: "body-not-json" }),
        finding({ id: "6", severity: "breaking", check: "schema-violation" }),
      ],
      "walk",
    );
    expect(collector.findings().map((f) => f.id)).toEqual(["6", "5", "4", "3", "2", "1"]);
  });

  it("reaches a threshold at its own severity and above, not below", () => {
    const warnings = new FindingCollector();
    warnings.add([finding({ severity: "warning" })], "walk");
    expect([warnings.hasAtLeast("info"), warnings.hasAtLeast("warning"), warnings.hasAtLeast("breaking")]).toEqual([
      true,
      true,
      false,
    ]);
    const infos = new FindingCollector();
    infos.add([finding({ severity: "info" })], "walk");
    expect([infos.hasAtLeast("info"), infos.hasAtLeast("warning")]).toEqual([true, false]);
    expect(infos.countBySeverity()).toEqual({ breaking: 0, warning: 0, info: 1 });
  });

  it("notes each check and operation pair once, sorted by check then operation", () => {
    const collector = new FindingCollector();
    for (const [check, operation] of [
      ["field-missing", "list_sip_endpoints"],
      ["auth-not-enforced", "retrieve_sip_endpoint"],
      ["field-missing", "create_sip_endpoint"],
      ["auth-not-enforced", "retrieve_sip_endpoint"],
    ] as const) {
      collector.evaluated(check, operation);
    }
    expect(collector.evaluatedPairs()).toEqual([
      { check: "auth-not-enforced", operationId: "retrieve_sip_endpoint" },
      { check: "field-missing", operationId: "create_sip_endpoint" },
      { check: "field-missing", operationId: "list_sip_endpoints" },
    ]);
    expect(collector.size).toBe(0);
  });
});

describe("decideOutcome", () => {
  it.each([
    { drift: false, reasons: [], want: "pass" },
    { drift: false, reasons: ["timed out"], want: "inconclusive" },
    { drift: true, reasons: [], want: "drift" },
    { drift: true, reasons: ["timed out"], want: "drift" },
  ])("drift $drift, reasons $reasons → $want", ({ drift, reasons, want }) => {
    expect(decideOutcome(drift, reasons)).toBe(want);
  });
});

describe("renderings", () => {
  const tricky = { ...finding(), occurrences: 50, step: "walk", actual: 'a|b <c> & "d"', pointer: "/data/0/x" };

  it("Markdown keeps table cells intact, and HTML in them as text", () => {
    const md = renderMarkdown(report([tricky]));
    const row = md.split("\n").find((line) => line.includes("`field-undocumented`"))!;
    expect(row).toContain('a\\|b &lt;c&gt; &amp; "d"');
    expect(row.split(/(?<!\\)\|/).length).toBe(11);
    expect(md).toContain("| 50 |");
  });

  it("JUnit has a case per evaluated check × operation and per step, and is well-formed", () => {
    const info = {
      ...finding({
        id: "1111111111111111",
        check: "status-code-alternative",
        severity: "info",
        operationId: "create_sip_endpoint",
        pointer: "",
      }),
      occurrences: 1,
      step: "create",
    };
    const xml = renderJunit(report([tricky, info]));
    expect(xml.match(/<testcase /g)).toHaveLength(7);
    expect(xml).toMatch(/<testsuites name="sip-endpoints drift" tests="7" failures="2" errors="1" skipped="2"/);
    // A check the run did not evaluate is skipped with its reason, never a passing case.
    expect(xml).toContain(
      '<testcase classname="drift.checks.update-not-applied" name="update-not-applied · not evaluated" time="0">\n      <skipped message="not evaluated in this run: read-only runs do not judge it"/>',
    );
    expect(xml).toContain(
      '<failure type="field-undocumented" message="field-undocumented at /data/0/x: undocumented key">',
    );
    expect(xml).toContain("actual: a|b &lt;c&gt; &amp; &quot;d&quot;");
    // Below --fail-on: listed, not failed.
    expect(xml).toMatch(
      /name="status-code-alternative · create_sip_endpoint" time="0">\s*<system-out>check: status-code-alternative \(info\)/,
    );
    expect(xml).toContain('<error type="incomplete" message="retrieve answered 500"/>');
    expect(xml).toContain('name="list &lt;first&gt; &amp; &quot;page&quot;"');
    expectBalanced(xml);
  });
});

/** Every element opened is closed in order (enough to catch a broken renderer without an XML parser). */
function expectBalanced(xml: string): void {
  const stack: string[] = [];
  for (const [, closing, name, selfClosing] of xml
    .replace(/<\?xml[^>]*\?>/, "")
    .matchAll(/<(\/?)([a-z-]+)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name!);
  }
  expect(stack).toEqual([]);
}
