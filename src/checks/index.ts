/**
 * The check catalogue: one module per check, findings as plain data. The client's runtime
 * validation, the mock's tests and the drift job all judge responses through `checkResponse`.
 */
import type { CheckId } from "./registry";
import { analyseResponse, type ResponseAnalysis } from "./analysis";
import { makeFinding } from "./finding";
import { RESPONSE_CHECKS } from "./registry";
import type { ScenarioCheck } from "./scenario-check";
import type { Finding, HttpExchange } from "./types";

export * from "./types";
export { RESPONSE_CHECKS, SCENARIO_CHECKS, ALL_CHECKS, checkInfo, type CheckId } from "./registry";
export type { ScenarioCheck } from "./scenario-check";
export type { ResponseAnalysis } from "./analysis";

export { idsOfEnvelope } from "./list-page";
export { stableFindingId } from "./finding";
export { analyseResponse, classifySchemaErrors } from "./analysis";
export { parseJson } from "../json-text";

/** Runs every response check on one exchange. */
export function checkResponse(exchange: HttpExchange): Finding[] {
  return checkAnalysed(analyseResponse(exchange));
}

/** `checkResponse` for callers that also want the analysis (the parsed body) for their own use. */
export function checkAnalysed(analysis: ResponseAnalysis): Finding[] {
  const findings: Finding[] = [];
  for (const check of RESPONSE_CHECKS) {
    for (const draft of check.run(analysis)) findings.push(makeFinding(check, analysis.exchange, draft));
  }
  return findings;
}

/** Runs one scenario check on its evidence. */
export function runScenarioCheck<E extends { exchange: HttpExchange }>(
  check: ScenarioCheck<E, CheckId>,
  evidence: E,
): Finding[] {
  return check.run(evidence).map((draft) => makeFinding(check, evidence.exchange, draft));
}
