import type { MockHandler } from "../types";
import { plainError } from "../responses";
import { ALL_OPERATIONS, operationOf } from "./support";
import type { FaultProfile } from "./types";

export const rateLimit: FaultProfile = {
  options: ["count", "retryAfterSeconds"],
  description:
    "The first requests after start (faultOptions.count, default 2) answer 429 with Retry-After " +
    "(faultOptions.retryAfterSeconds, default 1) and change nothing; every later request is served normally.",
  operations: ALL_OPERATIONS,
  checks: [],
  wrap: (next: MockHandler, { options }) => {
    let remaining = options.count ?? 2;
    const retryAfter = String(options.retryAfterSeconds ?? 1);
    return (request) => {
      if (remaining > 0 && operationOf(request)) {
        remaining--;
        return plainError(429, { "retry-after": retryAfter });
      }
      return next(request);
    };
  },
};
