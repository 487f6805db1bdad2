import { plainError } from "../responses";
import { interceptRequests } from "./support";
import type { FaultProfile } from "./types";

export const undocumentedStatus: FaultProfile = {
  description: "Retrieving an endpoint answers 418 with a JSON error body, a status the spec does not document.",
  operations: ["retrieve_sip_endpoint"],
  checks: ["status-code-undocumented"],
  wrap: interceptRequests(["retrieve_sip_endpoint"], () => plainError(418)),
};
