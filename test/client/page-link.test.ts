/**
 * The one reading of `links.next` that `listAll` and the drift walk share: RFC 3986 resolution
 * against the page that carried it, followed only back to the list, with a reason for anything else.
 */
import { listUrlOf, resolvePageLink } from "../../src/client/page-link";

const BASE = "https://example.signalwire.com/api/relay/rest";
const LIST = listUrlOf(BASE);
const PAGE = `${LIST}?page_number=0&page_size=2`;

describe("resolvePageLink", () => {
  it.each([undefined, null, ""])("%j: no next page", (next) => {
    expect(resolvePageLink(next, PAGE, LIST)).toEqual({ kind: "none" });
  });

  it.each([
    [
      "an absolute link",
      `${LIST}?page_number=1&page_token=PA%2B1`,
      `${LIST}?page_number=1&page_token=PA%2B1`,
      "?page_number=1&page_token=PA%2B1",
    ],
    ["a query alone", "?page_number=2", `${LIST}?page_number=2`, "?page_number=2"],
    ["a path relative to the page", "sip?page_number=3", `${LIST}?page_number=3`, "?page_number=3"],
    ["a link without a query", LIST, LIST, ""],
    ["a fragment, which is dropped", `${LIST}?a=1#frag`, `${LIST}?a=1`, "?a=1"],
  ])("%s is a page of the list", (_name, next, url, search) => {
    expect(resolvePageLink(next, PAGE, LIST)).toEqual({ kind: "page", url, search });
  });

  it.each([
    ["a number", 2, "links.next is number, not a string"],
    ["an array", ["?page_number=1"], "links.next is an array, not a string"],
    ["an object", { href: "?p=1" }, "links.next is object, not a string"],
    ["no URL reference", "http://[broken", 'links.next "http://[broken" is not a URL reference'],
    [
      "a user without a password",
      "https://someone@example.signalwire.com/api/relay/rest/endpoints/sip",
      `links.next to ${LIST} carries credentials; it is not followed`,
    ],
    [
      "another path",
      "/api/relay/rest/phone_numbers?page=1",
      `links.next leads to https://example.signalwire.com/api/relay/rest/phone_numbers, not to the list (${LIST}); it is not followed`,
    ],
  ])("%s is unusable, with its reason", (_name, next, reason) => {
    expect(resolvePageLink(next, PAGE, LIST)).toEqual({ kind: "unusable", reason });
  });

  it("quotes at most 200 characters of a link that is no URL reference", () => {
    const long = `http://[${"x".repeat(500)}`;
    const link = resolvePageLink(long, PAGE, LIST);
    expect(link).toEqual({
      kind: "unusable",
      reason: `links.next ${JSON.stringify(long.slice(0, 200))} is not a URL reference`,
    });
  });
});
