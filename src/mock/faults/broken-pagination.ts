import { rewriteAnswers } from "./support";
import type { FaultProfile } from "./types";

export const brokenPagination: FaultProfile = {
  description: 'Listing never sends "links.next", even when more pages exist, so a walk stops after the first page.',
  operations: ["list_sip_endpoints"],
  checks: ["pagination-inconsistent"],
  wrap: rewriteAnswers(["list_sip_endpoints"], (response) => {
    const body = response.body as { links?: Record<string, string> } | undefined;
    // Only a page has links; error bodies pass unchanged.
    if (!body?.links) return response;
    const { next: _dropped, ...links } = body.links;
    return { ...response, body: { ...body, links } };
  }),
};
