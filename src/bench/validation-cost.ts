/**
 * Validation cost: one 50-item list page, each item carrying a key the spec does not document,
 * validated strictly by our precompiled validator and by openapi-response-validator (the
 * validator jest-openapi uses) on the same spec and the same payload. Theirs is measured twice:
 * as jest-openapi calls it (a new validator per response: the headline) and built once and kept. Both must find every
 * planted key; a validator that finds less did less work and would flatter itself. (Its errors
 * do not name the key, so they are counted by kind: the page has no other problem.)
 */
import { fullFormats } from "ajv-formats/dist/formats";
import OpenAPIResponseValidator from "openapi-response-validator";
import spec from "../../generated/openapi.json";
import { startMockServer } from "../mock";
import { validate } from "../spec/validators";
import { getText } from "./http";
import { interleaved, timePerSyncCall } from "./interleave";
import type { BenchPlan } from "./plan";
import type { ValidationMeasurement } from "./results";

/** The key planted in every item: plausible for a real server to leak, and not in the spec. */
export const PLANTED_KEY = "project_id";

/** A real list page from the mock (50 seeded endpoints), with `PLANTED_KEY` added to every item. */
export async function plantedPage(): Promise<{ page: unknown; planted: number }> {
  const mock = await startMockServer({ port: 0, seedCount: 50, seed: "bench", env: {} });
  try {
    const page = JSON.parse(await getText(`${mock.url}/endpoints/sip?page_size=50`, mock.credentials)) as {
      data: Array<Record<string, unknown>>;
    };
    for (const item of page.data) item[PLANTED_KEY] = "d5b2c6a0-0000-4000-8000-000000000000";
    return { page, planted: page.data.length };
  } finally {
    await mock.close();
  }
}

/**
 * The spec as openapi-response-validator needs it to be as strict as ours: every object schema
 * that lists its properties refuses others. It compiles draft-07 schemas, which have no
 * `unevaluatedProperties`, so the seal is `additionalProperties: false` (the same thing here:
 * the response schemas combine no objects through `allOf`).
 */
export function sealForDraft07(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(sealForDraft07);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = ["example", "examples", "enum", "const", "default", "if", "not"].includes(key)
      ? value
      : sealForDraft07(value);
  }
  const schema = node as Record<string, unknown>;
  if (schema.properties && typeof schema.properties === "object" && !("additionalProperties" in schema))
    out.additionalProperties = false;
  return out;
}

/**
 * openapi-response-validator for the list operation, with the formats our validators check (it
 * checks none by default). Returns a factory: jest-openapi builds a new validator, and so
 * compiles the schemas again, for every response it checks; a careful user builds one and keeps it.
 */
export function theirValidatorFactory(): () => OpenAPIResponseValidator {
  const sealed = sealForDraft07(spec) as typeof spec;
  const asFunction = (format: unknown) => (value: string) =>
    format instanceof RegExp ? format.test(value) : typeof format === "function" ? Boolean(format(value)) : true;
  const args = {
    responses: sealed.paths["/endpoints/sip"].get.responses as never,
    components: sealed.components as never,
    customFormats: { uuid: asFunction(fullFormats.uuid), "uri-reference": asFunction(fullFormats["uri-reference"]) },
  };
  return () => new OpenAPIResponseValidator(args);
}

export async function measureValidation(plan: BenchPlan): Promise<ValidationMeasurement> {
  const { page, planted } = await plantedPage();
  const create = theirValidatorFactory();
  const kept = create();
  const ours = () => validate("strict_list_sip_endpoints_200", page);
  const theirsKept = () => kept.validateResponse(200, page);
  const theirsPerResponse = () => create().validateResponse(200, page);

  const found = {
    ours: ours().filter(
      (e) =>
        e.keyword === "unevaluatedProperties" &&
        (e.params as { unevaluatedProperty?: string }).unevaluatedProperty === PLANTED_KEY,
    ).length,
    openapi_response_validator: ((theirsPerResponse()?.errors ?? []) as Array<{ errorCode?: string }>).filter((e) =>
      e.errorCode?.startsWith("additionalProperties"),
    ).length,
    planted,
  };
  // Few calls suffice for the slow variant: one call compiles the schemas and takes tens of ms.
  const loop = { minMs: plan.roundMs, minCalls: 3 };
  const summary = await interleaved(
    [
      { name: "ours", measure: async () => timePerSyncCall(ours, loop) },
      { name: "openapi_response_validator", measure: async () => timePerSyncCall(theirsPerResponse, loop) },
      { name: "openapi_response_validator_kept", measure: async () => timePerSyncCall(theirsKept, loop) },
    ],
    { rounds: plan.rounds, warmupRounds: plan.warmupRounds },
  );
  return {
    ours: summary.ours!,
    openapi_response_validator: summary.openapi_response_validator!,
    openapi_response_validator_kept: summary.openapi_response_validator_kept!,
    found,
  };
}
