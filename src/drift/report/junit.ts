/**
 * `junit.xml`: one test case per check × operation the run evaluated (stable names, so CI can
 * show a check's history), one skipped case per check it did not evaluate, and one per scenario
 * step. A finding at or above `failOn` fails its case; findings below it are listed in the case's
 * output. The XML is built by fast-xml-parser's builder, which escapes every text and attribute.
 */
import { CRITERIA } from "../coverage";
import { XMLBuilder } from "fast-xml-parser";
import { acknowledgedText, counts } from "../policy";
import type { DriftFinding, DriftReport } from "../types";

type XmlNode = Record<string, unknown>;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  format: true,
  indentBy: "  ",
  suppressEmptyNode: true,
});

/** Characters XML 1.0 cannot carry at all (escaping cannot help): dropped from every value. */
const clean = (text: string | number): string =>
  String(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");

function describe(f: DriftFinding): string {
  return [
    ...(f.acknowledged ? [acknowledgedText(f.acknowledged)] : []),
    `check: ${f.check} (${f.severity})`,
    `operation: ${f.operationId} ${f.method} ${f.path}`,
    `status: ${f.status ?? ""}`,
    `pointer: ${f.pointer || "(whole body)"}`,
    `expected: ${f.expected}`,
    `actual: ${f.actual}`,
    `occurrences: ${f.occurrences}`,
    `id: ${f.id}`,
    `message: ${f.message}`,
  ].join("\n");
}

const testcase = (classname: string, name: string, inner: XmlNode = {}): XmlNode => ({
  "@_classname": clean(classname),
  "@_name": clean(name),
  "@_time": "0",
  ...inner,
});

export function renderJunit(report: DriftReport): string {
  const checkCases = report.evaluated.map(({ check, operationId }) => {
    const found = report.findings.filter((f) => f.check === check && f.operationId === operationId);
    const failing = found.filter((f) => counts(f, report.failOn));
    const quiet = found.filter((f) => !counts(f, report.failOn));
    const first = failing[0];
    const inner: XmlNode = {};
    if (first)
      inner.failure = {
        "@_type": clean(check),
        "@_message": clean(`${check} at ${first.pointer || "(whole body)"}: ${first.message}`),
        "#text": clean(failing.map(describe).join("\n\n")),
      };
    if (quiet.length) inner["system-out"] = clean(quiet.map(describe).join("\n\n"));
    return { failed: !!first, node: testcase(`drift.checks.${check}`, `${check} · ${operationId}`, inner) };
  });
  // A check no step evaluated is skipped with the reason, never a passing case.
  const unjudged = report.checks
    .filter((c) => !c.evaluated)
    .map((c) =>
      testcase(`drift.checks.${c.id}`, `${c.id} · not evaluated`, {
        skipped: { "@_message": clean(`not evaluated in this run: ${c.note ?? ""}`) },
      }),
    );
  const stepCases = report.steps.map((step) => {
    const inner: XmlNode = {};
    if (step.result === "incomplete")
      inner.error = { "@_type": "incomplete", "@_message": clean(step.note ?? "incomplete") };
    else if (step.result === "skipped") inner.skipped = { "@_message": clean(step.note ?? "skipped") };
    else if (step.result === "failed")
      inner.failure = { "@_type": "drift", "@_message": clean(`findings: ${step.findings.join(", ")}`) };
    return { result: step.result, node: testcase("drift.steps", step.name, inner) };
  });
  const seconds = (report.durationMs / 1000).toFixed(3);
  const checkFailures = checkCases.filter((c) => c.failed).length;
  const stepFailures = stepCases.filter((c) => c.result === "failed").length;
  const stepErrors = stepCases.filter((c) => c.result === "incomplete").length;
  const stepSkipped = stepCases.filter((c) => c.result === "skipped").length;
  const properties = [
    ["outcome", report.outcome],
    ["target", `${report.target.kind} ${report.target.baseUrl}`],
    ["mode", report.target.mode],
    ["fail-on", report.failOn],
    ["spec-sha256", report.spec.sha256],
    ...report.reasons.map((r) => ["reason", r]),
    ["coverage-level", `TCL${report.coverage.level}`],
    ...CRITERIA.map((c) => [
      `coverage-${c}`,
      `${report.coverage.criteria[c].covered}/${report.coverage.criteria[c].total}`,
    ]),
  ].map(([name, value]) => ({ "@_name": clean(name!), "@_value": clean(value!) }));
  const document = {
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    testsuites: {
      "@_name": "sip-endpoints drift",
      "@_tests": checkCases.length + unjudged.length + stepCases.length,
      "@_failures": checkFailures + stepFailures,
      "@_errors": stepErrors,
      "@_skipped": stepSkipped + unjudged.length,
      "@_time": seconds,
      testsuite: [
        {
          "@_name": "drift checks",
          "@_tests": checkCases.length + unjudged.length,
          "@_failures": checkFailures,
          "@_errors": 0,
          "@_skipped": unjudged.length,
          "@_time": seconds,
          "@_timestamp": clean(report.startedAt),
          properties: { property: properties },
          testcase: [...checkCases.map((c) => c.node), ...unjudged],
        },
        {
          "@_name": "drift steps",
          "@_tests": stepCases.length,
          "@_failures": stepFailures,
          "@_errors": stepErrors,
          "@_skipped": stepSkipped,
          "@_time": seconds,
          "@_timestamp": clean(report.startedAt),
          testcase: stepCases.map((c) => c.node),
        },
      ],
    },
  };
  return builder.build(document) as string;
}
