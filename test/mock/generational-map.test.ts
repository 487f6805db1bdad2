import { GenerationalMap } from "../../src/mock/generational-map";

test("keeps between one and two generations of entries, oldest dropped in bulk", () => {
  const map = new GenerationalMap<number, string>(3);
  for (let i = 1; i <= 7; i++) map.set(i, `v${i}`);
  // 1–3 were the old generation when 7 arrived and are gone; 4–6 are old, 7 is young.
  expect([1, 2, 3, 4, 5, 6, 7].map((k) => map.get(k))).toEqual([
    undefined,
    undefined,
    undefined,
    "v4",
    "v5",
    "v6",
    "v7",
  ]);
});

test("an entry read from the old generation survives the next turnover", () => {
  const map = new GenerationalMap<string, number>(2);
  map.set("a", 1);
  map.set("b", 2);
  map.set("c", 3); // a, b are now old
  expect(map.get("a")).toBe(1); // a moves to the young generation
  map.set("d", 4); // young (c, a) turns old; b is dropped
  expect([map.get("a"), map.get("b"), map.get("c"), map.get("d")]).toEqual([1, undefined, 3, 4]);
});

test("setting a key the young generation has only updates it", () => {
  const map = new GenerationalMap<string, number>(2);
  map.set("a", 1);
  map.set("b", 2);
  map.set("b", 3);
  map.set("a", 4);
  expect([map.get("a"), map.get("b")]).toEqual([4, 3]);
});
