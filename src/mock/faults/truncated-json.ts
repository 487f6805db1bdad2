import { rewriteAnswers } from "./support";
import type { FaultProfile } from "./types";

export const truncatedJson: FaultProfile = {
  description:
    "Retrieving an endpoint answers with only the first half of its JSON body (Content-Length matches the cut body).",
  operations: ["retrieve_sip_endpoint"],
  checks: ["body-not-json"],
  wrap: rewriteAnswers(["retrieve_sip_endpoint"], (response) => {
    if (response.body === undefined) return response;
    const whole = JSON.stringify(response.body);
    return {
      ...response,
      headers: { ...response.headers, "content-type": "application/json; charset=utf-8" },
      text: whole.slice(0, Math.floor(whole.length / 2)),
    };
  }),
};
