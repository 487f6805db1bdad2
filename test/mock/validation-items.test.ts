/**
 * The wording of 422 items for every schema keyword, from validator errors made by hand: the
 * request schemas of today's spec reach only some of them (the server tests cover those), but a
 * spec change may bring the others.
 */
import { toValidationItems } from "../../src/mock/validation";
import type { SchemaError } from "../../src/spec/validators";

const error = (keyword: string, instancePath: string, params: Record<string, unknown> = {}): SchemaError => ({ keyword, instancePath, schemaPath: `#/${keyword}`, params });
const item = (detail: string, code: string, title = "Invalid Attribute") => ({ detail, status: "422", title, code });

describe("toValidationItems", () => {
  it.each([
    ["maxLength", error("maxLength", "/caller_id", { limit: 40 }), item("Caller id is too long (maximum is 40 characters)", "too_long")],
    ["minLength above 1", error("minLength", "/password", { limit: 8 }), item("Password is too short (minimum is 8 characters)", "too_short")],
    ["minLength of 1", error("minLength", "/password", { limit: 1 }), item("Password can't be blank", "missing_required_attribute")],
    ["minimum", error("minimum", "/page_size", { limit: 1 }), item("Page size must be greater than or equal to 1", "out_of_range")],
    ["exclusiveMinimum", error("exclusiveMinimum", "/page_size", { limit: 0 }), item("Page size must be greater than 0", "out_of_range")],
    ["maximum", error("maximum", "/page_size", { limit: 1000 }), item("Page size must be less than or equal to 1000", "out_of_range")],
    ["exclusiveMaximum", error("exclusiveMaximum", "/page_size", { limit: 1001 }), item("Page size must be less than 1001", "out_of_range")],
    ["const", error("const", "/call_handler", { allowedValue: "relay_script" }), item("Call handler is not included in the list (relay_script)", "invalid_value")],
    ["enum with null", error("enum", "/encryption", { allowedValues: ["required", null, "optional"] }), item("Encryption is not included in the list (required, optional)", "invalid_value")],
    ["format", error("format", "/call_video_room_id", { format: "uuid" }), item("Call video room id is not a valid UUID", "invalid_format")],
    ["two types", error("type", "/caller_id", { type: ["string", "integer"] }), item("Caller id must be a string or an integer", "invalid_type")],
    ["an item of a list", error("type", "/codecs/2", { type: "string" }), item("Codecs (item 2) must be a string", "invalid_type")],
    ["the whole body", error("type", "", { type: "object" }), item("The request body must be an object", "invalid_type", "Invalid Request Body")],
    ["another keyword", error("pattern", "/username", { pattern: "^x$" }), item("Username is invalid", "invalid_attribute")],
    ["a required key", error("required", "", { missingProperty: "call_request_url" }), item("Call request url can't be blank", "missing_required_attribute")],
  ])("%s", (_name, given, want) => {
    expect(toValidationItems([given], "Invalid Attribute")).toEqual([want]);
  });

  it("words the query's problems with the title it is given", () => {
    expect(toValidationItems([error("maximum", "/page_size", { limit: 1000 })], "Invalid Parameter")).toEqual([item("Page size must be less than or equal to 1000", "out_of_range", "Invalid Parameter")]);
  });

  it("reports one problem per field, the one to fix first, in the order the fields came", () => {
    const errors = [error("pattern", "/username", {}), error("format", "/username", { format: "uri" }), error("minLength", "/username", { limit: 1 }), error("enum", "/encryption", { allowedValues: ["a"] }), error("type", "/username", { type: "string" })];
    expect(toValidationItems(errors, "Invalid Attribute")).toEqual([item("Username must be a string", "invalid_type"), item("Encryption is not included in the list (a)", "invalid_value")]);
  });

  it("ranks unknown keywords last, and keeps the first of two errors of equal rank", () => {
    const errors = [error("pattern", "/a", {}), error("const", "/a", { allowedValue: "x" }), error("enum", "/a", { allowedValues: ["y"] }), error("enum", "/a", { allowedValues: ["z"] })];
    expect(toValidationItems(errors, "Invalid Attribute")).toEqual([item("A is not included in the list (y)", "invalid_value")]);
  });

  it("says the request is invalid when only wrapper errors remain, and nothing when there are none", () => {
    expect(toValidationItems([error("if", "", { failingKeyword: "then" })], "Invalid Attribute")).toEqual([item("The request is invalid", "invalid")]);
    expect(toValidationItems([], "Invalid Attribute")).toEqual([]);
  });
});
