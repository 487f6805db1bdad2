import { isDeepStrictEqual } from "node:util";
import { escapePointerToken } from "../spec/json-pointer";
import { describeValue } from "./finding";
import { isSuccess, type ScenarioCheck } from "./scenario-check";
import type { UpdateEvidence } from "./update-evidence";

/**
 * The spec's update changes the fields sent and leaves every other field as it was: a field the
 * update did not send that shows another value afterwards is a side effect (a PUT that resets
 * what it was not given, say). A field absent afterwards is `field-missing`'s.
 */
export const updateSideEffect: ScenarioCheck<UpdateEvidence, "update-side-effect"> = {
  id: "update-side-effect",
  severity: "breaking",
  needs: "writes",
  firesWhen:
    "the update's answer or the next retrieve shows another value for a field the update did not send (the spec's update leaves every other field as it was)",
  run: ({ exchange, body, sent, before }) => {
    if (!isSuccess(exchange.status) || body === null || typeof body !== "object" || Array.isArray(body)) return [];
    const got = body as Record<string, unknown>;
    return Object.keys(before)
      .filter((field) => !(field in sent) && field in got && !isDeepStrictEqual(got[field], before[field]))
      .map((field) => ({
        pointer: `/${escapePointerToken(field)}`,
        expected: `${describeValue(before[field])} (unchanged: the update did not send it)`,
        actual: describeValue(got[field]),
        message: `the update sent only ${Object.keys(sent).join(", ")}, but the ${exchange.operationId === "update_sip_endpoint" ? "update's answer" : "next retrieve"} shows ${field} changed from ${describeValue(before[field])} to ${describeValue(got[field])}`,
      }));
  },
};
