/**
 * The comparisons are fair only if both sides do the same work. These tests hold the bench's
 * comparison points to that: the two validators find the same planted keys, and Prism is given
 * the very bodies our mock serves.
 */
import spec from "../../generated/openapi.json";
import { prismSpec } from "../../src/bench/throughput";
import { PLANTED_KEY, plantedPage, sealForDraft07, theirValidatorFactory } from "../../src/bench/validation-cost";
import { validate } from "../../src/spec/validators";

describe("validation comparison", () => {
  it("both validators find every planted key, and accept the page without them", async () => {
    const { page, planted } = await plantedPage();
    const theirs = theirValidatorFactory()();
    const ours = validate("strict_list_sip_endpoints_200", page);
    expect(planted).toBe(50);
    expect(
      ours.filter((e) => (e.params as { unevaluatedProperty?: string }).unevaluatedProperty === PLANTED_KEY),
    ).toHaveLength(50);
    expect(theirs.validateResponse(200, page)?.errors).toHaveLength(50);

    const clean = structuredClone(page) as { data: Array<Record<string, unknown>> };
    for (const item of clean.data) delete item[PLANTED_KEY];
    expect(validate("strict_list_sip_endpoints_200", clean)).toEqual([]);
    expect(theirs.validateResponse(200, clean)).toBeUndefined();
  });

  it("openapi-response-validator checks the same formats as ours", async () => {
    const { page } = await plantedPage();
    const bad = structuredClone(page) as { data: Array<Record<string, unknown>> };
    bad.data = [{ ...bad.data[0]!, id: "not-a-uuid" }];
    delete bad.data[0]![PLANTED_KEY];
    expect(theirValidatorFactory()().validateResponse(200, bad)?.errors).toEqual([
      expect.objectContaining({ path: "data/0/id", errorCode: "format.openapi.responseValidation" }),
    ]);
    expect(validate("strict_list_sip_endpoints_200", bad)).toEqual([
      expect.objectContaining({ instancePath: "/data/0/id", keyword: "format" }),
    ]);
  });

  it.each([
    {
      given: { type: "object", properties: { a: { type: "string" } } },
      want: { type: "object", properties: { a: { type: "string" } }, additionalProperties: false },
    },
    {
      given: { type: "object", properties: {}, additionalProperties: true },
      want: { type: "object", properties: {}, additionalProperties: true },
    },
    { given: { enum: [{ properties: 1 }] }, want: { enum: [{ properties: 1 }] } },
    { given: { examples: [{ properties: {} }] }, want: { examples: [{ properties: {} }] } },
  ])("sealForDraft07 seals object schemas, never literal data: $given", ({ given, want }) => {
    expect(sealForDraft07(given)).toEqual(want);
  });
});

describe("Prism's spec", () => {
  const bodies = {
    retrieve: JSON.stringify({ id: "r" }),
    list_page50: JSON.stringify({ links: {}, data: [{ id: "l" }] }),
  };
  type Doc = {
    paths: Record<
      string,
      { get: { responses: Record<string, { $ref?: string; content?: Record<string, { examples?: unknown }> }> } }
    >;
    components: { responses: Record<string, unknown> };
  };
  const doc = prismSpec(bodies) as Doc;

  it("answers both measured routes with our mock's bodies", () => {
    expect(doc.paths["/endpoints/sip/{id}"]!.get.responses["200"]!.content!["application/json"]!.examples).toEqual({
      bench: { value: { id: "r" } },
    });
    expect(doc.paths["/endpoints/sip"]!.get.responses["200"]!.content!["application/json"]!.examples).toEqual({
      bench: { value: { links: {}, data: [{ id: "l" }] } },
    });
  });

  it("leaves the shared responses, and the spec itself, as they were", () => {
    expect(doc.components.responses).toEqual(spec.components.responses);
    expect(JSON.stringify(spec)).not.toContain('"bench"');
  });
});
