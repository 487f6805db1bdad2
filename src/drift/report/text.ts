/** The few lines a terminal or CI log shows at the end of a run. The CLI prints them. */
import { CRITERIA } from "../coverage";
import { acknowledgedText } from "../policy";
import type { DriftReport } from "../types";

const ANSI = { red: "\u001b[31m", yellow: "\u001b[33m", green: "\u001b[32m", bold: "\u001b[1m", reset: "\u001b[0m" };
const COLOR = { pass: ANSI.green, drift: ANSI.red, inconclusive: ANSI.yellow } as const;

/**
 * Text from the server (a key, a value, an error's words) with its control characters escaped: in
 * a CI log it cannot start a line of its own (GitHub Actions runs `::command::` lines), and in a
 * terminal it cannot move the cursor or change the title.
 */
const printable = (text: string) =>
  text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) =>
    c === "\n" ? "\\n" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );

export function formatSummary(report: DriftReport, options: { color: boolean; files?: readonly string[] }): string {
  const paint = (color: string, text: string) => (options.color ? `${color}${text}${ANSI.reset}` : text);
  const { findings, requests, retries, occurrences } = report.summary;
  const lines = [
    `${paint(COLOR[report.outcome] + ANSI.bold, report.outcome.toUpperCase())}: ${findings.breaking} breaking, ${findings.warning} warning, ${findings.info} info ` +
      `(${occurrences} occurrences) in ${requests} requests${retries ? ` (${retries} retries)` : ""}, ${report.durationMs} ms; fails on ${report.failOn}`,
  ];
  for (const f of report.findings) {
    const ack = f.acknowledged ? ` (${printable(acknowledgedText(f.acknowledged))})` : "";
    lines.push(
      `  ${f.severity.padEnd(8)} ${f.check} ${f.operationId} ${printable(f.pointer) || "(body)"}${f.occurrences > 1 ? ` ×${f.occurrences}` : ""}: expected ${printable(f.expected)}, got ${printable(f.actual)}${ack}`,
    );
  }
  for (const a of report.acknowledgements ?? [])
    if (a.status === "not seen")
      lines.push(`  - acknowledged ${a.finding} was not seen in this run (until ${a.until}: ${printable(a.reason)})`);
  for (const reason of report.reasons) lines.push(`  ${paint(ANSI.yellow, "!")} ${printable(reason)}`);
  // What the run did not exercise at all is said, even when it passed.
  for (const step of report.steps)
    if (step.result === "skipped")
      lines.push(`  - skipped ${printable(step.name)}${step.note ? `: ${printable(step.note)}` : ""}`);
  const { criteria, level } = report.coverage;
  lines.push(
    `  coverage: TCL${level}; ${CRITERIA.map((c) => `${c} ${criteria[c].covered}/${criteria[c].total}`).join(", ")}`,
  );
  if (report.cleanup)
    lines.push(
      `  cleanup: created ${report.cleanup.created}, deleted ${report.cleanup.deleted}, left ${report.cleanup.leftovers.length}`,
    );
  if (options.files?.length) lines.push(`  reports: ${options.files.join(", ")}`);
  return `${lines.join("\n")}\n`;
}
