/** Which operations and statuses a run exercised, against what the spec documents. */
import { documentedResponse, documentedStatuses, operations, type OperationId } from "../spec";
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
        // A status exercises the response the analysis judged it by (exact code, range or default).
        const answeredBy = new Map(codes.map((code) => [code, documentedResponse(operationId, code)?.key]));
        const exercisedKeys = new Set(answeredBy.values());
        return {
          operationId,
          method: operations[operationId].method,
          path: operations[operationId].path,
          exercised: Object.fromEntries(codes.map((code) => [String(code), statuses.get(code)!])),
          notExercised: documented.filter((key) => !exercisedKeys.has(key)),
          undocumented: codes.filter((code) => answeredBy.get(code) === undefined).map(String),
        };
      }),
      operationsNotExercised: all.filter((id) => !this.seen.has(id)),
    };
  }
}
