import { ENDPOINT_OPERATIONS, everyEndpoint, rewriteAnswers } from "./support";
import type { FaultProfile } from "./types";

export const wrongType: FaultProfile = {
  description:
    'Every SIP endpoint object in a successful answer has "codecs" as one comma-separated string instead of an array.',
  operations: ENDPOINT_OPERATIONS,
  checks: ["field-type-mismatch"],
  wrap: rewriteAnswers(
    ENDPOINT_OPERATIONS,
    everyEndpoint((endpoint) => ({ ...endpoint, codecs: endpoint.codecs.join(",") })),
  ),
};
