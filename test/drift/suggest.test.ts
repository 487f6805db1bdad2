/**
 * The spec change suggested for each kind of schema finding, pinned whole (sentence and patch),
 * made from evidence given directly: which values make a closed set, which formats are inferred,
 * where the patch goes, and which findings get no suggestion at all.
 */
import type { CheckId, Finding } from "../../src/checks";
import { jsonTypeOf } from "../../src/checks/finding";
import type { Evidence } from "../../src/drift/evidence";
import { suggestChanges, type Suggestion } from "../../src/drift/suggest";
import type { Json } from "../../src/spec/json-pointer";
import { aFinding } from "./report-fixture";

const RETRIEVE = {
  operationId: "retrieve_sip_endpoint",
  method: "GET",
  path: "/endpoints/sip/{id}",
  status: 200,
} as const;
const SIP_ENDPOINT = "/components/schemas/SipEndpoint";
const RETRIEVE_RESPONSES = "/paths/~1endpoints~1sip~1{id}/get/responses";

/** Evidence of these values, one occurrence each unless `over` says otherwise. */
function seen(values: Json[], over: Partial<Evidence> = {}): Evidence {
  return {
    occurrences: values.length,
    types: new Set(values.map(jsonTypeOf)),
    values: new Map(values.map((v) => [JSON.stringify(v), v])),
    more: false,
    ...over,
  };
}

/** The suggestion for one finding of a retrieve (or `over`'s operation) with this evidence. */
function suggestFor(
  check: CheckId,
  pointer: string,
  evidence: Evidence | undefined,
  over: Partial<Finding> = {},
): Suggestion | undefined {
  const finding = aFinding({ ...RETRIEVE, id: "f1", check, pointer, ...over });
  const evidenceById = new Map(evidence ? [["f1", evidence]] : []);
  return suggestChanges([finding], evidenceById).get("f1");
}

describe("an undocumented key: a new property, typed from what was seen", () => {
  it("a few short names each seen at least twice make a closed set", () => {
    expect(suggestFor("field-undocumented", "/region", seen(["us-east", "eu"], { occurrences: 4 }))).toEqual({
      text: 'Document `region` in `components.schemas.SipEndpoint` as a string (one of "us-east", "eu") (seen 4 times).',
      patch: [
        { op: "add", path: `${SIP_ENDPOINT}/properties/region`, value: { type: "string", enum: ["us-east", "eu"] } },
      ],
    });
    expect(
      suggestFor("field-undocumented", "/region", seen(["a", "b", "c"], { occurrences: 6 }))?.patch[0],
    ).toMatchObject({ value: { type: "string", enum: ["a", "b", "c"] } });
    expect(suggestFor("field-undocumented", "/region", seen(["a", null], { occurrences: 2 }))?.patch[0]).toMatchObject({
      value: { type: ["string", "null"], enum: ["a", null] },
    });
  });

  it.each([
    ["seen fewer than twice each", seen(["us-east", "eu"], { occurrences: 3 })],
    ["more than three values", seen(["a", "b", "c", "d"], { occurrences: 8 })],
    ["more values than the sample kept", seen(["a", "b"], { occurrences: 40, more: true })],
    ["a value that is no short name", seen(["two words", "eu"], { occurrences: 4 })],
    ["a value longer than 40 characters", seen(["x".repeat(41), "eu"], { occurrences: 4 })],
  ])("free text is a plain string: %s", (_, evidence) => {
    expect(suggestFor("field-undocumented", "/region", evidence)).toEqual({
      text: `Document \`region\` in \`components.schemas.SipEndpoint\` as a string (seen ${evidence.occurrences} times).`,
      patch: [{ op: "add", path: `${SIP_ENDPOINT}/properties/region`, value: { type: "string" } }],
    });
  });

  it.each<[string, Json[], Record<string, Json>, string]>([
    [
      "date-times",
      ["2024-01-01T00:00:00Z", "2024-02-29T23:59:59.123+01:00", null],
      { type: ["string", "null"], format: "date-time" },
      "a string or null (format date-time)",
    ],
    [
      "uuids",
      ["3fa85f64-5717-4562-b3fc-2c963f66afa6", "3FA85F64-5717-4562-B3FC-2C963F66AFA7"],
      { type: "string", format: "uuid" },
      "a string (format uuid)",
    ],
    ["whole and other numbers", [1, 2.5], { type: "number" }, "a number"],
    ["whole numbers", [1, 2], { type: "integer" }, "an integer"],
    ["mixed types", ["a", 1], { type: ["string", "integer"] }, "a string or integer"],
    [
      "objects, typed key by key but never as closed sets",
      [{ tier: "gold" }, { tier: "gold", n: 1 }],
      { type: "object", properties: { tier: { type: "string" }, n: { type: "integer" } } },
      "an object",
    ],
    ["lists, typed by their items", [[1], [2.5, 3]], { type: "array", items: { type: "number" } }, "an array"],
    ["empty lists", [[]], { type: "array" }, "an array"],
    ["only null", [null], { type: "null" }, "a null"],
  ])("%s", (_, values, schema, described) => {
    expect(suggestFor("field-undocumented", "/extra", seen(values, { occurrences: 10 }))).toEqual({
      text: `Document \`extra\` in \`components.schemas.SipEndpoint\` as ${described} (seen 10 times).`,
      patch: [{ op: "add", path: `${SIP_ENDPOINT}/properties/extra`, value: schema }],
    });
  });

  it("the same key in a list item and in a retrieve is one change, from the evidence of both", () => {
    const inList = aFinding({ id: "list", pointer: "/data/0/region" });
    const inRetrieve = aFinding({ ...RETRIEVE, id: "retrieve", pointer: "/region" });
    const other = aFinding({ ...RETRIEVE, id: "other", pointer: "/zone" });
    const evidence = new Map([
      ["list", seen(["eu"], { occurrences: 3 })],
      ["retrieve", seen(["us"], { occurrences: 1, more: true })],
    ]);
    const suggestions = suggestChanges([inList, inRetrieve, other], evidence);
    expect(suggestions.get("list")).toBe(suggestions.get("retrieve"));
    // Evidence of both: four occurrences, two values, and the retrieve's sample was not all it saw.
    expect(suggestions.get("list")).toEqual({
      text: "Document `region` in `components.schemas.SipEndpoint` as a string (seen 4 times).",
      patch: [{ op: "add", path: `${SIP_ENDPOINT}/properties/region`, value: { type: "string" } }],
    });
    // No evidence at all: nothing is known of the value.
    expect(suggestions.get("other")).toEqual({
      text: "Document `zone` in `components.schemas.SipEndpoint` as any value (seen 0 times).",
      patch: [{ op: "add", path: `${SIP_ENDPOINT}/properties/zone`, value: {} }],
    });
  });
});

describe("an unknown enum value", () => {
  it("adds only the values the enum lacks, to the shared component", () => {
    expect(suggestFor("enum-value-unknown", "/encryption", seen(["mandatory", "default", "off"]))).toEqual({
      text: 'Add "mandatory", "off" to the values of `components.schemas.Encryption` (seen 3 times).',
      patch: [
        { op: "add", path: "/components/schemas/Encryption/enum/-", value: "mandatory" },
        { op: "add", path: "/components/schemas/Encryption/enum/-", value: "off" },
      ],
    });
    expect(suggestFor("enum-value-unknown", "/encryption", seen(["default"]))).toBeUndefined();
  });

  it("turns a const into an enum of it and what was seen", () => {
    expect(suggestFor("enum-value-unknown", "/type", seen(["sip_device"]))).toEqual({
      text: 'Allow "sip_device" besides "sip_endpoint" in `components.schemas.SipEndpoint.properties.type` (seen 1 time).',
      patch: [
        { op: "remove", path: `${SIP_ENDPOINT}/properties/type/const` },
        { op: "add", path: `${SIP_ENDPOINT}/properties/type/enum`, value: ["sip_endpoint", "sip_device"] },
      ],
    });
  });

  it("has nothing to suggest where the schema has neither enum nor const", () => {
    expect(suggestFor("enum-value-unknown", "/username", seen(["x"]))).toBeUndefined();
  });
});

describe("a missing key", () => {
  it("is made optional in the object that requires it", () => {
    expect(suggestFor("field-missing", "/caller_id", seen([], { occurrences: 2 }))).toEqual({
      text: "Make `caller_id` optional in `components.schemas.SipEndpoint`: answers came without it (seen 2 times).",
      patch: [{ op: "remove", path: `${SIP_ENDPOINT}/required/3` }],
    });
    expect(suggestFor("field-missing", "/type", seen([]))?.patch).toEqual([
      { op: "remove", path: `${SIP_ENDPOINT}/required/0` },
    ]);
  });

  it("has nothing to suggest for a key the spec does not require or does not know", () => {
    const list = { operationId: "list_sip_endpoints", method: "GET", path: "/endpoints/sip" };
    expect(suggestFor("field-missing", "/links/next", seen([]), list)).toBeUndefined();
    expect(suggestFor("field-missing", "/nonexistent", seen([]))).toBeUndefined();
  });
});

describe("a type mismatch: the schema also allows what was seen", () => {
  it("adds the seen type to the declared ones", () => {
    expect(suggestFor("field-type-mismatch", "/username", seen([42, 7]))).toEqual({
      text: 'Make `components.schemas.SipEndpoint.properties.username` also "integer" (seen 2 times).',
      patch: [{ op: "replace", path: `${SIP_ENDPOINT}/properties/username/type`, value: ["string", "integer"] }],
    });
  });

  it("says nullable when only null was seen", () => {
    expect(suggestFor("field-type-mismatch", "/send_as", seen([null]))).toEqual({
      text: "Make `components.schemas.SipEndpoint.properties.send_as` nullable (seen 1 time).",
      patch: [{ op: "replace", path: `${SIP_ENDPOINT}/properties/send_as/type`, value: ["string", "null"] }],
    });
  });

  it("does not repeat a declared type", () => {
    expect(suggestFor("field-type-mismatch", "/caller_id", seen(["x", 1]))?.patch).toEqual([
      { op: "replace", path: `${SIP_ENDPOINT}/properties/caller_id/type`, value: ["string", "null", "integer"] },
    ]);
  });

  it("leaves a shared component alone: the property becomes anyOf the reference and what was seen", () => {
    expect(suggestFor("field-type-mismatch", "/encryption", seen([true]))).toEqual({
      text: 'Make `components.schemas.SipEndpoint.properties.encryption` also "boolean" (seen 1 time).',
      patch: [
        {
          op: "replace",
          path: `${SIP_ENDPOINT}/properties/encryption`,
          value: { anyOf: [{ $ref: "#/components/schemas/Encryption" }, { type: "boolean" }] },
        },
      ],
    });
  });

  it("has nothing to suggest without a seen type", () => {
    expect(suggestFor("field-type-mismatch", "/username", seen([]))).toBeUndefined();
    expect(suggestFor("field-type-mismatch", "/username", undefined)).toBeUndefined();
  });
});

describe("a format mismatch", () => {
  it("drops the format where it is declared", () => {
    expect(suggestFor("format-mismatch", "/id", seen(["ep-1"]))).toEqual({
      text: "Drop `format: uuid` from `components.schemas.SipEndpoint.properties.id`: answers held values that are not uuid (seen 1 time).",
      patch: [{ op: "remove", path: `${SIP_ENDPOINT}/properties/id/format` }],
    });
  });

  it("has nothing to suggest where no format is declared", () => {
    expect(suggestFor("format-mismatch", "/username", seen(["x"]))).toBeUndefined();
  });
});

describe("an undocumented status", () => {
  it("is documented with the content type and a schema of the bodies seen", () => {
    const evidence = seen([{ title: "teapot", code: 418 }], { contentType: "Application/Problem+JSON; charset=utf-8" });
    expect(suggestFor("status-code-undocumented", "", evidence, { status: 418 })).toEqual({
      text: "Document status 418 under retrieve_sip_endpoint (responses) (seen 1 time).",
      patch: [
        {
          op: "add",
          path: `${RETRIEVE_RESPONSES}/418`,
          value: {
            description: "Observed from the live API (status 418); describe when it is sent.",
            content: {
              "application/problem+json": {
                schema: { type: "object", properties: { title: { type: "string" }, code: { type: "integer" } } },
              },
            },
          },
        },
      ],
    });
  });

  it("without a body or a content type, is documented as a description only", () => {
    const descriptionOnly = [
      {
        op: "add",
        path: `${RETRIEVE_RESPONSES}/418`,
        value: { description: "Observed from the live API (status 418); describe when it is sent." },
      },
    ];
    expect(
      suggestFor("status-code-undocumented", "", seen([], { contentType: "text/plain" }), { status: 418 })?.patch,
    ).toEqual(descriptionOnly);
    expect(suggestFor("status-code-undocumented", "", seen(["teapot"]), { status: 418 })?.patch).toEqual(
      descriptionOnly,
    );
  });

  it("has nothing to suggest without a status", () => {
    expect(suggestFor("status-code-undocumented", "", seen([]), { status: null })).toBeUndefined();
  });
});

it("findings that are not about the schema get no suggestion", () => {
  for (const check of ["status-code-unexpected", "resource-still-available", "invalid-input-accepted"] as const) {
    expect(suggestFor(check, "/username", seen(["x"]))).toBeUndefined();
  }
});
