/**
 * Walking a list by its `links.next`, one page at a time. Only the current page is ever in memory;
 * callers keep what they need from each page (ids, counters) and drop the rest.
 */
import { idsOfEnvelope, SCENARIO_CHECKS } from "../checks";
import { listUrlOf, resolvePageLink } from "../client/page-link";
import { isPlainObject } from "../spec/json-pointer";
import type { DriftSession, Sent } from "./session";

export interface PageSeen {
  sent: Sent;
  /** The page's items' ids in order ("" for an item without one). */
  ids: string[];
  /** The page's items, for callers that need more than ids; do not keep them. */
  items: unknown[];
  index: number;
}

export interface WalkResult {
  pages: number;
  /** True when the last page had no `links.next`; false when `maxPages` or a broken link stopped the walk. */
  complete: boolean;
  last: PageSeen | undefined;
}

/**
 * Requests the first page with `query`, then follows `links.next` (resolved against the page that
 * carried it) until there is none or `maxPages` pages were read. A link that cannot be followed
 * (not a URL reference, not back to the list, or one that answers 404) is a `pagination-inconsistent`
 * finding on the page that carried it, and ends the walk there; the run goes on.
 */
export async function walkPages(
  session: DriftSession,
  options: {
    query: Record<string, string | number>;
    maxPages: number;
    baseUrl: string;
    what: string;
    cleanup?: boolean;
  },
  onPage: (page: PageSeen) => void | Promise<void>,
): Promise<WalkResult> {
  let next: { url: string; search: string } | undefined;
  const listUrl = listUrlOf(options.baseUrl);
  let last: PageSeen | undefined;
  for (let index = 0; index < options.maxPages; index++) {
    const sent = await session.request(
      index === 0
        ? { operationId: "list_sip_endpoints", query: options.query }
        : { operationId: "list_sip_endpoints", search: next!.search },
      { cleanup: options.cleanup, followsLink: index > 0 },
    );
    if (last && sent.exchange.status === 404)
      return brokenLink(session, last, `links.next ${next!.url} answered 404`, index);
    const body = session.expectJson(sent, `${options.what}, page ${index + 1}`);
    const items = (body as { data?: unknown }).data;
    const ids = idsOfEnvelope(body);
    if (!Array.isArray(items) || !ids) return { pages: index + 1, complete: false, last };
    last = { sent, ids, items, index };
    await onPage(last);
    const links = (body as { links?: unknown }).links;
    const link = resolvePageLink(isPlainObject(links) ? links.next : undefined, sent.exchange.url, listUrl);
    if (link.kind === "none") return { pages: index + 1, complete: true, last };
    if (link.kind === "unusable") return brokenLink(session, last, link.reason, index + 1);
    next = link;
  }
  return { pages: options.maxPages, complete: false, last };
}

function brokenLink(session: DriftSession, page: PageSeen, problem: string, pages: number): WalkResult {
  session.judge(SCENARIO_CHECKS.paginationInconsistent, { kind: "link", exchange: page.sent.exchange, problem });
  return { pages, complete: false, last: page };
}
