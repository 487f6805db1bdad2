/** The typed SIP endpoint client: see `createSipEndpointsClient`. */
export { createSipEndpointsClient, type SipEndpointsClient } from "./client";
export * from "./errors";
export * from "./api-error";
export type * from "./types";
export type { RetryPolicy } from "./retry";
export { parseRetryAfter } from "./retry";
export type { Finding, Severity, HttpExchange } from "../checks/types";
export type { OperationId } from "../spec";
export type { paths, components, operations } from "../../generated/openapi";
