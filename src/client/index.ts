/** The typed SIP endpoint client: see `createSipEndpointsClient`. */
export { createSipEndpointsClient, type SipEndpointsClient } from "./client";
export * from "./errors";
export * from "./api-error";
export type * from "./types";
export type { RetryPolicy } from "./retry";
export { parseRetryAfter } from "./retry";
