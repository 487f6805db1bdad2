/**
 * `junit.xml`: one test case per check × operation the run evaluated (stable names, so CI can
 * show a check's history), plus one per scenario step. A finding at or above `failOn` fails its
 * case; findings below it are listed in the case's output.
 */
import { SEVERITY_RANK } from "../../checks";
import type { DriftFinding, DriftReport } from "../types";

function xml(text: string | number): string {
  return String(text)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function describe(f: DriftFinding): string {
  return [`check: ${f.check} (${f.severity})`, `operation: ${f.operationId} ${f.method} ${f.path}`, `status: ${f.status ?? ""}`, `pointer: ${f.pointer || "(whole body)"}`, `expected: ${f.expected}`, `actual: ${f.actual}`, `occurrences: ${f.occurrences}`, `id: ${f.id}`, `message: ${f.message}`].join("\n");
}

export function renderJunit(report: DriftReport): string {
  const threshold = SEVERITY_RANK[report.failOn];
  const checkCases = report.evaluated.map(({ check, operationId }) => {
    const found = report.findings.filter((f) => f.check === check && f.operationId === operationId);
    const failing = found.filter((f) => SEVERITY_RANK[f.severity] >= threshold);
    const quiet = found.filter((f) => SEVERITY_RANK[f.severity] < threshold);
    const first = failing[0];
    const body = [
      first ? `      <failure type="${xml(check)}" message="${xml(`${check} at ${first.pointer || "(whole body)"}: ${first.message}`)}">${xml(failing.map(describe).join("\n\n"))}</failure>\n` : "",
      quiet.length ? `      <system-out>${xml(quiet.map(describe).join("\n\n"))}</system-out>\n` : "",
    ].join("");
    return { failed: !!first, xml: `    <testcase classname="drift.checks.${xml(check)}" name="${xml(`${check} · ${operationId}`)}" time="0">${body ? `\n${body}    ` : ""}</testcase>` };
  });
  // A check no step evaluated is skipped with the reason, never a passing case.
  const unjudged = report.checks
    .filter((c) => !c.evaluated)
    .map((c) => `    <testcase classname="drift.checks.${xml(c.id)}" name="${xml(`${c.id} · not evaluated`)}" time="0">\n      <skipped message="${xml(`not evaluated in this run: ${c.note ?? ""}`)}"/>\n    </testcase>`);
  const stepCases = report.steps.map((step) => {
    let body = "";
    if (step.result === "incomplete") body = `      <error type="incomplete" message="${xml(step.note ?? "incomplete")}"/>\n`;
    else if (step.result === "skipped") body = `      <skipped message="${xml(step.note ?? "skipped")}"/>\n`;
    else if (step.result === "failed") body = `      <failure type="drift" message="${xml(`findings: ${step.findings.join(", ")}`)}"/>\n`;
    return { result: step.result, xml: `    <testcase classname="drift.steps" name="${xml(step.name)}" time="0">${body ? `\n${body}    ` : ""}</testcase>` };
  });
  const seconds = (report.durationMs / 1000).toFixed(3);
  const checkFailures = checkCases.filter((c) => c.failed).length;
  const stepFailures = stepCases.filter((c) => c.result === "failed").length;
  const stepErrors = stepCases.filter((c) => c.result === "incomplete").length;
  const stepSkipped = stepCases.filter((c) => c.result === "skipped").length;
  const props = [
    ["outcome", report.outcome],
    ["target", `${report.target.kind} ${report.target.baseUrl}`],
    ["mode", report.target.mode],
    ["fail-on", report.failOn],
    ["spec-sha256", report.spec.sha256],
    ...report.reasons.map((r) => ["reason", r]),
  ]
    .map(([name, value]) => `      <property name="${xml(name!)}" value="${xml(value!)}"/>`)
    .join("\n");
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="sip-endpoints drift" tests="${checkCases.length + unjudged.length + stepCases.length}" failures="${checkFailures + stepFailures}" errors="${stepErrors}" skipped="${stepSkipped + unjudged.length}" time="${seconds}">`,
    `  <testsuite name="drift checks" tests="${checkCases.length + unjudged.length}" failures="${checkFailures}" errors="0" skipped="${unjudged.length}" time="${seconds}" timestamp="${xml(report.startedAt)}">`,
    `    <properties>\n${props}\n    </properties>`,
    ...checkCases.map((c) => c.xml),
    ...unjudged,
    `  </testsuite>`,
    `  <testsuite name="drift steps" tests="${stepCases.length}" failures="${stepFailures}" errors="${stepErrors}" skipped="${stepSkipped}" time="${seconds}" timestamp="${xml(report.startedAt)}">`,
    ...stepCases.map((c) => c.xml),
    `  </testsuite>`,
    `</testsuites>`,
    "",
  ].join("\n");
}
