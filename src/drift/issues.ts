/**
 * One tracker issue per stable finding id, planned as data: which issues to open, refresh, close
 * or leave alone after a run. The nightly workflow only applies the plan (`npm run sync-issues`).
 *
 * An issue body carries `<!-- drift-finding:<id> -->` and `<!-- drift-check:<check> <operation> -->`.
 * A finding gets an issue only at or above the run's `failOn`. An open issue is closed only when
 * the run was conclusive and evaluated its check on its operation without seeing it again: a
 * read-only night must not close what a read-write run found.
 */
import { SEVERITY_RANK } from "../checks/types";
import { cell, pointerCell } from "./report/markdown-text";
import type { DriftFinding, DriftReport } from "./types";

export interface OpenIssue {
  number: number;
  body: string;
}

export interface IssuePlan {
  open: Array<{ findingId: string; title: string; body: string }>;
  refresh: Array<{ number: number; findingId: string; body: string; comment: string }>;
  close: Array<{ number: number; findingId: string; comment: string }>;
  /** Issues of acknowledged findings: labelled, never closed while the acknowledgement holds. */
  label: Array<{ number: number; findingId: string; label: string; comment: string }>;
  /** Open issues left as they are, and why. */
  keep: Array<{ number: number; findingId: string; reason: string }>;
}

/** The label an acknowledged finding's issue gets. */
export const ACKNOWLEDGED_LABEL = "drift-acknowledged";

const FINDING_MARK = /<!-- drift-finding:([0-9a-f]+) -->/;
const CHECK_MARK = /<!-- drift-check:([a-z-]+) ([a-z_]+) -->/;

/** The issue body of a finding: the markers, the facts, and the run that last saw it. */
export function issueBody(f: DriftFinding, runUrl: string): string {
  return [
    `<!-- drift-finding:${f.id} -->`,
    `<!-- drift-check:${f.check} ${f.operationId} -->`,
    cell(f.message),
    "",
    "| | |",
    "|---|---|",
    `| check | \`${f.check}\` (${f.severity}) |`,
    `| operation | \`${f.operationId}\` ${f.method} \`${f.path}\` |`,
    `| status | ${f.status ?? ""} |`,
    `| pointer (first) | ${pointerCell(f.pointer)} |`,
    `| expected | ${cell(f.expected)} |`,
    `| actual | ${cell(f.actual)} |`,
    `| occurrences in the last run | ${f.occurrences} |`,
    `| finding id | \`${f.id}\` |`,
    "",
    `Last seen: ${runUrl}`,
  ].join("\n");
}

function issueTitle(f: DriftFinding): string {
  return `Drift: ${f.check} on ${f.operationId} at ${f.pointer === "" ? "(whole body)" : f.pointer}`;
}

export function planIssues(report: DriftReport, openIssues: readonly OpenIssue[], runUrl: string): IssuePlan {
  const plan: IssuePlan = { open: [], refresh: [], close: [], keep: [], label: [] };
  const acknowledged = new Map(
    (report.acknowledgements ?? []).filter((a) => a.status === "active").map((a) => [a.finding, a]),
  );
  const threshold = SEVERITY_RANK[report.failOn];
  const seen = new Map(report.findings.map((f) => [f.id, f]));
  const evaluated = new Set(report.evaluated.map((p) => `${p.check} ${p.operationId}`));
  const conclusive = report.outcome === "pass" || report.outcome === "drift";
  const tracked = new Set<string>();

  for (const issue of openIssues) {
    const findingId = FINDING_MARK.exec(issue.body)?.[1];
    if (!findingId) continue; // not one of ours
    tracked.add(findingId);
    const finding = seen.get(findingId);
    const ack = acknowledged.get(findingId);
    if (ack) {
      plan.label.push({
        number: issue.number,
        findingId,
        label: ACKNOWLEDGED_LABEL,
        comment: `Acknowledged until ${ack.until}: ${ack.reason}. Still seen in ${runUrl}.`,
      });
    } else if (finding && SEVERITY_RANK[finding.severity] >= threshold) {
      plan.refresh.push({
        number: issue.number,
        findingId,
        body: issueBody(finding, runUrl),
        comment: `Still seen in ${runUrl} (${finding.occurrences} occurrence${finding.occurrences === 1 ? "" : "s"}).`,
      });
    } else if (finding) {
      plan.keep.push({ number: issue.number, findingId, reason: `still seen, below --fail-on ${report.failOn}` });
    } else if (!conclusive) {
      plan.keep.push({ number: issue.number, findingId, reason: `the run was ${report.outcome}` });
    } else {
      const check = CHECK_MARK.exec(issue.body);
      if (!check)
        plan.keep.push({ number: issue.number, findingId, reason: "the issue does not say which check found it" });
      else if (!evaluated.has(`${check[1]} ${check[2]}`))
        plan.keep.push({
          number: issue.number,
          findingId,
          reason: `${check[1]} was not evaluated on ${check[2]} in this run`,
        });
      else
        plan.close.push({
          number: issue.number,
          findingId,
          comment: `Not seen in ${runUrl}, a conclusive run that evaluated ${check[1]} on ${check[2]}; closing. It comes back as a new issue if it returns.`,
        });
    }
  }
  for (const finding of report.findings) {
    if (tracked.has(finding.id) || acknowledged.has(finding.id) || SEVERITY_RANK[finding.severity] < threshold)
      continue;
    plan.open.push({ findingId: finding.id, title: issueTitle(finding), body: issueBody(finding, runUrl) });
  }
  return plan;
}
