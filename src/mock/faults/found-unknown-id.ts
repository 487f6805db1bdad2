import { after, operationOf, withNewest } from "./support";
import type { FaultProfile } from "./types";

export const foundUnknownId: FaultProfile = {
  description:
    "Retrieving an id that does not exist answers 200 with the newest endpoint instead of 404. Known ids answer as usual.",
  operations: ["retrieve_sip_endpoint"],
  checks: ["status-code-unexpected"],
  wrap: (next) => (request) => {
    if (operationOf(request) !== "retrieve_sip_endpoint") return next(request);
    // With no endpoint stored the 404 stands.
    return after(next(request), (found) =>
      found.status !== 404
        ? found
        : withNewest(next, request, 1, ([first]) => (first ? { status: 200, body: first } : found)),
    );
  },
};
