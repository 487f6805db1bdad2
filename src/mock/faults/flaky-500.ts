import type { OperationId } from "../../spec";
import type { MockHandler } from "../types";
import { plainError } from "../responses";
import { operationOf } from "./support";
import type { FaultProfile } from "./types";

/** Reads only, so that any client that retries idempotent requests gets through. */
const READS: readonly OperationId[] = ["list_sip_endpoints", "retrieve_sip_endpoint"];

export const flaky500: FaultProfile = {
  options: ["failEvery"],
  description:
    "Reads fail in a fixed rhythm: the 1st, (1+n)th, (1+2n)th … list or retrieve request answers 500 " +
    "(n = faultOptions.failEvery, default 2, so every other read), so a client that retries once always succeeds.",
  operations: READS,
  checks: [],
  wrap: (next: MockHandler, { options }) => {
    const every = Math.max(1, options.failEvery ?? 2);
    let reads = 0;
    return (request) => {
      const operationId = operationOf(request);
      // Stryker disable next-line UpdateOperator: counting down meets a multiple of `every` on the same reads as counting up
      if (operationId && READS.includes(operationId) && reads++ % every === 0) return plainError(500);
      return next(request);
    };
  },
};
