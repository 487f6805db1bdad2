import { after, operationOf, withNewest } from "./support";
import type { FaultProfile } from "./types";

export const wrongId: FaultProfile = {
  description:
    "Retrieving an endpoint answers 200 with another endpoint of the project (the newest one that is not it), whenever there is another.",
  operations: ["retrieve_sip_endpoint"],
  checks: ["resource-mismatch"],
  wrap: (next) => (request) => {
    if (operationOf(request) !== "retrieve_sip_endpoint") return next(request);
    return after(next(request), (found) => {
      if (found.status !== 200) return found;
      const asked = (found.body as { id?: unknown }).id;
      return withNewest(next, request, 2, (newest) => {
        const other = newest.find((e) => e.id !== asked);
        return other ? { status: 200, body: other } : found;
      });
    });
  },
};
