/**
 * The response serialiser caches the encoded JSON of endpoint objects; whatever it caches, its
 * output must be exactly what JSON.stringify gives.
 */
import { createIdSource } from "../../src/mock/random";
import { blankEndpoint } from "../../src/mock/endpoint";
import { createSerializer } from "../../src/mock/serialize";

const newId = createIdSource("serialize");
const endpoints = Array.from({ length: 50 }, (_, i) => blankEndpoint(newId(), `user-${i}`));
const page = (from: number, to: number) => ({ links: { self: `http://h/x?page_number=${from}`, first: "http://h/x" }, data: endpoints.slice(from, to) });

test.each([
  ["a list page", page(0, 10)],
  ["an empty page", page(0, 0)],
  ["one endpoint", endpoints[3]],
  ["an error body", { errors: [{ detail: "Username can't be blank", status: "422", title: "Invalid Attribute", code: "missing_required_attribute" }] }],
  ["a page with other keys (as a fault makes)", { data: endpoints.slice(0, 2), links: {} }],
  ["a page holding a non-object", { links: {}, data: [endpoints[0], null, 3] }],
  ["non-ASCII text", { links: { self: "http://h/x?filter_username=j%C3%BCrgen" }, data: [{ ...endpoints[1], caller_id: "Jürgen ☎" }] }],
])("%s serialises exactly as JSON.stringify does", (_what, body) => {
  const serialize = createSerializer(4);
  expect(serialize(body).toString("utf8")).toBe(JSON.stringify(body));
  expect(serialize(body).toString("utf8")).toBe(JSON.stringify(body));
});

test("output stays exact across generations of a small cache, served in any order", () => {
  const serialize = createSerializer(3);
  for (const [from, to] of [[0, 10], [5, 25], [0, 10], [40, 50], [0, 50], [7, 8]] as const) {
    expect(serialize(page(from, to)).toString("utf8")).toBe(JSON.stringify(page(from, to)));
  }
});
