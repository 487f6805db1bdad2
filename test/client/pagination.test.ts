/**
 * listAll walks `links.next`: absolute or relative links, stops when there is none, refuses links
 * to another origin and links it has already followed, and streams (a page is fetched only when
 * the previous one has been consumed).
 */
import { isPaginationError, type SipEndpoint } from "../../src/client";
import { BASE, endpoint, json, page, rejection, scriptedFetch, testClient } from "./fixtures";

const ids = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) =>
    endpoint({ id: `00000000-0000-4000-8000-${String(from + i).padStart(12, "0")}`, username: `u${from + i}` }),
  );

async function collect(iterable: AsyncIterable<SipEndpoint>): Promise<string[]> {
  const out: string[] = [];
  for await (const e of iterable) out.push(e.username);
  return out;
}

describe("walking pages", () => {
  it("follows absolute and relative links until next is absent", async () => {
    const { fetch, requests } = scriptedFetch(
      json(200, page(ids(2, 0), { next: `${BASE}/endpoints/sip?page_number=1&page_size=2&page_token=PA1` })),
      json(200, page(ids(2, 2), { next: "/api/relay/rest/endpoints/sip?page_number=2&page_size=2&page_token=PA1" })),
      json(200, page(ids(2, 4), { next: "?page_number=3&page_size=2&page_token=PA1" })),
      json(200, page(ids(1, 6))),
    );
    const got = await collect(testClient(fetch).client.listAll({ page_size: 2 }));
    expect(got).toEqual(["u0", "u1", "u2", "u3", "u4", "u5", "u6"]);
    expect(requests.map((r) => r.url)).toEqual([
      `${BASE}/endpoints/sip?page_size=2`,
      `${BASE}/endpoints/sip?page_number=1&page_size=2&page_token=PA1`,
      `${BASE}/endpoints/sip?page_number=2&page_size=2&page_token=PA1`,
      `${BASE}/endpoints/sip?page_number=3&page_size=2&page_token=PA1`,
    ]);
    expect(requests.every((r) => r.headers.authorization?.startsWith("Basic "))).toBe(true);
  });

  it("passes the filter and page_size up to 1000 on the first request", async () => {
    const { fetch, requests } = scriptedFetch(json(200, page(ids(3))));
    expect(await collect(testClient(fetch).client.listAll({ filter_username: "ali", page_size: 1000 }))).toHaveLength(
      3,
    );
    expect(requests[0]!.url).toBe(`${BASE}/endpoints/sip?filter_username=ali&page_size=1000`);
  });

  it("fetches the next page only when the consumer gets there", async () => {
    const { fetch, requests } = scriptedFetch(
      json(200, page(ids(2), { next: `${BASE}/endpoints/sip?page_number=1` })),
      json(200, page(ids(2, 2))),
    );
    const iterator = testClient(fetch).client.listAll()[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.username).toBe("u0");
    expect((await iterator.next()).value?.username).toBe("u1");
    expect(requests).toHaveLength(1);
    expect((await iterator.next()).value?.username).toBe("u2");
    expect(requests).toHaveLength(2);
  });

  it("stops asking when the consumer stops", async () => {
    const { fetch, requests } = scriptedFetch(json(200, page(ids(2), { next: `${BASE}/endpoints/sip?page_number=1` })));
    for await (const _ of testClient(fetch).client.listAll()) break;
    expect(requests).toHaveLength(1);
  });
});

describe("links that would never end or would leak", () => {
  it("refuses a link it has already followed", async () => {
    const loop = `${BASE}/endpoints/sip?page_number=1&page_token=PA1`;
    const { fetch, requests } = scriptedFetch(
      json(200, page(ids(1), { next: loop })),
      json(200, page(ids(1, 1), { next: loop })),
    );
    const error = await rejection(collect(testClient(fetch).client.listAll()));
    expect(isPaginationError(error)).toBe(true);
    expect((error as Error).message).toContain("repeats a page already fetched");
    expect(requests).toHaveLength(2);
  });

  it("refuses a next link equal to the first page", async () => {
    const { fetch, requests } = scriptedFetch(json(200, page(ids(1), { next: `${BASE}/endpoints/sip` })));
    expect(isPaginationError(await rejection(collect(testClient(fetch).client.listAll())))).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it("keeps the same token across pages (one token per walk is normal)", async () => {
    const { fetch } = scriptedFetch(
      json(200, page(ids(1), { next: `${BASE}/endpoints/sip?page_number=1&page_token=PAsame` })),
      json(200, page(ids(1, 1), { next: `${BASE}/endpoints/sip?page_number=2&page_token=PAsame` })),
      json(200, page(ids(1, 2))),
    );
    expect(await collect(testClient(fetch).client.listAll())).toEqual(["u0", "u1", "u2"]);
  });

  it.each([
    [
      "another host",
      "https://evil.example/api/relay/rest/endpoints/sip?page_number=1",
      /leads to https:\/\/evil\.example\/api\/relay\/rest\/endpoints\/sip, not to the list/,
    ],
    [
      "plain http",
      "http://example.signalwire.com/api/relay/rest/endpoints/sip?page_number=1",
      /leads to http:\/\/example/,
    ],
    [
      "credentials in the link",
      "https://u:secret-in-link@example.signalwire.com/api/relay/rest/endpoints/sip",
      /carries credentials/,
    ],
    ["a protocol-relative link", "//evil.example/api/relay/rest/endpoints/sip", /leads to https:\/\/evil\.example/],
    [
      "another path on the same origin",
      "/api/relay/rest/endpoints/sip/extra?page_number=1",
      /leads to .*\/endpoints\/sip\/extra, not to the list/,
    ],
    ["another resource", "../phone_numbers?page_number=1", /leads to .*\/api\/relay\/rest\/phone_numbers, not/],
  ])("refuses a next link to %s without requesting it", async (_name, next, reason) => {
    const { fetch, requests } = scriptedFetch(json(200, page(ids(2), { next })));
    const seen: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const e of testClient(fetch).client.listAll()) seen.push(e.username);
      })(),
    );
    expect(isPaginationError(error)).toBe(true);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).not.toContain("secret-in-link");
    expect(seen).toEqual(["u0", "u1"]);
    expect(requests).toHaveLength(1);
  });

  it("stops at maxPages, quietly, having yielded those pages' endpoints", async () => {
    let n = 0;
    const { fetch, requests } = scriptedFetch(() =>
      json(200, page(ids(1, n), { next: `${BASE}/endpoints/sip?page_number=${++n}` }))(),
    );
    const seen = await collect(testClient(fetch).client.listAll(undefined, { maxPages: 5 }));
    expect(seen).toHaveLength(5);
    expect(requests).toHaveLength(5);
  });

  it("throws at maxPages when asked to, after yielding those pages' endpoints", async () => {
    let n = 0;
    const { fetch } = scriptedFetch(() =>
      json(200, page(ids(1, n), { next: `${BASE}/endpoints/sip?page_number=${++n}` }))(),
    );
    const seen: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const endpoint of testClient(fetch).client.listAll(undefined, { maxPages: 5, atMaxPages: "throw" }))
          seen.push(endpoint);
      })(),
    );
    expect(isPaginationError(error)).toBe(true);
    expect(error).toMatchObject({ pages: 5 });
    expect(seen).toHaveLength(5);
  });

  it("raises the page's ApiError when a later page fails", async () => {
    const { fetch } = scriptedFetch(
      json(200, page(ids(1), { next: `${BASE}/endpoints/sip?page_number=1` })),
      json(422, {
        errors: [{ detail: "page_token is invalid", status: "422", title: "Invalid Parameter", code: "x" }],
      }),
    );
    const error = await rejection(collect(testClient(fetch).client.listAll()));
    expect(error).toMatchObject({ status: 422, url: `${BASE}/endpoints/sip?page_number=1` });
  });
});
