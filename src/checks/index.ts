/**
 * The check catalogue: one module per check, findings as plain data. The client's runtime
 * validation, the mock's tests and the drift job all judge responses through `checkResponse`.
 */
import { analyseResponse } from "./analysis";
import { makeFinding } from "./finding";
import { RESPONSE_CHECKS } from "./registry";
import type { Finding, HttpExchange } from "./types";

export * from "./types";
export { RESPONSE_CHECKS } from "./registry";
export { makeFinding, stableFindingId, describeValue } from "./finding";
export { analyseResponse, classifySchemaErrors, parseJson } from "./analysis";

/** Runs every response check on one exchange. */
export function checkResponse(exchange: HttpExchange): Finding[] {
  const analysis = analyseResponse(exchange);
  const findings: Finding[] = [];
  for (const check of RESPONSE_CHECKS) {
    for (const draft of check.run(analysis)) findings.push(makeFinding(check, exchange, draft));
  }
  return findings;
}
