import type { FaultProfile } from "./types";

export const acceptsInvalid: FaultProfile = {
  description:
    "Request validation is off: invalid bodies and query parameters are accepted and stored as sent " +
    "(store rules such as unique usernames still hold).",
  operations: ["list_sip_endpoints", "create_sip_endpoint", "update_sip_endpoint"],
  checks: ["invalid-input-accepted"],
  configure: (deps) => ({ ...deps, validator: { query: () => [], body: () => [] } }),
};
