/** The small rules every check leans on: a value's JSON type, what counts as success, a page's ids. */
import { jsonTypeOf } from "../../src/checks/finding";
import { idsOfEnvelope, listPageIds } from "../../src/checks/list-page";
import { isSuccess } from "../../src/checks/scenario-check";

it.each([
  { value: null, want: "null" },
  { value: [], want: "array" },
  { value: 3, want: "integer" },
  { value: 3.5, want: "number" },
  { value: "3", want: "string" },
  { value: true, want: "boolean" },
  { value: {}, want: "object" },
  { value: undefined, want: "undefined" },
])("the JSON type of $value is $want", ({ value, want }) => {
  expect(jsonTypeOf(value)).toBe(want);
});

it("counts 200 to 299 as success, and nothing either side", () => {
  expect([199, 200, 204, 299, 300, 304].map(isSuccess)).toEqual([false, true, true, true, false, false]);
});

describe("the ids of a list page", () => {
  it("are read in order, with an empty id for an item without a string id", () => {
    expect(idsOfEnvelope({ data: [{ id: "a" }, null, 5, "b", { id: 7 }, {}, { id: "c" }] })).toEqual([
      "a",
      "",
      "",
      "",
      "",
      "",
      "c",
    ]);
  });

  it("are undefined for a body that is no list envelope", () => {
    expect([null, "data", 5, {}, { data: "x" }, { data: null }].map(idsOfEnvelope)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("are read from the raw text, and undefined when it is not JSON", () => {
    expect(listPageIds({ bodyText: '{"data":[{"id":"x"}],"links":{}}' })).toEqual(["x"]);
    expect(listPageIds({ bodyText: "null" })).toBeUndefined();
    expect(listPageIds({ bodyText: "{" })).toBeUndefined();
  });
});
