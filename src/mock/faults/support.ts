/** What the fault profiles share: which operation a request is, and rewriting answers of some operations. */
import { matchOperation, type OperationId } from "../../spec";
import { isPlainObject } from "../../spec/json-pointer";
import { isPromised, type MockHandler, type MockRequest, type MockResponse, type SipEndpoint } from "../types";

type Answer = MockResponse | Promise<MockResponse>;

export const ALL_OPERATIONS: readonly OperationId[] = [
  "list_sip_endpoints",
  "create_sip_endpoint",
  "retrieve_sip_endpoint",
  "update_sip_endpoint",
  "delete_sip_endpoint",
];

/** The operations whose successful answers carry SIP endpoint objects. */
export const ENDPOINT_OPERATIONS: readonly OperationId[] = [
  "list_sip_endpoints",
  "create_sip_endpoint",
  "retrieve_sip_endpoint",
  "update_sip_endpoint",
];

export function operationOf(request: MockRequest): OperationId | undefined {
  const match = matchOperation(request.method, request.path);
  return "operationId" in match ? match.operationId : undefined;
}

/** Applies `fn` to an answer whether it came back at once or as a promise. */
export function after(answer: Answer, fn: (response: MockResponse) => Answer): Answer {
  return isPromised(answer) ? answer.then(fn) : fn(answer);
}

/** A wrapper that rewrites the answers of the given operations and passes every other answer through. */
export function rewriteAnswers(
  operations: readonly OperationId[],
  rewrite: (response: MockResponse, request: MockRequest) => Answer,
) {
  const affected = new Set(operations);
  return (next: MockHandler): MockHandler =>
    (request) => {
      const operationId = operationOf(request);
      const answer = next(request);
      return operationId && affected.has(operationId)
        ? after(answer, (response) => rewrite(response, request))
        : answer;
    };
}

/** A wrapper that answers some requests itself (without the core ever seeing them) and passes the rest on. */
export function interceptRequests(
  operations: readonly OperationId[],
  intercept: (request: MockRequest) => Answer | undefined,
) {
  const affected = new Set(operations);
  return (next: MockHandler): MockHandler =>
    (request) => {
      const operationId = operationOf(request);
      return (operationId && affected.has(operationId) && intercept(request)) || next(request);
    };
}

/**
 * Rewrites every SIP endpoint object in a successful JSON answer (one object, or the `data` of a
 * page), leaving errors and everything else alone. `fn` must return a new object: stored
 * endpoints are shared with the store.
 */
function mapEndpoints(response: MockResponse, fn: (endpoint: SipEndpoint) => Record<string, unknown>): MockResponse {
  // Error bodies hold neither a `data` list nor an endpoint, so the body's shape alone decides.
  if (!isPlainObject(response.body)) return response;
  const body = response.body;
  if (Array.isArray(body.data)) return { ...response, body: { ...body, data: (body.data as SipEndpoint[]).map(fn) } };
  if (body.type === "sip_endpoint") return { ...response, body: fn(body as unknown as SipEndpoint) };
  return response;
}

/** The rewrite that changes one thing about every endpoint object of an answer. */
export const everyEndpoint = (fn: (endpoint: SipEndpoint) => Record<string, unknown>) => (response: MockResponse) =>
  mapEndpoints(response, fn);

/** The newest stored endpoints as the core lists them (honest answer, same credentials), then `fn`. */
export function withNewest(
  next: MockHandler,
  request: MockRequest,
  count: number,
  fn: (endpoints: Array<{ id?: unknown }>) => Answer,
): Answer {
  return after(next({ ...request, method: "GET", path: "/endpoints/sip", query: `page_size=${count}` }), (page) =>
    fn(page.status === 200 ? (((page.body ?? {}) as { data?: Array<{ id?: unknown }> }).data ?? []) : []),
  );
}
