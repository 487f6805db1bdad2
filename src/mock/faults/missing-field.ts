import { ENDPOINT_OPERATIONS, everyEndpoint, rewriteAnswers } from "./support";
import type { FaultProfile } from "./types";

export const missingField: FaultProfile = {
  description: 'Every SIP endpoint object in a successful answer lacks the required key "caller_id".',
  operations: ENDPOINT_OPERATIONS,
  checks: ["field-missing"],
  wrap: rewriteAnswers(
    ENDPOINT_OPERATIONS,
    everyEndpoint(({ caller_id: _dropped, ...rest }) => rest),
  ),
};
