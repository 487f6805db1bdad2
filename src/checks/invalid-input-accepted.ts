import { isSuccess, type ScenarioCheck } from "./scenario-check";
import type { HttpExchange } from "./types";

/**
 * A request the spec's own validators refuse, sent on purpose. `pointer` addresses the offending
 * part of the request (its query or body), which keeps one finding per broken rule.
 */
export interface InvalidInputProbe {
  exchange: HttpExchange;
  pointer: string;
  /** What the spec says about that part of the request, e.g. "must be <= 1000". */
  rule: string;
}

export const invalidInputAccepted: ScenarioCheck<InvalidInputProbe, "invalid-input-accepted"> = {
  id: "invalid-input-accepted",
  severity: "warning",
  needs: "reads",
  firesWhen: "a request the spec forbids gets a 2xx",
  locatedAt: "request",
  run: ({ exchange, pointer, rule }) =>
    isSuccess(exchange.status)
      ? [
          {
            pointer,
            expected: `a refusal (4xx): request ${pointer || "/"} ${rule}`,
            actual: String(exchange.status),
            message: `${exchange.operationId} accepted a request whose ${pointer || "body"} ${rule} (answered ${exchange.status})`,
          },
        ]
      : [],
};
