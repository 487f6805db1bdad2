/**
 * Where a finding belongs in the spec: the pointer into the spec document and its source line,
 * for findings of the committed spec, and the schema walk on documents built to have what the
 * committed spec happens not to (a property only a later branch describes, a cycle, an external
 * reference).
 */
import { lineIn, schemaOf, specLocation } from "../../src/drift/spec-location";
import { specLines } from "../../generated/spec-lines";
import type { JsonObject } from "../../src/spec/json-pointer";

const LIST = "/paths/~1endpoints~1sip/get";
const ONE = "/paths/~1endpoints~1sip~1{id}";

describe("specLocation", () => {
  it("an operation the spec does not have belongs to its paths", () => {
    expect(
      specLocation({ operationId: "no_such_operation", status: 200, pointer: "/x", check: "field-undocumented" }),
    ).toEqual({ pointer: "/paths", line: specLines["/paths"] });
  });

  it("a response without a body schema is located at the response itself", () => {
    const location = specLocation({
      operationId: "delete_sip_endpoint",
      status: 204,
      pointer: "",
      check: "body-not-json",
    });
    expect(location).toEqual({
      pointer: `${ONE}/delete/responses/204`,
      line: specLines[`${ONE}/delete/responses/204`],
    });
  });

  it("a many-digit index leads into the items; a token that only contains digits does not", () => {
    const items = specLocation({
      operationId: "list_sip_endpoints",
      status: 200,
      pointer: "/data/10/username",
      check: "field-type-mismatch",
    }).pointer;
    expect(items).toBe("/components/schemas/SipEndpoint/properties/username");
    const data = specLocation({
      operationId: "list_sip_endpoints",
      status: 200,
      pointer: "/data",
      check: "field-type-mismatch",
    }).pointer;
    expect(data).toMatch(/\/properties\/data$/);
    for (const token of ["x1", "1x"]) {
      expect(
        specLocation({
          operationId: "list_sip_endpoints",
          status: 200,
          pointer: `/data/${token}`,
          check: "field-type-mismatch",
        }).pointer,
      ).toBe(data);
    }
  });

  it("the list's own response is where the walk starts", () => {
    expect(
      specLocation({ operationId: "list_sip_endpoints", status: 200, pointer: "", check: "body-not-json" }).pointer,
    ).toBe(`${LIST}/responses/200/content/application~1json/schema`);
  });
});

describe("schemaOf", () => {
  const doc = (schemas: JsonObject): JsonObject => ({ components: { schemas } });

  it.each(["allOf", "oneOf", "anyOf"])("finds a property that only a later branch of %s describes", (combinator) => {
    const document = doc({
      S: { [combinator]: [{ properties: { a: {} } }, { $ref: "#/components/schemas/T" }] },
      T: { properties: { b: { type: "string" } } },
    });
    expect(schemaOf(document, "/components/schemas/S", "/b")).toBe("/components/schemas/T/properties/b");
    expect(schemaOf(document, "/components/schemas/S", "/a")).toBe(
      `/components/schemas/S/${combinator}/0/properties/a`,
    );
  });

  it("stops at the deepest schema that describes the pointer", () => {
    const document = doc({ S: { properties: { list: { type: "array", items: { properties: { c: {} } } } } } });
    expect(schemaOf(document, "/components/schemas/S", "/list/3/c/d")).toBe(
      "/components/schemas/S/properties/list/items/properties/c",
    );
    expect(schemaOf(document, "/components/schemas/S", "/other/3")).toBe("/components/schemas/S");
  });

  it("follows twenty nested combinators, and ends on a cycle instead of hanging", () => {
    let nested: JsonObject = { properties: { deep: {} } };
    for (let i = 0; i < 20; i++) nested = { allOf: [nested] };
    expect(schemaOf(doc({ S: nested }), "/components/schemas/S", "/deep")).toBe(
      `/components/schemas/S${"/allOf/0".repeat(20)}/properties/deep`,
    );
    const cyclic = doc({ S: { allOf: [{ $ref: "#/components/schemas/S" }] } });
    expect(schemaOf(cyclic, "/components/schemas/S", "/x")).toBe("/components/schemas/S");
  });

  it("does not follow an external or dangling reference", () => {
    const document = doc({
      S: { properties: { e: { $ref: "other.yaml#/E" }, d: { $ref: "#/components/schemas/Missing" } } },
    });
    expect(schemaOf(document, "/components/schemas/S", "/e/x")).toBe("/components/schemas/S/properties/e");
    expect(schemaOf(document, "/components/schemas/S", "/d/x")).toBe("/components/schemas/S/properties/d");
  });
});

describe("lineIn", () => {
  it("gives a pointer's line, and line 1 (the whole file) for one the table lacks", () => {
    expect(lineIn({ "": 1, "/a": 7 }, "/a")).toBe(7);
    expect(lineIn({ "": 1, "/a": 7 }, "/b")).toBe(1);
  });
});
