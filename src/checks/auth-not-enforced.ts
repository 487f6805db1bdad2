import { isSuccess, type ScenarioCheck } from "./scenario-check";
import type { HttpExchange } from "./types";

/** A request sent on purpose without credentials, or with credentials the server cannot know. */
export interface AuthProbe {
  exchange: HttpExchange;
  credentials: "none" | "wrong";
}

export const authNotEnforced: ScenarioCheck<AuthProbe, "auth-not-enforced"> = {
  id: "auth-not-enforced",
  severity: "breaking",
  needs: "reads",
  firesWhen: "a request with no or wrong credentials gets a 2xx",
  run: ({ exchange, credentials }) =>
    isSuccess(exchange.status)
      ? [
          {
            pointer: "",
            expected: "401",
            actual: String(exchange.status),
            message: `${exchange.operationId} answered ${exchange.status} to a request with ${credentials === "none" ? "no" : "wrong"} credentials`,
          },
        ]
      : [],
};
