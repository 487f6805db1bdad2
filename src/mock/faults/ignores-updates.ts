import { after, operationOf } from "./support";
import type { FaultProfile } from "./types";

export const ignoresUpdates: FaultProfile = {
  description:
    "Updating an endpoint answers 200 but changes nothing, valid body or not: the answer and every later retrieve show the old values. Unknown ids and bad credentials still get 404 and 401.",
  operations: ["update_sip_endpoint"],
  checks: ["update-not-applied", "invalid-input-accepted"],
  wrap: (next) => (request) => {
    if (operationOf(request) !== "update_sip_endpoint") return next(request);
    // Answer with the endpoint as stored (same id, same credentials), without applying the body.
    return after(next({ ...request, method: "GET" }), (stored) => stored);
  },
};
