/**
 * The one reading of a page's `links.next` (RFC 3986 reference resolution, relative to the URL of
 * the page that carried it, so `?page_token=…` stays on the list's path). `listAll` and the drift
 * walk both follow links through here.
 */
export type PageLink = { kind: "none" } | { kind: "url"; url: string } | { kind: "malformed"; reason: string };

export function resolvePageLink(next: unknown, pageUrl: string): PageLink {
  if (next === undefined || next === null || next === "") return { kind: "none" };
  if (typeof next !== "string") return { kind: "malformed", reason: `links.next is ${Array.isArray(next) ? "an array" : typeof next}, not a string` };
  try {
    return { kind: "url", url: new URL(next, pageUrl).href };
  } catch {
    return { kind: "malformed", reason: `links.next ${JSON.stringify(next.slice(0, 200))} is not a URL reference` };
  }
}
