/**
 * The honest core: a parsed request in, the response the real API would give out, as data.
 * Routing comes from the spec's operation index, through a table with one handler per operation
 * id (a new operation in the spec does not compile until it is handled); auth, validation and the
 * store do the rest. Nothing here knows about fault profiles.
 */
import { matchOperation, type OperationId } from "../spec";
import { createAuthCheck } from "./credentials";
import { createEndpoint, deleteEndpoint, retrieveEndpoint, updateEndpoint } from "./crud";
import type { CoreDeps } from "./deps";
import { listEndpoints } from "./listing";
import { plainError } from "./responses";
import type { MockHandler, MockRequest, MockResponse } from "./types";

type OperationHandler = (deps: CoreDeps, request: MockRequest, id: string) => MockResponse;

const HANDLERS = {
  list_sip_endpoints: (deps, request) => listEndpoints(deps, request),
  create_sip_endpoint: (deps, request) => createEndpoint(deps, request),
  retrieve_sip_endpoint: (deps, _request, id) => retrieveEndpoint(deps, id),
  update_sip_endpoint: (deps, request, id) => updateEndpoint(deps, id, request),
  delete_sip_endpoint: (deps, _request, id) => deleteEndpoint(deps, id),
} as const satisfies Record<OperationId, OperationHandler>;

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
    return HANDLERS[match.operationId](deps, request, match.params.id ?? "");
  };
}
