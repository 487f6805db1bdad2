/** `report.md` (also appended to the GitHub job summary): the report for people. */
import { CRITERIA } from "../coverage";
import { acknowledgedText } from "../policy";
import type { DriftReport } from "../types";
import { cell, pointerCell } from "./markdown-text";

const TITLE = {
  pass: "PASS — the API matches the spec",
  drift: "DRIFT — the API no longer matches the spec",
  inconclusive: "INCONCLUSIVE — the API could not be fully exercised",
};

export function renderMarkdown(report: DriftReport): string {
  const { target, summary } = report;
  const lines: string[] = [
    `# Drift report: ${TITLE[report.outcome]}`,
    "",
    `- **Outcome:** ${report.outcome} (exit ${report.exitCode}; fails on ${report.failOn} and above)`,
    `- **Target:** ${target.kind}${target.fault ? ` with fault \`${target.fault}\`` : ""}, ${target.baseUrl}, ${target.mode}`,
    `- **Spec:** \`${report.spec.path}\` (sha256 \`${report.spec.sha256.slice(0, 12)}…\`)`,
    `- **Run:** \`${report.runId}\`, started ${report.startedAt}, ${report.durationMs} ms, ${summary.requests} requests (${summary.retries} retries)`,
    `- **Findings:** ${summary.findings.breaking} breaking, ${summary.findings.warning} warning, ${summary.findings.info} info (${summary.occurrences} occurrences)`,
    "",
  ];
  if (report.reasons.length > 0) {
    lines.push("## Why the run is not a clean pass", "", ...report.reasons.map((r) => `- ${cell(r)}`), "");
  }
  lines.push("## Findings", "");
  if (report.findings.length === 0) lines.push("None.", "");
  else {
    lines.push(
      "| severity | check | operation | status | pointer (first) | expected | actual | seen | id |",
      "|---|---|---|---|---|---|---|---|---|",
    );
    for (const f of report.findings) {
      const ack = f.acknowledged ? ` (${cell(acknowledgedText(f.acknowledged))})` : "";
      lines.push(
        `| ${f.severity}${ack} | \`${f.check}\` | ${f.method} ${cell(f.path)} | ${f.status ?? ""} | ${pointerCell(f.pointer)} | ${cell(f.expected)} | ${cell(f.actual)} | ${f.occurrences} | \`${f.id}\` |`,
      );
    }
    lines.push("");
  }
  const acknowledgements = report.acknowledgements ?? [];
  if (acknowledgements.length > 0) {
    lines.push("## Acknowledged findings", "", "| finding | until | status | reason |", "|---|---|---|---|");
    for (const a of acknowledgements)
      lines.push(`| \`${cell(a.finding)}\` | ${cell(a.until)} | ${a.status} | ${cell(a.reason)} |`);
    lines.push("");
  }
  const unjudged = report.checks.filter((c) => !c.evaluated);
  if (unjudged.length > 0) {
    lines.push("## Checks not evaluated in this run", "", ...unjudged.map((c) => `- \`${c.id}\`: ${cell(c.note)}`), "");
  }
  lines.push("## Steps", "", "| step | result | requests | findings | note |", "|---|---|---|---|---|");
  for (const s of report.steps)
    lines.push(`| ${cell(s.name)} | ${s.result} | ${s.requests} | ${s.findings.length} | ${cell(s.note)} |`);
  const { criteria, level } = report.coverage;
  lines.push(
    "",
    "## Coverage",
    "",
    `Test coverage level: **TCL${level}** of 7.`,
    "",
    "| criterion | covered | missing (first 5) |",
    "|---|---|---|",
  );
  for (const c of CRITERIA) {
    const { covered, total, missing } = criteria[c];
    const shown =
      missing
        .slice(0, 5)
        .map((m) => `\`${cell(m)}\``)
        .join(", ") + (missing.length > 5 ? ` and ${missing.length - 5} more` : "");
    lines.push(`| ${c} | ${covered}/${total} | ${shown || "—"} |`);
  }
  lines.push("", "| operation | statuses seen | documented, not exercised | undocumented seen |", "|---|---|---|---|");
  for (const op of report.coverage.operations) {
    const seen = Object.entries(op.exercised)
      .map(([status, n]) => `${status}×${n}`)
      .join(", ");
    lines.push(
      `| \`${op.operationId}\` | ${seen || "—"} | ${op.notExercised.join(", ") || "—"} | ${op.undocumented.join(", ") || "—"} |`,
    );
  }
  if (report.cleanup) {
    const { created, deleted, leftovers } = report.cleanup;
    lines.push(
      "",
      "## Cleanup",
      "",
      `Created ${created}, deleted ${deleted}, left behind ${leftovers.length}${leftovers.length ? `: ${leftovers.map((e) => `\`${cell(e.username)}\``).join(", ")}` : "."}`,
    );
  }
  lines.push("", "---", "", `Judged by ${report.tool} ${report.toolVersion}.`);
  return `${lines.join("\n")}\n`;
}
