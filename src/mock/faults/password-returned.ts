import { ENDPOINT_OPERATIONS, everyEndpoint, rewriteAnswers } from "./support";
import type { FaultProfile } from "./types";

/** A password the mock invents per endpoint, so a test can look for it in everything a run writes. */
const leakedPassword = (id: string) => `leaked-${id}`;

export const passwordReturned: FaultProfile = {
  description:
    'Every SIP endpoint object in a successful answer carries "password", which the spec marks write-only, with a value the mock invents from the id.',
  operations: ENDPOINT_OPERATIONS,
  checks: ["write-only-returned"],
  wrap: rewriteAnswers(
    ENDPOINT_OPERATIONS,
    everyEndpoint((endpoint) => ({ ...endpoint, password: leakedPassword(endpoint.id) })),
  ),
};
