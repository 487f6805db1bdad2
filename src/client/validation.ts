/**
 * Opt-in runtime validation. The verdict comes from the check catalogue (`src/checks`), whose
 * validators are precompiled from the spec: the client has no rules of its own. The analysis
 * parses the body once, and that parse is what the typed methods then return.
 */
import { analyseResponse, checkAnalysed, type Finding, type ResponseAnalysis } from "../checks";
import { redactValue } from "../redact";
import { InvalidResponseError } from "./api-error";
import { observedExchange } from "./exchange";
import type { Performed } from "./transport";
import type { ClientExchange, ValidationMode } from "./types";

/** A final response as the typed layer sees it: the exchange, its findings, and its body parsed once. */
export interface Received {
  performed: Performed;
  findings: Finding[];
  /** Set when validation already parsed the body. */
  parsed: ResponseAnalysis["parsed"] | undefined;
}

export type FindingsHook = (findings: Finding[], exchange: ClientExchange) => void;

const NOTHING: Finding[] = [];

/**
 * `warn`: findings go to the hook. `throw`: the same, and a success response with a breaking
 * finding raises `InvalidResponseError` (error statuses still raise their `ApiError`, which carries
 * the findings, since the status is the more useful fact).
 */
export function judge(mode: ValidationMode, performed: Performed, onFindings: FindingsHook | undefined): Received {
  if (mode === "off") return { performed, findings: NOTHING, parsed: undefined };
  const { exchange, secrets } = performed;
  const analysis = analyseResponse(exchange);
  const findings = checkAnalysed(analysis);
  if (findings.length > 0 && onFindings) onFindings(redactValue(findings, secrets), observedExchange(exchange, secrets));
  const success = exchange.status >= 200 && exchange.status < 300;
  if (mode === "throw" && success && findings.some((f) => f.severity === "breaking")) {
    throw new InvalidResponseError(exchange, findings, secrets);
  }
  return { performed, findings, parsed: analysis.parsed };
}
