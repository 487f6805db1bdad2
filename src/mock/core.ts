/**
 * The honest core: a parsed request in, the response the real API would give out, as data.
 * Routing comes from the spec's operation index; auth, validation and the store do the rest.
 * Nothing here knows about fault profiles.
 */
import { matchOperation } from "../spec";
import { createAuthCheck } from "./credentials";
import { createEndpoint, deleteEndpoint, retrieveEndpoint, updateEndpoint } from "./crud";
import type { CoreDeps } from "./deps";
import { listEndpoints } from "./listing";
import { plainError } from "./responses";
import type { MockHandler, MockResponse } from "./types";

const unauthorized = (): MockResponse => plainError(401, { "www-authenticate": 'Basic realm="SignalWire"' });

export function createMockCore(deps: CoreDeps): MockHandler {
  const authorized = createAuthCheck(deps.credentials);
  return (request) => {
    const match = matchOperation(request.method, request.path);
    if (!("operationId" in match)) {
      // A known path with another method is 405 with the methods it does have; anything else is 404.
      return match.pathAllowed.length > 0 ? plainError(405, { allow: match.pathAllowed.join(", ") }) : plainError(404);
    }
    if (!authorized(request.authorization)) return unauthorized();
    const id = match.params.id ?? "";
    switch (match.operationId) {
      case "list_sip_endpoints":
        return listEndpoints(deps, request);
      case "create_sip_endpoint":
        return createEndpoint(deps, request);
      case "retrieve_sip_endpoint":
        return retrieveEndpoint(deps, id);
      case "update_sip_endpoint":
        return updateEndpoint(deps, id, request);
      case "delete_sip_endpoint":
        return deleteEndpoint(deps, id);
    }
  };
}
