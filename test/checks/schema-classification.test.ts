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
    { given: "HTML with a secret in it", text: "<html>session=SECRET-123</html>", want: 'not valid JSON (it starts with "<")' },
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
