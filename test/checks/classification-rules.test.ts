/**
 * How one wrong value is classified, through the whole check catalogue: a value of the wrong type
 * is a type problem only — never also an unknown enum value, even where the field has an enum —
 * a value outside a pinned `const` is an unknown enum value, and null items or a null body are
 * type problems at their own pointer. `expected` and `actual` say what the spec and the body hold.
 */
import { checkResponse } from "../../src/checks";
import { exchange, listBody, validEndpoint } from "./exchanges";

const judged = (e: ReturnType<typeof exchange>) =>
  checkResponse(e).map((f) => ({ check: f.check, pointer: f.pointer, expected: f.expected, actual: f.actual }));

it.each([
  {
    given: "a number where an enum of strings is",
    exchange: () => exchange("retrieve_sip_endpoint", 200, validEndpoint({ call_handler: 42 })),
    want: [{ check: "field-type-mismatch", pointer: "/call_handler", expected: "string or null", actual: "integer" }],
  },
  {
    given: "null where a non-nullable enum is",
    exchange: () => exchange("retrieve_sip_endpoint", 200, validEndpoint({ encryption: null })),
    want: [{ check: "field-type-mismatch", pointer: "/encryption", expected: "string", actual: "null" }],
  },
  {
    given: "another error string than the one pinned for 404",
    exchange: () => exchange("retrieve_sip_endpoint", 404, { error: "Gone" }),
    want: [{ check: "enum-value-unknown", pointer: "/error", expected: '"Not Found"', actual: '"Gone"' }],
  },
  {
    given: "the pinned error string",
    exchange: () => exchange("retrieve_sip_endpoint", 404, { error: "Not Found" }),
    want: [],
  },
  {
    given: "a null item in a list",
    exchange: () => exchange("list_sip_endpoints", 200, listBody([validEndpoint(), null as never])),
    want: [{ check: "field-type-mismatch", pointer: "/data/1", expected: "object", actual: "null" }],
  },
  {
    given: "a null list body",
    exchange: () => exchange("list_sip_endpoints", 200, "null"),
    want: [{ check: "field-type-mismatch", pointer: "", expected: "object", actual: "null" }],
  },
])("$given", ({ exchange: make, want }) => {
  expect(judged(make())).toEqual(want);
});
