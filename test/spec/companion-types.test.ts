/** The transform that turns the spec's companion-field if/then rules into a TypeScript union. */
import { companionUnionSource, readCompanionRules } from "../../src/codegen/companion-types";
import type { Json, JsonObject } from "../../src/spec/json-pointer";

const rule = (value: string, ...companions: string[]): Json => ({
  if: { properties: { handler: { const: value } }, required: ["handler"] },
  then: { required: companions },
});

const RULES = { allOf: [rule("webhook", "url"), rule("script", "script_url", "script_method")] };

/** A spec in miniature: the rules, the object whose enum they govern, and a schema combining both. */
const DOC: JsonObject = {
  components: {
    schemas: {
      Rules: RULES,
      Writable: {
        type: "object",
        properties: { handler: { $ref: "#/components/schemas/Handler" }, url: { type: "string" } },
      },
      Handler: { type: "string", enum: ["webhook", "script", "connector", "none"] },
      Create: { allOf: [{ $ref: "#/components/schemas/Writable" }, { $ref: "#/components/schemas/Rules" }] },
    },
  },
};

describe("readCompanionRules", () => {
  test("reads the governed property and each value's companions", () => {
    expect(readCompanionRules(RULES)).toEqual({
      property: "handler",
      rules: [
        { value: "webhook", companions: ["url"] },
        { value: "script", companions: ["script_url", "script_method"] },
      ],
    });
  });

  test.each<{ given: string; schema: Json }>([
    { given: "a schema without allOf", schema: { type: "object" } },
    { given: "an empty allOf", schema: { allOf: [] } },
    {
      given: "an allOf member that is not an if/then rule",
      schema: { allOf: [rule("webhook", "url"), { type: "object" }] },
    },
    {
      given: "rules on two different properties",
      schema: {
        allOf: [rule("webhook", "url"), { if: { properties: { other: { const: "x" } } }, then: { required: ["y"] } }],
      },
    },
    {
      given: "a condition that is not a const",
      schema: { allOf: [{ if: { properties: { handler: { enum: ["a"] } } }, then: { required: ["y"] } }] },
    },
    {
      given: "a then without a list of names",
      schema: { allOf: [{ if: { properties: { handler: { const: "a" } } }, then: { required: [1] } }] },
    },
  ])("is undefined for $given (openapi-typescript keeps its own output)", ({ schema }) => {
    expect(readCompanionRules(schema)).toBeUndefined();
  });
});

describe("companionUnionSource", () => {
  test("one branch per rule, one for the enum values without a rule, one for the property left out", () => {
    expect(companionUnionSource(DOC, RULES, "#/components/schemas/Rules")).toBe(
      '{ "handler"?: undefined } | { "handler": "connector" | "none" } | { "handler": "webhook"; "url": string } | { "handler": "script"; "script_url": string; "script_method": string }',
    );
  });

  test("without a known location there is no enum to complete: only the rules and the absent case", () => {
    expect(companionUnionSource(DOC, RULES, undefined)).toBe(
      '{ "handler"?: undefined } | { "handler": "webhook"; "url": string } | { "handler": "script"; "script_url": string; "script_method": string }',
    );
  });

  test("leaves other schemas alone", () => {
    expect(companionUnionSource(DOC, { type: "string" }, "#/components/schemas/Handler")).toBeUndefined();
  });
});
