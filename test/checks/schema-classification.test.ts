/**
 * Pointers of classified validator errors are real JSON pointers (RFC 6901): a key holding `/` or
 * `~` is escaped, so the pointer leads back to the key whatever its name.
 */
import type { ErrorObject } from "ajv";
import { classifySchemaErrors, parseJson } from "../../src/checks";
import { at } from "../../src/spec/json-pointer";

const required = (instancePath: string, missingProperty: string): ErrorObject => ({
  keyword: "required",
  instancePath,
  schemaPath: "#/required",
  params: { missingProperty },
});

const extra = (instancePath: string, unevaluatedProperty: string): ErrorObject => ({
  keyword: "unevaluatedProperties",
  instancePath,
  schemaPath: "#/unevaluatedProperties",
  params: { unevaluatedProperty },
});

describe.each([
  { given: "a plain key", key: "caller_id", want: "/data/0/caller_id" },
  { given: "a key with a slash", key: "a/b", want: "/data/0/a~1b" },
  { given: "a key with a tilde", key: "a~b", want: "/data/0/a~0b" },
])("$given", ({ key, want }) => {
  it("a missing key gets an escaped pointer", () => {
    const [problem] = classifySchemaErrors([required("/data/0", key)], { data: [{}] });
    expect(problem).toMatchObject({ category: "field-missing", pointer: want });
  });

  it("an undocumented key gets an escaped pointer that resolves to its value", () => {
    const body = { data: [{ [key]: 7 }] };
    const [problem] = classifySchemaErrors([extra("/data/0", key)], body);
    expect(problem).toMatchObject({ category: "field-undocumented", pointer: want });
    expect(at(body, problem!.pointer)).toBe(7);
  });
});

describe("a body that does not parse", () => {
  it.each([
    {
      given: "HTML with a secret in it",
      text: "<html>session=SECRET-123</html>",
      want: 'not valid JSON (it starts with "<")',
    },
    { given: "a cut-off object", text: '{"password":"SECRET-123",', want: 'not valid JSON (it starts with "{")' },
    { given: "a body cut short", text: '  {"password":"SECRET-123"', want: 'not valid JSON (it starts with "{")' },
    { given: "a trailing comma", text: '["SECRET-123",]', want: 'not valid JSON (it starts with "[")' },
    { given: "an emoji first", text: "\u{1F600}SECRET-123", want: 'not valid JSON (it starts with "\u{1F600}")' },
    { given: "a control character first", text: "\u0001SECRET-123", want: 'not valid JSON (it starts with "\\u0001")' },
    { given: "only white space", text: " \n\t", want: "the body is empty" },
  ])("$given: our own verdict, never the body's text or the parser's wording", ({ text, want }) => {
    const parsed = parseJson(text);
    expect(parsed).toEqual({ ok: false, error: want });
    expect(JSON.stringify(parsed)).not.toContain("SECRET");
  });
});

describe("the rest of the classification", () => {
  it("reads an additionalProperties error like an unevaluatedProperties one, giving only the value's type", () => {
    const error: ErrorObject = {
      keyword: "additionalProperties",
      instancePath: "",
      schemaPath: "#/additionalProperties",
      params: { additionalProperty: "leak" },
    };
    expect(classifySchemaErrors([error], { leak: [1, 2] })).toEqual([
      {
        category: "field-undocumented",
        pointer: "/leak",
        expected: "no such key",
        actual: "key present (array)",
        message: 'undocumented key "leak" at /',
      },
    ]);
  });

  it("leaves out a combinator's error when an error inside it says what broke, and keeps it when none does", () => {
    const wrapper: ErrorObject = {
      keyword: "anyOf",
      instancePath: "/send_as",
      schemaPath: "#/properties/send_as/anyOf",
      params: {},
      message: "must match a schema in anyOf",
    };
    const inner: ErrorObject = {
      keyword: "type",
      instancePath: "/send_as",
      schemaPath: "#/properties/send_as/anyOf/0/type",
      params: { type: "string" },
      message: "must be string",
    };
    const elsewhere: ErrorObject = { ...inner, instancePath: "/caller_id", schemaPath: "#/properties/caller_id/type" };
    const body = { send_as: 5, caller_id: 6 };
    expect(classifySchemaErrors([wrapper, inner], body).map((p) => `${p.category} ${p.pointer}`)).toEqual([
      "field-type-mismatch /send_as",
    ]);
    expect(classifySchemaErrors([wrapper, elsewhere], body).map((p) => `${p.category} ${p.pointer}`)).toEqual([
      "schema-violation /send_as",
      "field-type-mismatch /caller_id",
    ]);
    // An error below the combinator's value explains it too; another combinator at the same place does not.
    const below: ErrorObject = {
      ...inner,
      instancePath: "/send_as/0",
      schemaPath: "#/properties/send_as/anyOf/1/items/type",
    };
    expect(classifySchemaErrors([wrapper, below], { send_as: [5] }).map((p) => `${p.category} ${p.pointer}`)).toEqual([
      "field-type-mismatch /send_as/0",
    ]);
    const other: ErrorObject = {
      ...wrapper,
      keyword: "oneOf",
      schemaPath: "#/properties/send_as/oneOf",
      message: "must match exactly one schema in oneOf",
    };
    expect(classifySchemaErrors([wrapper, other], body).map((p) => `${p.category} ${p.pointer}`)).toEqual([
      "schema-violation /send_as",
      "schema-violation /send_as",
    ]);
    expect(classifySchemaErrors([wrapper], body)).toEqual([
      {
        category: "schema-violation",
        pointer: "/send_as",
        expected: "anyOf: must match a schema in anyOf",
        actual: "5",
        message: "/send_as must match a schema in anyOf",
      },
    ]);
  });

  it("says what it can of a rule that comes without a message, at the root too", () => {
    const error: ErrorObject = {
      keyword: "minProperties",
      instancePath: "",
      schemaPath: "#/minProperties",
      params: { limit: 1 },
    };
    expect(classifySchemaErrors([error], {})).toEqual([
      {
        category: "schema-violation",
        pointer: "",
        expected: "minProperties: valid",
        actual: "{}",
        message: "/ breaks a schema rule",
      },
    ]);
  });

  it("names the root as / in every category's message", () => {
    const body = "x";
    const errors: ErrorObject[] = [
      { keyword: "type", instancePath: "", schemaPath: "#/type", params: { type: ["object", "null"] } },
      { keyword: "enum", instancePath: "", schemaPath: "#/enum", params: { allowedValues: ["a", 1] } },
      { keyword: "format", instancePath: "", schemaPath: "#/format", params: { format: "uuid" } },
    ];
    expect(
      classifySchemaErrors(errors, body).map(({ expected, actual, message }) => ({ expected, actual, message })),
    ).toEqual([
      { expected: "object or null", actual: "string", message: "/ is string, the spec says object or null" },
      { expected: "format uuid", actual: '"x"', message: '/ is not a valid uuid: "x"' },
    ]);
    const [unknown] = classifySchemaErrors([errors[1]!], body);
    expect(unknown).toMatchObject({
      category: "enum-value-unknown",
      expected: '"a" | 1',
      actual: '"x"',
      message: '/ is "x", not one of the documented values',
    });
  });
});
