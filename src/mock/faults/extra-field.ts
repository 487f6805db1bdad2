import { ENDPOINT_OPERATIONS, everyEndpoint, rewriteAnswers } from "./support";
import type { FaultProfile } from "./types";

/** The key real responses are known not to have (the object carries no timestamps). */
const EXTRA_FIELD = "created_at";

export const extraField: FaultProfile = {
  description: `Every SIP endpoint object in a successful answer gains an undocumented key, "${EXTRA_FIELD}".`,
  operations: ENDPOINT_OPERATIONS,
  checks: ["field-undocumented"],
  wrap: rewriteAnswers(
    ENDPOINT_OPERATIONS,
    everyEndpoint((endpoint) => ({ ...endpoint, [EXTRA_FIELD]: "2024-01-01T00:00:00Z" })),
  ),
};
