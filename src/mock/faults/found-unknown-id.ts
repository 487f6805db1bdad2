import { after, operationOf } from "./support";
import type { FaultProfile } from "./types";

export const foundUnknownId: FaultProfile = {
  description: "Retrieving an id that does not exist answers 200 with the newest endpoint instead of 404. Known ids answer as usual.",
  operations: ["retrieve_sip_endpoint"],
  checks: ["status-code-unexpected"],
  wrap: (next) => (request) => {
    if (operationOf(request) !== "retrieve_sip_endpoint") return next(request);
    return after(next(request), (found) => {
      if (found.status !== 404) return found;
      // The newest endpoint, as the core lists it; with none stored the 404 stands.
      return after(next({ ...request, path: "/endpoints/sip", query: "page_size=1", bodyText: "" }), (page) => {
        const [first] = ((page.body ?? {}) as { data?: unknown[] }).data ?? [];
        return page.status === 200 && first ? { status: 200, body: first } : found;
      });
    });
  },
};
