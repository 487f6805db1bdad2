/**
 * The one place a JSON Schema validator is configured. Codegen compiles the standalone
 * validators with it and lint checks examples with it, so both agree on every rule.
 */
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { _ } from "ajv";

/** OpenAPI annotations that are not JSON Schema keywords. */
const OPENAPI_KEYWORDS = ["example", "discriminator", "xml", "externalDocs"];

export function createAjv(options: { standalone?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    // `if`/`then` rules name `required` without repeating `type: object`; that is valid JSON Schema.
    strictTypes: false,
    allowUnionTypes: true,
    // Share one compiled function per referenced schema instead of inlining copies into every validator.
    inlineRefs: false,
    validateFormats: true,
    ...(options.standalone
      ? { code: { source: true, lines: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } }
      : {}),
  });
  ajv.addVocabulary(OPENAPI_KEYWORDS);
  addFormats(ajv, { mode: "full" });
  return ajv;
}
