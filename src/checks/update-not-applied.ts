import { escapePointerToken } from "../spec/json-pointer";
import { describeValue } from "./finding";
import { isSuccess, type ScenarioCheck } from "./scenario-check";
import type { UpdateEvidence } from "./update-evidence";

export const updateNotApplied: ScenarioCheck<UpdateEvidence, "update-not-applied"> = {
  id: "update-not-applied",
  severity: "breaking",
  needs: "writes",
  firesWhen: "the update's answer or the next retrieve still shows the value the update replaced",
  run: ({ exchange, body, sent, before }) => {
    // Stryker disable next-line ConditionalExpression: a string or number answer has none of the fields either; the typeof test says what is meant
    if (!isSuccess(exchange.status) || body === null || typeof body !== "object") return [];
    const got = body as Record<string, unknown>;
    return Object.entries(sent)
      .filter(([field, value]) => field in before && before[field] !== value && got[field] === before[field])
      .map(([field, value]) => ({
        pointer: `/${escapePointerToken(field)}`,
        expected: describeValue(value),
        actual: `${describeValue(got[field])} (the value before the update)`,
        message: `${field} was updated to ${describeValue(value)}, but the ${exchange.operationId === "update_sip_endpoint" ? "update's answer" : "next retrieve"} still shows ${describeValue(got[field])}`,
      }));
  },
};
