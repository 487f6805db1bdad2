/**
 * What the spec says an answer must be, checked against the model: the status an input calls for,
 * a 422 that names the problem, an update that changed exactly the fields sent, a page that holds
 * what the store holds. Keys come from the spec's schemas, never from a list written here.
 */
import { isDeepStrictEqual } from "node:util";
import { documentedStatuses, operations, type OperationId } from "../spec";
import type { StoreModel, SipEndpoint } from "./model";
import { objectShape, validatorSchema } from "./schema";
import { fail, type Answer, type FuzzTarget } from "./target";

const endpointSchema = validatorSchema(operations.retrieve_sip_endpoint.responses["200"].bodyValidator);
/** Keys of the endpoint object as the server returns it. */
const RESPONSE_KEYS = Object.keys(objectShape(endpointSchema).properties);
/** Keys a request may set. */
const WRITABLE_KEYS = Object.keys(
  objectShape(validatorSchema(operations.update_sip_endpoint.requestBody.validator)).properties,
);
/** Request-only keys (the password among them): they must never come back. */
const WRITE_ONLY_KEYS = WRITABLE_KEYS.filter((key) => !RESPONSE_KEYS.includes(key));

const listQuery = objectShape(validatorSchema(operations.list_sip_endpoints.queryValidator));
/** The page size the spec gives a list without `page_size`. */
const DEFAULT_PAGE_SIZE = Number(listQuery.properties.page_size?.default);
/** `filter_username` → `username`: each filter is a substring match on the field it names. */
const FILTERS = Object.keys(listQuery.properties).filter((name) => name.startsWith("filter_"));

export const successStatuses = (operationId: OperationId) =>
  documentedStatuses(operationId)
    .filter((s) => s.startsWith("2"))
    .map(Number);

export function expectStatus(target: FuzzTarget, answer: Answer, allowed: readonly number[], why: string): void {
  if (!allowed.includes(answer.status))
    fail(
      target,
      `${answer.what}: expected ${allowed.join(" or ")} for ${why}, got ${answer.status}: ${answer.bodyText.slice(0, 300)}`,
    );
}

/** A 422 must say what is wrong: one of its items names the field (or the body, for a body that is wrong as a whole). */
export function expectNamed(target: FuzzTarget, answer: Answer, field: string | null): void {
  const wanted = field === null ? "request body" : field.replace(/_/g, " ").toLowerCase();
  const details: string[] = (answer.json?.errors ?? []).map((e: { detail: string }) => String(e.detail));
  if (!details.some((d) => d.toLowerCase().includes(wanted)))
    fail(target, `${answer.what}: no 422 item names "${wanted}": ${JSON.stringify(details)}`);
}

/**
 * The endpoint a create or update answered with: every key sent is stored as sent (an empty list
 * restores the project's defaults, which the spec leaves to the project), every writable key not
 * sent is unchanged, and no request-only key comes back.
 */
export function expectStored(
  target: FuzzTarget,
  answer: Answer,
  sent: Record<string, unknown>,
  before: SipEndpoint | undefined,
): SipEndpoint {
  const after = answer.json as Record<string, unknown>;
  for (const key of RESPONSE_KEYS) {
    const isSent = Object.prototype.hasOwnProperty.call(sent, key);
    if (isSent && Array.isArray(sent[key]) && (sent[key] as unknown[]).length === 0) continue;
    const want = isSent
      ? sent[key]
      : before && WRITABLE_KEYS.includes(key)
        ? (before as Record<string, unknown>)[key]
        : undefined;
    if ((isSent || want !== undefined) && !isDeepStrictEqual(after[key], want)) {
      fail(
        target,
        `${answer.what}: ${key} is ${JSON.stringify(after[key])}, expected ${JSON.stringify(want)} (${isSent ? "as sent" : "unchanged"})`,
      );
    }
  }
  if (before && after.id !== before.id)
    fail(target, `${answer.what}: the id changed from ${before.id} to ${String(after.id)}`);
  const leaked = WRITE_ONLY_KEYS.filter((key) => key in after);
  if (leaked.length > 0) fail(target, `${answer.what}: request-only keys came back: ${leaked.join(", ")}`);
  return after as unknown as SipEndpoint;
}

const matches = (query: Record<string, unknown>) => (endpoint: SipEndpoint) =>
  FILTERS.every((name) => {
    const part = query[name];
    if (part === undefined || part === "") return true;
    const value = (endpoint as unknown as Record<string, unknown>)[name.slice("filter_".length)];
    return typeof value === "string" && value.includes(String(part));
  });

/**
 * One page against the model: at most `page_size` live endpoints, each as last reported, each
 * matching the filters, newest first. A first page (no token) must be exactly the newest matches,
 * with a `next` link exactly when more exist.
 */
export function expectPage(
  target: FuzzTarget,
  model: StoreModel,
  answer: Answer,
  query: Record<string, unknown>,
): void {
  const data: SipEndpoint[] = answer.json.data;
  const size = typeof query.page_size === "number" ? query.page_size : DEFAULT_PAGE_SIZE;
  if (data.length > size) fail(target, `${answer.what}: ${data.length} endpoints on a page of ${size}`);
  let last = Number.POSITIVE_INFINITY;
  for (const endpoint of data) {
    const known = model.live.get(endpoint.id);
    if (!known) fail(target, `${answer.what}: lists ${endpoint.id}, which is not (or no longer) stored`);
    if (!isDeepStrictEqual(endpoint, known)) fail(target, `${answer.what}: lists ${endpoint.id} unlike its last state`);
    if (!matches(query)(endpoint))
      fail(target, `${answer.what}: lists ${endpoint.id}, which does not match the filters`);
    const position = model.position(endpoint.id);
    if (position >= last) fail(target, `${answer.what}: not newest first at ${endpoint.id}`);
    last = position;
  }
  if (query.page_token !== undefined) return;
  const expected = model.newestFirst().filter(matches(query));
  const ids = data.map((e) => e.id);
  if (
    !isDeepStrictEqual(
      ids,
      expected.slice(0, size).map((e) => e.id),
    )
  )
    fail(
      target,
      `${answer.what}: the first page holds ${ids.length} endpoints, expected the newest ${Math.min(size, expected.length)}`,
    );
  if ((answer.json.links.next !== undefined) !== expected.length > size)
    fail(
      target,
      `${answer.what}: links.next is ${answer.json.links.next === undefined ? "absent" : "present"} with ${expected.length} matches on pages of ${size}`,
    );
}

/** Remembers the neighbour links of a page and their tokens. */
export function rememberLinks(model: StoreModel, links: Record<string, string | undefined>): void {
  for (const rel of ["next", "prev"]) {
    const link = links[rel];
    if (link) model.rememberLink(link, new URL(link, "http://x").searchParams.get("page_token"));
  }
}
