/**
 * The response serialiser caches the encoded JSON of endpoint objects; whatever it caches, its
 * output must be exactly what JSON.stringify gives.
 */
import { createIdSource } from "../../src/mock/random";
import { blankEndpoint } from "../../src/mock/endpoint";
import { createSerializer } from "../../src/mock/serialize";

const newId = createIdSource("serialize");
const endpoints = Array.from({ length: 50 }, (_, i) => blankEndpoint(newId(), `user-${i}`));
const page = (from: number, to: number) => ({
  links: { self: `http://h/x?page_number=${from}`, first: "http://h/x" },
  data: endpoints.slice(from, to),
});

test.each([
  ["a list page", page(0, 10)],
  ["an empty page", page(0, 0)],
  ["one endpoint", endpoints[3]],
  [
    "an error body",
    { errors: [{ detail: "Username can't be blank", status: "422", title: "Invalid Attribute", code: "422" }] },
  ],
  ["a page with other keys (as a fault makes)", { data: endpoints.slice(0, 2), links: {} }],
  ["a page holding a non-object", { links: {}, data: [endpoints[0], null, 3] }],
  ["a page with a key more", { ...page(0, 2), meta: { total: 2 } }],
  ["a two-key body whose second key is data", { errors: [], data: endpoints.slice(0, 1) }],
  ["a page holding undefined", { links: {}, data: [undefined, endpoints[0]] }],
  ["null", null],
  ["a string", "text"],
  [
    "non-ASCII text",
    { links: { self: "http://h/x?filter_username=j%C3%BCrgen" }, data: [{ ...endpoints[1], caller_id: "Jürgen ☎" }] },
  ],
])("%s serialises exactly as JSON.stringify does", (_what, body) => {
  const serialize = createSerializer(4);
  expect(serialize(body).toString("utf8")).toBe(JSON.stringify(body));
  expect(serialize(body).toString("utf8")).toBe(JSON.stringify(body));
});

test("output stays exact across generations of a small cache, served in any order", () => {
  const serialize = createSerializer(3);
  for (const [from, to] of [
    [0, 10],
    [5, 25],
    [0, 10],
    [40, 50],
    [0, 50],
    [7, 8],
  ] as const) {
    expect(serialize(page(from, to)).toString("utf8")).toBe(JSON.stringify(page(from, to)));
  }
});

test("each endpoint object is encoded once, whichever page or answer it is in", () => {
  let encoded = 0;
  const counted = {
    ...endpoints[0]!,
    toJSON() {
      encoded += 1;
      return endpoints[0];
    },
  };
  const serialize = createSerializer(4);
  const body = { links: {}, data: [counted] };
  expect(serialize(body).toString("utf8")).toBe(JSON.stringify({ links: {}, data: [endpoints[0]] }));
  expect(serialize(body).toString("utf8")).toBe(JSON.stringify({ links: {}, data: [endpoints[0]] }));
  expect(serialize(counted).toString("utf8")).toBe(JSON.stringify(endpoints[0]));
  expect(encoded).toBe(1);
});

test("other bodies are encoded afresh: a body changed after it was sent is sent as it is now", () => {
  const serialize = createSerializer(4);
  const body = { errors: [{ detail: "first" }] };
  serialize(body);
  body.errors.push({ detail: "second" });
  expect(serialize(body).toString("utf8")).toBe(JSON.stringify(body));
});
