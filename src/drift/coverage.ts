/** Which operations and statuses a run exercised, against what the spec documents. */
import { documentedStatuses, operations, type OperationId } from "../spec";
import type { OperationCoverage } from "./types";

export class CoverageTracker {
  private readonly seen = new Map<OperationId, Map<number, number>>();

  record(operationId: OperationId, status: number): void {
    let statuses = this.seen.get(operationId);
    if (!statuses) this.seen.set(operationId, (statuses = new Map()));
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }

  summary(): { operations: OperationCoverage[]; operationsNotExercised: string[] } {
    const all = Object.keys(operations) as OperationId[];
    return {
      operations: all.map((operationId) => {
        const statuses = this.seen.get(operationId) ?? new Map<number, number>();
        const documented = documentedStatuses(operationId);
        const codes = [...statuses.keys()].sort((a, b) => a - b);
        return {
          operationId,
          method: operations[operationId].method,
          path: operations[operationId].path,
          exercised: Object.fromEntries(codes.map((code) => [String(code), statuses.get(code)!])),
          notExercised: documented.filter((doc) => !codes.some((code) => covers(doc, code))),
          undocumented: codes.filter((code) => !documented.some((doc) => covers(doc, code))).map(String),
        };
      }),
      operationsNotExercised: all.filter((id) => !this.seen.has(id)),
    };
  }
}

/** A documented key covers a status exactly, as a range (`4XX`) or as `default`. */
function covers(documented: string, status: number): boolean {
  const key = documented.toUpperCase();
  if (key === "DEFAULT") return true;
  if (/^\dXX$/.test(key)) return key[0] === String(status)[0];
  return key === String(status);
}
