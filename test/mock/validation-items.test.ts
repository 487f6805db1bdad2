/**
 * The wording of 422 items for every schema keyword, from validator errors made by hand: the
 * request schemas of today's spec reach only some of them (the server tests cover those), but a
 * spec change may bring the others.
 */
import { toValidationItems } from "../../src/mock/validation";
import type { SchemaError } from "../../src/spec/validators";

const error = (keyword: string, instancePath: string, params: Record<string, unknown> = {}): SchemaError => ({
  keyword,
  instancePath,
  schemaPath: `#/${keyword}`,
  params,
});
/** Every item as SignalWire's examples show it: status and code "422", title "Invalid Attribute". */
const item = (detail: string) => ({ detail, status: "422", title: "Invalid Attribute", code: "422" });

describe("toValidationItems", () => {
  it.each([
    [
      "maxLength",
      error("maxLength", "/caller_id", { limit: 40 }),
      item("Caller id is too long (maximum is 40 characters)"),
    ],
    [
      "minLength above 1",
      error("minLength", "/password", { limit: 8 }),
      item("Password is too short (minimum is 8 characters)"),
    ],
    ["minLength of 1", error("minLength", "/password", { limit: 1 }), item("Password can't be blank")],
    ["minimum", error("minimum", "/page_size", { limit: 1 }), item("Page size must be greater than or equal to 1")],
    [
      "exclusiveMinimum",
      error("exclusiveMinimum", "/page_size", { limit: 0 }),
      item("Page size must be greater than 0"),
    ],
    ["maximum", error("maximum", "/page_size", { limit: 1000 }), item("Page size must be less than or equal to 1000")],
    [
      "exclusiveMaximum",
      error("exclusiveMaximum", "/page_size", { limit: 1001 }),
      item("Page size must be less than 1001"),
    ],
    [
      "const",
      error("const", "/call_handler", { allowedValue: "relay_script" }),
      item("Call handler is not included in the list (relay_script)"),
    ],
    [
      "enum with null",
      error("enum", "/encryption", { allowedValues: ["required", null, "optional"] }),
      item("Encryption is not included in the list (required, optional)"),
    ],
    [
      "format",
      error("format", "/call_video_room_id", { format: "uuid" }),
      item("Call video room id is not a valid UUID"),
    ],
    [
      "two types",
      error("type", "/caller_id", { type: ["string", "integer"] }),
      item("Caller id must be a string or an integer"),
    ],
    ["an item of a list", error("type", "/codecs/2", { type: "string" }), item("Codecs (item 2) must be a string")],
    ["the whole body", error("type", "", { type: "object" }), item("The request body must be an object")],
    ["another keyword", error("pattern", "/username", { pattern: "^x$" }), item("Username is invalid")],
    [
      "a required key",
      error("required", "", { missingProperty: "call_request_url" }),
      item("Call request url can't be blank"),
    ],
  ])("%s", (_name, given, want) => {
    expect(toValidationItems([given])).toEqual([want]);
  });

  it("reports one problem per field, the one to fix first, in the order the fields came", () => {
    const errors = [
      error("pattern", "/username", {}),
      error("format", "/username", { format: "uri" }),
      error("minLength", "/username", { limit: 1 }),
      error("enum", "/encryption", { allowedValues: ["a"] }),
      error("type", "/username", { type: "string" }),
    ];
    expect(toValidationItems(errors)).toEqual([
      item("Username must be a string"),
      item("Encryption is not included in the list (a)"),
    ]);
  });

  it("ranks unknown keywords last, and keeps the first of two errors of equal rank", () => {
    const errors = [
      error("pattern", "/a", {}),
      error("const", "/a", { allowedValue: "x" }),
      error("enum", "/a", { allowedValues: ["y"] }),
      error("enum", "/a", { allowedValues: ["z"] }),
    ];
    expect(toValidationItems(errors)).toEqual([item("A is not included in the list (y)")]);
  });

  it("says the request is invalid when only wrapper errors remain, and nothing when there are none", () => {
    expect(toValidationItems([error("if", "", { failingKeyword: "then" })])).toEqual([item("The request is invalid")]);
    expect(toValidationItems([])).toEqual([]);
  });
});
