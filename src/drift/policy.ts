/**
 * What a team has decided about its drift, applied to a run's findings: checks switched off or
 * given another severity (for every operation or some), and findings acknowledged until a date.
 * An acknowledged finding stays in every report, marked, and does not make the run drift; past its
 * date it counts again and the report says the acknowledgement expired. The rules live here; the
 * configuration file (`config.ts`) only reads them.
 */
import { SEVERITY_RANK, type Severity } from "../checks";
import type { DriftFinding } from "./types";

interface CheckSwitch {
  enabled?: boolean;
  severity?: Severity;
  /** The operations the entry applies to; every operation when absent. */
  operations?: readonly string[];
}

interface Acknowledgement {
  finding: string;
  reason: string;
  /** YYYY-MM-DD, the last day the acknowledgement holds (UTC). */
  until: string;
}

export interface DriftPolicy {
  checks: Readonly<Record<string, CheckSwitch>>;
  acknowledged: readonly Acknowledgement[];
}

export const NO_POLICY: DriftPolicy = { checks: {}, acknowledged: [] };

export interface AcknowledgementStatus extends Acknowledgement {
  status: "active" | "expired" | "not seen";
}

const applies = (entry: CheckSwitch, operationId: string) =>
  entry.operations === undefined || entry.operations.includes(operationId);

/** Whether the policy switches a check off for an operation. */
export function isDisabled(policy: DriftPolicy, check: string, operationId: string): boolean {
  const entry = policy.checks[check];
  return entry?.enabled === false && applies(entry, operationId);
}

/** A check switched off for every operation: not evaluated at all in this run. */
export function isDisabledEverywhere(policy: DriftPolicy, check: string): boolean {
  const entry = policy.checks[check];
  return entry?.enabled === false && entry.operations === undefined;
}

/**
 * The findings as the policy has them: those of switched-off checks gone, severities replaced,
 * acknowledgements marked (expired ones too). `today` is the run's date, YYYY-MM-DD.
 */
export function applyPolicy(
  findings: readonly DriftFinding[],
  policy: DriftPolicy,
  today: string,
): { findings: DriftFinding[]; acknowledgements: AcknowledgementStatus[] } {
  const byFinding = new Map(policy.acknowledged.map((a) => [a.finding, a]));
  const out: DriftFinding[] = [];
  for (const f of findings) {
    if (isDisabled(policy, f.check, f.operationId)) continue;
    const entry = policy.checks[f.check];
    const severity = entry?.severity !== undefined && applies(entry, f.operationId) ? entry.severity : f.severity;
    const ack = byFinding.get(f.id);
    out.push({
      ...f,
      severity,
      ...(ack ? { acknowledged: { reason: ack.reason, until: ack.until, expired: ack.until < today } } : {}),
    });
  }
  const seen = new Set(out.map((f) => f.id));
  const acknowledgements = policy.acknowledged.map(
    (a): AcknowledgementStatus => ({
      ...a,
      status: !seen.has(a.finding) ? "not seen" : a.until < today ? "expired" : "active",
    }),
  );
  return { findings: out, acknowledgements };
}

/** A finding that makes the run drift: at or above `failOn`, and not acknowledged (or acknowledged past its date). */
export function counts(f: DriftFinding, failOn: Severity): boolean {
  return SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn] && !(f.acknowledged && !f.acknowledged.expired);
}

/** How reports say it: `acknowledged until 2027-01-31: ticket 12`, or that it expired. */
export function acknowledgedText(ack: NonNullable<DriftFinding["acknowledged"]>): string {
  return `${ack.expired ? "acknowledgement expired on" : "acknowledged until"} ${ack.until}: ${ack.reason}`;
}
