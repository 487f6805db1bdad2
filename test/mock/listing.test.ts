/**
 * Listing: newest first, substring filters, page tokens and the links of a walk.
 */
import { startMockServer, type MockServer } from "../../src/mock";
import { seedUsername } from "../../src/mock/seed";
import { mockClient, newEndpointRequest, type MockClient } from "../support/mock";

let mock: MockServer;
let client: MockClient;

beforeEach(async () => {
  mock = await startMockServer({ env: {}, seedCount: 10, seed: "listing" });
  client = mockClient(mock, { checkSpec: true });
});
afterEach(() => mock.close());

const usernames = (reply: { json: any }) => reply.json.data.map((e: { username: string }) => e.username);
const seeds = (...numbers: number[]) => numbers.map(seedUsername);

/** Follows `links.next` from a first URL and returns every page's reply. */
async function walk(firstUrl: string) {
  const pages = [];
  let url: string | undefined = firstUrl;
  while (url) {
    const reply = await client.call("GET", url);
    expect(reply.status).toBe(200);
    pages.push(reply);
    url = reply.json.links.next;
  }
  return pages;
}

test("lists newest first, with new endpoints ahead of older ones", async () => {
  await client.call("POST", "/endpoints/sip", { body: newEndpointRequest("newest") });
  const reply = await client.call("GET", "/endpoints/sip?page_size=4");
  expect(usernames(reply)).toEqual(["newest", ...seeds(10, 9, 8)]);
});

test("without page_size a page holds the spec's default of 50", async () => {
  const big = await startMockServer({ env: {}, seedCount: 60 });
  try {
    const reply = await mockClient(big, { checkSpec: true }).call("GET", "/endpoints/sip");
    expect(reply.json.data).toHaveLength(50);
    expect(reply.json.links.next).toContain("page_size=50");
  } finally {
    await big.close();
  }
});

test("a walk by links.next sees every endpoint once, and only the last page lacks next", async () => {
  const pages = await walk(`${mock.url}/endpoints/sip?page_size=3`);
  expect(pages.map(usernames)).toEqual([seeds(10, 9, 8), seeds(7, 6, 5), seeds(4, 3, 2), seeds(1)]);
  expect(pages.map((p) => "next" in p.json.links)).toEqual([true, true, true, false]);
  expect(pages.map((p) => "prev" in p.json.links)).toEqual([false, true, true, true]);
});

test("links are absolute, carry the query, and tokens are PA + a UUID", async () => {
  const reply = await client.call("GET", "/endpoints/sip?filter_username=seed&page_size=2");
  const { self, first, next } = reply.json.links;
  expect(self).toBe(`${mock.url}/endpoints/sip?filter_username=seed&page_number=0&page_size=2`);
  expect(first).toBe(self);
  const nextUrl = new URL(next);
  expect(`${nextUrl.origin}${nextUrl.pathname}`).toBe(`${mock.url}/endpoints/sip`);
  expect(Object.fromEntries(nextUrl.searchParams)).toEqual({
    filter_username: "seed",
    page_number: "1",
    page_size: "2",
    page_token: expect.stringMatching(/^PA[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
  });
  const second = await client.call("GET", next);
  expect(second.json.links.self).toBe(next);
});

test("prev leads back to the page before, and from page 1 to the first page", async () => {
  const pages = await walk(`${mock.url}/endpoints/sip?page_size=3`);
  for (let i = 1; i < pages.length; i++) {
    const back = await client.call("GET", pages[i]!.json.links.prev);
    expect(usernames(back)).toEqual(usernames(pages[i - 1]!));
  }
  expect(pages[1]!.json.links.prev).toBe(pages[0]!.json.links.self);
});

test.each([
  { filter: "filter_username=seed-0000", want: seeds(9, 8, 7, 6, 5, 4, 3, 2, 1) },
  { filter: "filter_username=00010", want: seeds(10) },
  { filter: "filter_caller_id=Seed", want: seeds(9, 5, 1) },
  { filter: "filter_caller_id=Desk&filter_username=seed-0000", want: seeds(7, 3) },
  { filter: "filter_username=nobody", want: [] },
])("$filter keeps only the endpoints containing the text", async ({ filter, want }) => {
  const pages = await walk(`${mock.url}/endpoints/sip?${filter}&page_size=2`);
  expect(pages.flatMap(usernames)).toEqual(want);
  for (const page of pages) expect(page.json.links.self).toContain(filter.split("&")[0]);
});

test("a walk resumes even when the endpoint its token names was deleted", async () => {
  const first = await client.call("GET", "/endpoints/sip?page_size=3");
  const cursor = first.json.data[2].id;
  expect((await client.call("DELETE", `/endpoints/sip/${cursor}`)).status).toBe(204);
  const second = await client.call("GET", first.json.links.next);
  expect(usernames(second)).toEqual(seeds(7, 6, 5));
});

test("endpoints created during a walk do not show up in its later pages", async () => {
  const first = await client.call("GET", "/endpoints/sip?page_size=5");
  await client.call("POST", "/endpoints/sip", { body: newEndpointRequest("late") });
  const rest = await walk(first.json.links.next);
  expect([...usernames(first), ...rest.flatMap(usernames)]).toEqual(seeds(10, 9, 8, 7, 6, 5, 4, 3, 2, 1));
});

test("page_size 1000 walks a large store in full pages", async () => {
  const big = await startMockServer({ env: {}, seedCount: 2_001, seed: 7 });
  try {
    const bigClient = mockClient(big, { checkSpec: true });
    const sizes: number[] = [];
    let url: string | undefined = `${big.url}/endpoints/sip?page_size=1000`;
    const seen = new Set<string>();
    while (url) {
      const reply = await bigClient.call("GET", url);
      sizes.push(reply.json.data.length);
      for (const e of reply.json.data) seen.add(e.id);
      url = reply.json.links.next;
    }
    expect(sizes).toEqual([1000, 1000, 1]);
    expect(seen.size).toBe(2_001);
  } finally {
    await big.close();
  }
});

test.each([
  ["an id nobody has", "PA00000000-0000-4000-8000-000000000000"],
  ["another prefix", "XY__ID__"],
  ["the prefix alone", "PA"],
])("a page token naming %s is refused with 422", async (_name, token) => {
  const id = mock.endpoints()[0]!.id;
  const reply = await client.call(
    "GET",
    `/endpoints/sip?page_token=${encodeURIComponent(token.replace("__ID__", id))}`,
  );
  expect(reply.status).toBe(422);
  expect(reply.json).toEqual({
    errors: [{ detail: "Page token is invalid", status: "422", title: "Invalid Attribute", code: "422" }],
  });
});

test("a filter with characters that need escaping round-trips through the links", async () => {
  await client.call("POST", "/endpoints/sip", { body: newEndpointRequest("x", { caller_id: "a b&c=d/é" }) });
  await client.call("POST", "/endpoints/sip", { body: newEndpointRequest("y", { caller_id: "a b&c=d/é too" }) });
  const first = await client.call(
    "GET",
    `/endpoints/sip?filter_caller_id=${encodeURIComponent("a b&c=d/é")}&page_size=1`,
  );
  expect(usernames(first)).toEqual(["y"]);
  expect(new URL(first.json.links.self).searchParams.get("filter_caller_id")).toBe("a b&c=d/é");
  const second = await client.call("GET", first.json.links.next);
  expect(usernames(second)).toEqual(["x"]);
  expect(second.json.links).not.toHaveProperty("next");
  const back = await client.call("GET", second.json.links.prev);
  expect(usernames(back)).toEqual(["y"]);
});

test("a token given with page_number 0 has the first page as its prev, never a page -1", async () => {
  const [first, second] = await walk(`${mock.url}/endpoints/sip?page_size=3`);
  const token = new URL(second!.json.links.next).searchParams.get("page_token")!;
  const reply = await client.call("GET", `/endpoints/sip?page_size=3&page_number=0&page_token=${token}`);
  expect(usernames(reply)).toEqual(seeds(4, 3, 2));
  expect(reply.json.links.prev).toBe(first!.json.links.self);
});

test("prev keeps the filter and the page number counts down", async () => {
  const pages = await walk(`${mock.url}/endpoints/sip?filter_username=seed-0000&page_size=2`);
  expect(pages).toHaveLength(5);
  const prev = new URL(pages[3]!.json.links.prev);
  expect(prev.searchParams.get("filter_username")).toBe("seed-0000");
  expect(prev.searchParams.get("page_number")).toBe("2");
  expect(usernames(await client.call("GET", prev.href))).toEqual(usernames(pages[2]!));
});

test("with validation off, values of the wrong kind fall back to the defaults", async () => {
  const lax = await startMockServer({ env: {}, seedCount: 60, fault: "accepts-invalid" });
  try {
    const laxClient = mockClient(lax, { checkSpec: false });
    const reply = await laxClient.call("GET", "/endpoints/sip?page_size=0&page_number=-1&filter_username=");
    expect(reply.status).toBe(200);
    expect(reply.json.data).toHaveLength(50);
    expect(reply.json.links.self).toBe(`${lax.url}/endpoints/sip?page_number=0&page_size=50`);
    const fraction = await laxClient.call("GET", "/endpoints/sip?page_size=2.5&page_number=1.5");
    expect(fraction.json.data).toHaveLength(50);
    expect(new URL(fraction.json.links.next).searchParams.get("page_number")).toBe("1");
  } finally {
    await lax.close();
  }
});
