/**
 * The mock's ids. A seed promises the same ids every run, and so across releases: fixtures and
 * snapshots that users build on `seed: 42` must not change under them. Seeded or not, every id is
 * an RFC 4122 version-4 UUID, as the spec's `format: uuid` and the real API's ids are.
 */
import { createIdSource } from "../../src/mock/random";

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const draw = (n: number, source: () => string) => Array.from({ length: n }, source);

it("a seed gives the same ids as it always has", () => {
  expect(draw(3, createIdSource(42))).toEqual([
    "43af2f56-d624-43f1-9fe5-bd677c7f1299",
    "17f9ac1c-2131-4412-90b6-a8616e5915cc",
    "a878011b-31bb-49b4-ba03-523221fdd1a5",
  ]);
  expect(draw(3, createIdSource("abc"))).toEqual([
    "d119d1b9-2191-4743-973a-5fdbaf7bdfb5",
    "dab41a05-b3f3-4510-932a-3afb2d83df31",
    "3aa350c9-0700-44c7-b971-4b7b0c65f9b9",
  ]);
});

it.each([
  ["seeded", () => createIdSource(7)],
  ["unseeded", () => createIdSource()],
])("%s ids are distinct version-4 UUIDs", (_, source) => {
  const ids = draw(5_000, source());
  expect(ids.filter((id) => !V4.test(id))).toEqual([]);
  expect(new Set(ids).size).toBe(ids.length);
});

it("every hex digit turns up in every free position: no bit of an id is stuck", () => {
  const ids = draw(2_000, createIdSource("spread"));
  for (let position = 0; position < 36; position++) {
    if ([8, 13, 14, 18, 19, 23].includes(position)) continue; // dashes, the version digit and the variant digit
    expect(new Set(ids.map((id) => id[position])).size).toBe(16);
  }
});
