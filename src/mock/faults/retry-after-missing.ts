import type { MockHandler } from "../types";
import { plainError } from "../responses";
import { ALL_OPERATIONS, operationOf } from "./support";
import type { FaultProfile } from "./types";

export const retryAfterMissing: FaultProfile = {
  options: ["count"],
  description:
    "The first requests after start (faultOptions.count, default 2) answer 429 without the Retry-After header " +
    "the spec requires, and change nothing; every later request is served normally.",
  operations: ALL_OPERATIONS,
  checks: ["header-invalid"],
  wrap: (next: MockHandler, { options }) => {
    let remaining = options.count ?? 2;
    return (request) => {
      if (remaining <= 0 || !operationOf(request)) return next(request);
      remaining--;
      return plainError(429);
    };
  },
};
