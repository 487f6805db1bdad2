import { rewriteAnswers } from "./support";
import type { FaultProfile } from "./types";

export const created201: FaultProfile = {
  description:
    "Creating an endpoint answers 201 (the older documentation's status) instead of 200; documented, but not the status the spec expects first.",
  operations: ["create_sip_endpoint"],
  checks: ["status-code-alternative"],
  wrap: rewriteAnswers(["create_sip_endpoint"], (response) =>
    response.status === 200 ? { ...response, status: 201 } : response,
  ),
};
