/**
 * The one reading of a page's `links.next`: RFC 3986 reference resolution, relative to the URL of
 * the page that carried it (so `?page_token=…` stays on the list's path), and a link is followed
 * only when it leads back to the list itself — same origin, same path, no credentials. `listAll`
 * and the drift walk both follow links through here, as the list operation with the link's query.
 */
import { operations } from "../spec";

export type PageLink =
  | { kind: "none" }
  | { kind: "page"; url: string /** The link's query, verbatim, `?` included ("" for none). */; search: string }
  | { kind: "unusable"; reason: string };

/** The URL of the list operation under a base URL, without query: what every `links.next` must lead to. */
export function listUrlOf(baseUrl: string): string {
  return `${baseUrl}${operations.list_sip_endpoints.path}`;
}

export function resolvePageLink(next: unknown, pageUrl: string, listUrl: string): PageLink {
  if (next === undefined || next === null || next === "") return { kind: "none" };
  if (typeof next !== "string")
    return {
      kind: "unusable",
      reason: `links.next is ${Array.isArray(next) ? "an array" : typeof next}, not a string`,
    };
  let target: URL;
  try {
    target = new URL(next, pageUrl);
  } catch {
    return { kind: "unusable", reason: `links.next ${JSON.stringify(next.slice(0, 200))} is not a URL reference` };
  }
  const leadsTo = `${target.origin}${target.pathname}`;
  // Only origin and path are named: the link's user info may hold a password.
  if (target.username || target.password)
    return { kind: "unusable", reason: `links.next to ${leadsTo} carries credentials; it is not followed` };
  if (leadsTo !== listUrl)
    return {
      kind: "unusable",
      reason: `links.next leads to ${leadsTo}, not to the list (${listUrl}); it is not followed`,
    };
  return { kind: "page", url: `${leadsTo}${target.search}`, search: target.search };
}
