/**
 * Rules on each operation that the OpenAPI schema leaves optional but this project relies on:
 * operationIds name the client methods and validators, summaries and tags make the docs, and a
 * documented 4xx is what the client's error types and the drift checks are built from.
 */
import type { SpecSource } from "../spec-build/load";
import { problemAt, type LintProblem } from "./problem";
import { operationSites } from "../spec-build/walk";

const CLIENT_ERROR_STATUS = /^4(\d\d|XX)$/i;

export function checkOperations(spec: SpecSource): LintProblem[] {
  const problems: LintProblem[] = [];
  const firstSeen = new Map<string, string>();
  for (const { path, method, op, pointer: at } of operationSites(spec.doc)) {
    const label = `${method.toUpperCase()} ${path}`;
    const id = op.operationId;
    if (typeof id !== "string" || id.trim() === "") {
      problems.push(problemAt(spec, "operation-id-missing", at, `${label} has no operationId`));
    } else {
      const earlier = firstSeen.get(id);
      if (earlier === undefined) firstSeen.set(id, label);
      else
        problems.push(
          problemAt(
            spec,
            "operation-id-duplicate",
            `${at}/operationId`,
            `operationId "${id}" of ${label} is already used by ${earlier}`,
          ),
        );
    }
    const name = typeof id === "string" && id !== "" ? id : label;
    if (typeof op.summary !== "string" || op.summary.trim() === "") {
      problems.push(problemAt(spec, "operation-summary-missing", at, `${name} has no summary`));
    }
    if (!Array.isArray(op.tags) || !op.tags.some((t) => typeof t === "string" && t.trim() !== "")) {
      problems.push(problemAt(spec, "operation-tag-missing", at, `${name} has no tag`));
    }
    const statuses = op.responses !== null && typeof op.responses === "object" ? Object.keys(op.responses) : [];
    if (!statuses.some((s) => CLIENT_ERROR_STATUS.test(s))) {
      problems.push(
        problemAt(
          spec,
          "operation-4xx-missing",
          `${at}/responses`,
          `${name} documents no 4xx response (has: ${statuses.join(", ") || "none"})`,
        ),
      );
    }
  }
  return problems;
}
