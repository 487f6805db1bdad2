/**
 * A stateful mock of SignalWire's SIP endpoint API (`/api/relay/rest/endpoints/sip`): the
 * embedded default target of the drift job and the contract suite. An honest core answers as the
 * spec says; named fault profiles make it drift on purpose.
 */
export { startMockServer, API_BASE_PATH, type MockServer } from "./server";
export type { MockOptions } from "./options";
export { DEMO_CREDENTIALS, MockConfigError, type CredentialSource } from "./credentials";
export { FAULT_PROFILES, FAULT_NAMES, FAULT_OPTION_NAMES, isFaultName, type FaultName, type FaultOptions, type FaultProfile } from "./faults";
export { createMockCore } from "./core";
export type { CoreDeps } from "./deps";
export { EndpointStore } from "./store";
export { createIdSource, type IdSource } from "./random";
export { specValidator, type RequestValidator } from "./validation";
export { seedUsername } from "./seed";
export { PAGE_TOKEN_PREFIX } from "./listing";
export { MAX_BODY_BYTES } from "./http";
export type { Credentials, MockHandler, MockRequest, MockResponse, SipEndpoint } from "./types";
