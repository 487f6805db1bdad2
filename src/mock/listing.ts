/**
 * Listing (spec operation `list_sip_endpoints`): newest first, substring filters, page tokens and
 * absolute `links`. A page token is `PA` followed by the id of the last endpoint of the page
 * before, as in the spec's example, so a walk needs no per-walk state: the token is resolved to
 * that endpoint's creation position and the page continues just below it.
 */
import { coerceQuery, operations } from "../spec";
import type { CoreDeps } from "./deps";
import { json, unprocessable, validationItem } from "./responses";
import type { EndpointFilter, EndpointStore } from "./store";
import type { MockRequest, MockResponse, SipEndpoint } from "./types";

const PAGE_TOKEN_PREFIX = "PA";
const DEFAULT_PAGE_SIZE = Number(operations.list_sip_endpoints.parameters.find((p) => p.name === "page_size")?.default);
const LIST_PATH = operations.list_sip_endpoints.path;

interface ListQuery {
  filter_username?: string | undefined;
  filter_caller_id?: string | undefined;
  page_number: number;
  page_size: number;
  page_token?: string | undefined;
}

export function listEndpoints(deps: CoreDeps, request: MockRequest): MockResponse {
  const raw = coerceQuery("list_sip_endpoints", new URLSearchParams(request.query));
  const problems = deps.validator.query("list_sip_endpoints", raw);
  if (problems.length > 0) return unprocessable(problems);
  const query = normalise(raw);
  let before = Number.POSITIVE_INFINITY;
  if (query.page_token !== undefined) {
    const position = tokenPosition(deps.store, query.page_token);
    if (position === undefined) return unprocessable([validationItem("Page token is invalid")]);
    before = position;
  }
  const match = filterOf(query);
  const { items, more } = deps.store.olderThan(before, query.page_size, match);
  const base = deps.publicUrl(request);
  const link = (q: ListQuery) => `${base}${LIST_PATH}?${queryString(q)}`;
  const links: Record<string, string> = {
    self: link(query),
    first: link({ ...query, page_number: 0, page_token: undefined }),
  };
  if (more)
    links.next = link({
      ...query,
      page_number: query.page_number + 1,
      page_token: PAGE_TOKEN_PREFIX + items[items.length - 1]!.id,
    });
  if (query.page_token !== undefined) links.prev = link(previousPage(deps.store, query, before, match));
  return json(200, { links, data: items });
}

/**
 * Validation already ran, so this only supplies defaults. It also keeps the walk sane when a
 * fault switched validation off: a value of the wrong kind falls back to the default.
 */
function normalise(raw: Record<string, unknown>): ListQuery {
  const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  const whole = (v: unknown, min: number) => (typeof v === "number" && Number.isInteger(v) && v >= min ? v : undefined);
  return {
    filter_username: text(raw.filter_username),
    filter_caller_id: text(raw.filter_caller_id),
    page_number: whole(raw.page_number, 0) ?? 0,
    page_size: whole(raw.page_size, 1) ?? DEFAULT_PAGE_SIZE,
    page_token: text(raw.page_token),
  };
}

function tokenPosition(store: EndpointStore, token: string): number | undefined {
  return token.startsWith(PAGE_TOKEN_PREFIX) ? store.positionOf(token.slice(PAGE_TOKEN_PREFIX.length)) : undefined;
}

function filterOf({ filter_username: user, filter_caller_id: caller }: ListQuery): EndpointFilter | undefined {
  if (user === undefined && caller === undefined) return undefined;
  const contains = (value: unknown, part: string | undefined) =>
    part === undefined || (typeof value === "string" && value.includes(part));
  return (e: SipEndpoint) => contains(e.username, user) && contains(e.caller_id, caller);
}

/**
 * The page before: the `page_size` matches just newer than this page. Its token names the match
 * beyond them; when there is none (or it would be page 0) the link is the first page itself.
 */
function previousPage(
  store: EndpointStore,
  query: ListQuery,
  before: number,
  match: EndpointFilter | undefined,
): ListQuery {
  const { beyond } = store.newerFrom(before, query.page_size, match);
  const page_number = Math.max(0, query.page_number - 1);
  if (page_number === 0 || beyond === undefined) return { ...query, page_number: 0, page_token: undefined };
  return { ...query, page_number, page_token: PAGE_TOKEN_PREFIX + beyond.id };
}

function queryString(q: ListQuery): string {
  const parts: string[] = [];
  if (q.filter_username !== undefined) parts.push(`filter_username=${encodeURIComponent(q.filter_username)}`);
  if (q.filter_caller_id !== undefined) parts.push(`filter_caller_id=${encodeURIComponent(q.filter_caller_id)}`);
  parts.push(`page_number=${q.page_number}`, `page_size=${q.page_size}`);
  if (q.page_token !== undefined) parts.push(`page_token=${encodeURIComponent(q.page_token)}`);
  return parts.join("&");
}
