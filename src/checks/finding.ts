import type { CheckId } from "./registry";
import { createHash } from "node:crypto";
import { operations } from "../spec";
import type { CheckInfo, Finding, FindingDraft, HttpExchange } from "./types";

/** Array indices are dropped from the id so the same drift on another list item is the same finding. */
export function stableFindingId(check: string, operationId: string, pointer: string): string {
  const shape = pointer.replace(/\/\d+(?=\/|$)/g, "/*");
  return createHash("sha256").update(`${check}\n${operationId}\n${shape}`).digest("hex").slice(0, 16);
}

export function makeFinding(
  check: CheckInfo<CheckId>,
  exchange: Pick<HttpExchange, "operationId" | "method"> & { status: number | null },
  draft: FindingDraft,
): Finding {
  return {
    id: stableFindingId(check.id, exchange.operationId, draft.pointer),
    check: check.id,
    severity: check.severity,
    operationId: exchange.operationId,
    method: exchange.method.toUpperCase(),
    path: operations[exchange.operationId].path,
    status: exchange.status,
    ...draft,
  };
}

/** A short, printable rendering of a value for `expected`/`actual` (never the whole body). */
export function describeValue(value: unknown, max = 80): string {
  if (value === undefined) return "absent";
  const text = safeStringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
