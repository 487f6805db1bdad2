/**
 * Walking a list by its `links.next`, one page at a time. Only the current page is ever in memory;
 * callers keep what they need from each page (ids, counters) and drop the rest.
 */
import { idsOfEnvelope } from "../checks";
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
  /** True when the last page had no `links.next`; false when `maxPages` stopped the walk. */
  complete: boolean;
  last: PageSeen | undefined;
}

/**
 * Requests the first page with `query`, then follows `links.next` (absolute, or relative to the
 * base URL as older servers send it) until there is none or `maxPages` pages were read.
 */
export async function walkPages(
  session: DriftSession,
  options: { query: Record<string, string | number>; maxPages: number; baseUrl: string; what: string; cleanup?: boolean },
  onPage: (page: PageSeen) => void | Promise<void>,
): Promise<WalkResult> {
  let next: string | undefined;
  let last: PageSeen | undefined;
  for (let index = 0; index < options.maxPages; index++) {
    const sent = await session.request(
      index === 0 ? { operationId: "list_sip_endpoints", query: options.query } : { operationId: "list_sip_endpoints", url: next! },
      { cleanup: options.cleanup },
    );
    const body = session.requireJson(sent, `${options.what}, page ${index + 1}`);
    const items = (body as { data?: unknown }).data;
    const ids = idsOfEnvelope(body);
    if (!Array.isArray(items) || !ids) return { pages: index + 1, complete: false, last };
    last = { sent, ids, items, index };
    await onPage(last);
    next = nextLink(body, options.baseUrl);
    if (next === undefined) return { pages: index + 1, complete: true, last };
  }
  return { pages: options.maxPages, complete: false, last };
}

function nextLink(body: unknown, baseUrl: string): string | undefined {
  const links = (body as { links?: { next?: unknown } }).links;
  const next = links && typeof links === "object" ? links.next : undefined;
  if (typeof next !== "string" || next === "") return undefined;
  try {
    return new URL(next, baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`).toString();
  } catch {
    return undefined;
  }
}
