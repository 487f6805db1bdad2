import type { MockHandler } from "../types";
import { ENDPOINT_OPERATIONS, everyEndpoint, rewriteAnswers } from "./support";
import type { FaultProfile } from "./types";

/** A UUID without its dashes: still unique, no longer the documented format. */
const compactId = (id: string) => id.replace(/-/g, "");
const COMPACT_IN_PATH =
  /^(\/endpoints\/sip\/)([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})(\/?)$/i;

const rewriteIds = rewriteAnswers(
  ENDPOINT_OPERATIONS,
  everyEndpoint((endpoint) => ({ ...endpoint, id: compactId(endpoint.id) })),
);

export const badFormat: FaultProfile = {
  description:
    'Every SIP endpoint object in a successful answer has an "id" that is not a UUID (the UUID without dashes). ' +
    "Requests may use that id, so a client can carry on with the endpoints it was given.",
  operations: ENDPOINT_OPERATIONS,
  checks: ["format-mismatch"],
  wrap: (next: MockHandler) => {
    const inner = rewriteIds(next);
    return (request) => inner({ ...request, path: request.path.replace(COMPACT_IN_PATH, "$1$2-$3-$4-$5-$6$7") });
  },
};
