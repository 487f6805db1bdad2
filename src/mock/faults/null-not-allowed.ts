import { ENDPOINT_OPERATIONS, everyEndpoint, rewriteAnswers } from "./support";
import type { FaultProfile } from "./types";

export const nullNotAllowed: FaultProfile = {
  description:
    'Every SIP endpoint object in a successful answer has "send_as": null, a key the spec does not allow to be null.',
  operations: ENDPOINT_OPERATIONS,
  checks: ["field-type-mismatch"],
  wrap: rewriteAnswers(
    ENDPOINT_OPERATIONS,
    everyEndpoint((endpoint) => ({ ...endpoint, send_as: null })),
  ),
};
