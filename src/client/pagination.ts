/**
 * `listAll`: walks `links.next` page by page, yielding endpoints as they arrive and keeping no
 * earlier page. Relative links resolve against the URL of the page they came from; a link that
 * does not lead back to the list is a `PaginationError`, before anything is sent.
 */
import { PaginationError } from "./errors";
import { resolvePageLink, type PageLink } from "./page-link";
import type { ListAllOptions, SipEndpoint, SipEndpointList } from "./types";

/** A page and the URL it was fetched from. */
export interface FetchedPage {
  body: SipEndpointList;
  url: string;
}

export async function* walkPages(
  first: () => Promise<FetchedPage>,
  follow: (link: Extract<PageLink, { kind: "page" }>) => Promise<FetchedPage>,
  listUrl: string,
  options: ListAllOptions = {},
): AsyncGenerator<SipEndpoint, void, undefined> {
  let page = await first();
  // Tokens alone may repeat legitimately (one token per walk), so a whole link is the key.
  const seen = new Set<string>([page.url]);
  for (let pages = 1; ; pages++) {
    yield* page.body.data;
    const link = resolvePageLink(page.body.links.next, page.url, listUrl);
    if (link.kind === "none") return;
    if (link.kind === "unusable") throw new PaginationError(page.url, pages, link.reason);
    const url = link.url;
    if (seen.has(url)) throw new PaginationError(url, pages, "links.next repeats a page already fetched");
    if (options.maxPages !== undefined && pages >= options.maxPages) {
      if (options.atMaxPages === "throw")
        throw new PaginationError(url, pages, `maxPages (${options.maxPages}) reached`);
      return;
    }
    seen.add(url);
    page = await follow(link);
  }
}
