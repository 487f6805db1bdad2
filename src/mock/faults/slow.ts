import { setTimeout as sleep } from "node:timers/promises";
import type { MockHandler } from "../types";
import { operationOf } from "./support";
import type { FaultProfile } from "./types";

const DEFAULT_SLOW_DELAY_MS = 60_000;

export const slow: FaultProfile = {
  options: ["delayMs"],
  description: `Retrieving an endpoint answers only after a delay (faultOptions.delayMs, default ${DEFAULT_SLOW_DELAY_MS / 1000} s), longer than a client should wait.`,
  operations: ["retrieve_sip_endpoint"],
  checks: [],
  wrap:
    (next: MockHandler, { options, signal }) =>
    (request) => {
      if (operationOf(request) !== "retrieve_sip_endpoint") return next(request);
      // Closing the server cuts the wait short; the answer then goes nowhere, as the socket is gone.
      return sleep(options.delayMs ?? DEFAULT_SLOW_DELAY_MS, undefined, { signal, ref: false }).then(
        () => next(request),
        () => next(request),
      );
    },
};
