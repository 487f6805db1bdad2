/**
 * Opt-in runtime validation. With it off (the default) nothing of the check catalogue or the
 * validators is loaded; switching it on loads them once, on the first response to judge.
 */
import type { Finding } from "../checks/types";
import type { ParsedJson } from "../json-text";
import type { Performed } from "./transport";
import type { ClientExchange, ValidationMode } from "./types";

/** A final response as the typed layer sees it: the exchange, its findings, and its body parsed once. */
export interface Received {
  performed: Performed;
  findings: Finding[];
  /** Set when validation already parsed the body. */
  parsed: ParsedJson | undefined;
}

export type FindingsHook = (findings: Finding[], exchange: ClientExchange) => void;

export type Judge = (performed: Performed) => Received | Promise<Received>;

const NOTHING: Finding[] = [];

export function createJudge(mode: ValidationMode, onFindings: FindingsHook | undefined): Judge {
  if (mode === "off") return (performed) => ({ performed, findings: NOTHING, parsed: undefined });
  let loading: Promise<typeof import("./judge")> | undefined;
  const hook = onFindings ?? (mode === "warn" ? warnOncePerFinding() : undefined);
  return async (performed) => {
    const { judge } = await (loading ??= import("./judge"));
    return judge(mode, performed, hook);
  };
}

/**
 * `warn` without `onFindings`: each finding goes to Node's warning channel (stderr by default,
 * `process.on("warning")` to catch it) once per finding id for the life of the client, so a
 * drifting list page of 1,000 items is one warning, not a thousand, and nothing is dropped silently.
 */
function warnOncePerFinding(): FindingsHook {
  const warned = new Set<string>();
  return (findings) => {
    for (const f of findings) {
      if (warned.has(f.id)) continue;
      warned.add(f.id);
      const text = `${f.method} ${f.path} → ${f.status}: ${f.check} at ${f.pointer || "(whole body)"}: ${f.message}`;
      if (typeof process === "object" && typeof process.emitWarning === "function")
        process.emitWarning(text, { type: "SipEndpointsSpecWarning", code: f.check });
      else console.warn(text);
    }
  };
}

/** Findings for a success the typed methods cannot use, when validation did not already judge it. */
export async function findingsOf(received: Received): Promise<Finding[]> {
  // Stryker disable next-line ConditionalExpression: judging again finds the same; the test only spares the work
  if (received.findings.length > 0) return received.findings;
  const { checkResponse } = await import("../checks");
  return checkResponse(received.performed.exchange);
}
