/**
 * A stateful mock of SignalWire's SIP endpoint API (`/api/relay/rest/endpoints/sip`): the
 * embedded default target of the drift job and the contract suite. An honest core answers as the
 * spec says; named fault profiles make it drift on purpose. This is the package's `./mock` entry:
 * what an app's own tests start and configure, nothing of the internals.
 */
export { createMock, API_BASE_PATH, type Mock, type RecordedRequest } from "./mock";
export { startMockServer, type MockServer } from "./server";
export type { MockOverride } from "./override";
export type { MockOptions } from "./options";
export { DEMO_CREDENTIALS, MockConfigError, type CredentialSource } from "./credentials";
export {
  FAULT_PROFILES,
  FAULT_NAMES,
  FAULT_OPTION_NAMES,
  isFaultName,
  type FaultName,
  type FaultOptions,
  type FaultProfile,
} from "./faults";
export type { Credentials, SipEndpoint } from "./types";
// A fault profile names the checks it breaks (FaultProfile.breaks); their types are part of its shape.
export type { CheckInfo, FindingDraft } from "../checks/types";
