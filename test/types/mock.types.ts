/**
 * Compile-time guarantees of the mock's public types (checked by `npm run typecheck`, not jest).
 */
import {
  FAULT_PROFILES,
  startMockServer,
  type FaultName,
  type FaultProfile,
  type MockServer,
  type SipEndpoint,
} from "../../src/mock";
import type { CheckId } from "../../src/checks";
import type { components } from "../../generated/openapi";

export async function compileOnly(): Promise<void> {
  await startMockServer({ fault: "slow", faultOptions: { delayMs: 10 } });
  // @ts-expect-error: a fault name the registry does not have
  await startMockServer({ fault: "lazy" });
  // @ts-expect-error: the port is a number
  await startMockServer({ port: "4010" });
  // @ts-expect-error: fault options are the named knobs only
  await startMockServer({ faultOptions: { jitter: 3 } });

  const mock: MockServer = await startMockServer();
  const endpoints: components["schemas"]["SipEndpoint"][] = mock.endpoints();
  // @ts-expect-error: the snapshot holds response objects, which never carry the password
  endpoints[0]?.password;
  const name: FaultName = "slow";
  FAULT_PROFILES[name].description.toUpperCase();
  const same: SipEndpoint | undefined = endpoints[0];
  void same;
}

/** Check ids are a type derived from the catalogue: a fault profile cannot name a check that does not exist. */
export const profileNamingRealChecks: FaultProfile = {
  description: "d",
  operations: ["retrieve_sip_endpoint"],
  checks: ["field-missing", "resource-mismatch"],
};
export const profileWithTypo: FaultProfile = {
  description: "d",
  operations: ["retrieve_sip_endpoint"],
  // @ts-expect-error "field-mising" is not a check of the catalogue
  checks: ["field-mising"],
};
export const knownId: CheckId = "filter-not-applied";
// @ts-expect-error an id that no check has
export const unknownId: CheckId = "filter-applied";
