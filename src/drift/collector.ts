/**
 * Keeps what a run has found in memory bounded by the number of distinct drifts, not by the
 * number of responses: one entry per stable finding id, with an occurrence count.
 */
import { SEVERITY_RANK, type Finding, type Severity } from "../checks";
import type { DriftFinding } from "./types";

export class FindingCollector {
  private readonly byId = new Map<string, DriftFinding>();
  private readonly pairs = new Map<string, { check: string; operationId: string }>();

  /** Adds findings seen in a step; returns the ids among them (each once). */
  add(findings: readonly Finding[], step: string): string[] {
    const ids = new Set<string>();
    for (const finding of findings) {
      ids.add(finding.id);
      const known = this.byId.get(finding.id);
      if (known) known.occurrences += 1;
      else this.byId.set(finding.id, { ...finding, occurrences: 1, step });
    }
    return [...ids];
  }

  /** Notes that a check judged an operation, whether or not it found anything. */
  evaluated(check: string, operationId: string): void {
    // Setting a known key again keeps its place in the map, so no check for it is needed.
    this.pairs.set(`${check}\n${operationId}`, { check, operationId });
  }

  get size(): number {
    return this.byId.size;
  }

  /** Worst first, then by check and operation, so reports read the same from run to run. */
  findings(): DriftFinding[] {
    return [...this.byId.values()].sort(
      (a, b) =>
        SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
        a.check.localeCompare(b.check) ||
        a.operationId.localeCompare(b.operationId) ||
        a.pointer.localeCompare(b.pointer),
    );
  }

  evaluatedPairs(): Array<{ check: string; operationId: string }> {
    return [...this.pairs.values()].sort(
      (a, b) => a.check.localeCompare(b.check) || a.operationId.localeCompare(b.operationId),
    );
  }

  countBySeverity(): Record<Severity, number> {
    const counts: Record<Severity, number> = { breaking: 0, warning: 0, info: 0 };
    for (const f of this.byId.values()) counts[f.severity] += 1;
    return counts;
  }

  /** True when a finding is at or above the threshold. */
  hasAtLeast(threshold: Severity): boolean {
    for (const f of this.byId.values()) if (SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold]) return true;
    return false;
  }
}
