import { ENDPOINT_OPERATIONS, everyEndpoint, rewriteAnswers } from "./support";
import type { FaultProfile } from "./types";

/** The undocumented handler value seen in third-party code. */
const UNKNOWN_CALL_HANDLER = "default";

export const unknownEnum: FaultProfile = {
  description: `Every SIP endpoint object in a successful answer has "call_handler": "${UNKNOWN_CALL_HANDLER}", a value the spec does not list.`,
  operations: ENDPOINT_OPERATIONS,
  checks: ["enum-value-unknown"],
  wrap: rewriteAnswers(
    ENDPOINT_OPERATIONS,
    everyEndpoint((endpoint) => ({ ...endpoint, call_handler: UNKNOWN_CALL_HANDLER })),
  ),
};
