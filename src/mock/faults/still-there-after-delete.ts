import type { MockHandler } from "../types";
import { after, operationOf } from "./support";
import type { FaultProfile } from "./types";

export const stillThereAfterDelete: FaultProfile = {
  description:
    "Deleting an endpoint answers 204 but keeps it: it can still be retrieved and listed. Unknown ids and bad credentials still get 404 and 401.",
  operations: ["delete_sip_endpoint"],
  checks: ["resource-still-available"],
  wrap: (next: MockHandler) => (request) => {
    if (operationOf(request) !== "delete_sip_endpoint") return next(request);
    // Ask the core whether the delete would succeed (same id, same credentials) without deleting.
    return after(next({ ...request, method: "GET" }), (found) => (found.status === 200 ? { status: 204 } : found));
  },
};
