/**
 * The verdict of runtime validation, from the check catalogue (`src/checks`), whose validators are
 * precompiled from the spec: the client has no rules of its own. The analysis parses the body
 * once, and that parse is what the typed methods then return. Loaded only when validation is on.
 */
import { analyseResponse, checkAnalysed } from "../checks";
import { redactValue } from "../redact";
import { InvalidResponseError } from "./api-error";
import { observedExchange } from "./exchange";
import type { Performed } from "./transport";
import type { ValidationMode } from "./types";
import type { FindingsHook, Received } from "./validation";
import { isSuccess } from "../http-status";

/**
 * `warn`: findings go to the hook. `throw`: the same, and a success response with a breaking
 * finding raises `InvalidResponseError` (error statuses still raise their `ApiError`, which carries
 * the findings, since the status is the more useful fact).
 */
export function judge(
  mode: Exclude<ValidationMode, "off">,
  performed: Performed,
  onFindings: FindingsHook | undefined,
): Received {
  const { exchange, secrets } = performed;
  const analysis = analyseResponse(exchange);
  const findings = checkAnalysed(analysis);
  if (findings.length > 0 && onFindings)
    onFindings(redactValue(findings, secrets), observedExchange(exchange, secrets));
  if (mode === "throw" && isSuccess(exchange.status) && findings.some((f) => f.severity === "breaking")) {
    throw new InvalidResponseError(exchange, findings, secrets);
  }
  return { performed, findings, parsed: analysis.parsed };
}
