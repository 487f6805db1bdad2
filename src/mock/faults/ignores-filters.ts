import { interceptRequests } from "./support";
import type { FaultProfile } from "./types";

export const ignoresFilters: FaultProfile = {
  description: "Listing ignores filter_username and filter_caller_id: a filtered list is the unfiltered one.",
  operations: ["list_sip_endpoints"],
  checks: ["filter-not-applied"],
  wrap: (next) =>
    interceptRequests(["list_sip_endpoints"], (request) => {
      const query = new URLSearchParams(request.query);
      if (!query.has("filter_username") && !query.has("filter_caller_id")) return undefined;
      query.delete("filter_username");
      query.delete("filter_caller_id");
      return next({ ...request, query: query.toString() });
    })(next),
};
