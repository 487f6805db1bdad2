/**
 * Works out once per exchange what several checks need: which documented response it matches,
 * whether the body parses, and what the strict validator says about it, sorted into the
 * catalogue's categories. Checks then only filter.
 */
import { at } from "../spec/json-pointer";
import { errorPointer, isWrapperError, namedKey } from "../spec/schema-error";
import { documentedResponse } from "../spec";
import { strictValidatorName, validate, type SchemaError, type ValidatorName } from "../spec/validators";
import { isJsonMediaType } from "../spec/media-type";
import type { ResponseInfo } from "../spec/operation-info";
import { describeValue, jsonTypeOf } from "./finding";
import type { FindingDraft, HttpExchange } from "./types";
import { parseJson, type ParsedJson } from "../json-text";
import { isWriteOnlyKey } from "./write-only-returned";

export type SchemaCategory =
  | "field-missing"
  | "field-type-mismatch"
  | "enum-value-unknown"
  | "format-mismatch"
  | "field-undocumented"
  | "schema-violation";

export interface SchemaProblem extends FindingDraft {
  category: SchemaCategory;
}

export interface ResponseAnalysis {
  exchange: HttpExchange;
  /** The documented response for this status (exact code first, then `4XX`-style ranges, then `default`). */
  documented: ResponseInfo | undefined;
  documentedKey: string | undefined;
  /** The documented response declares a JSON body. */
  expectsJson: boolean;
  contentType: string;
  contentTypeIsJson: boolean;
  /** The parsed body when it is JSON; `parsed.ok` is false when it is not. */
  parsed: ParsedJson;
  /** Problems found by the strict validator (empty when there is no schema or no JSON). */
  schemaProblems: SchemaProblem[];
}

export function analyseResponse(exchange: HttpExchange): ResponseAnalysis {
  const match = documentedResponse(exchange.operationId, exchange.status);
  const documented = match?.info;
  const expectsJson = !!documented && documented.contentTypes.some(isJsonMediaType);
  const contentType = exchange.headers["content-type"] ?? "";
  const parsed = parseJson(exchange.bodyText);
  const validator = documented?.bodyValidator as ValidatorName | null | undefined;
  const schemaProblems =
    validator && parsed.ok
      ? classifySchemaErrors(validate(strictValidatorName(validator) ?? validator, parsed.value), parsed.value)
      : [];
  return {
    exchange,
    documented,
    documentedKey: match?.key,
    expectsJson,
    contentType,
    contentTypeIsJson: isJsonMediaType(contentType),
    parsed,
    schemaProblems,
  };
}

/**
 * Sorts validator errors into the catalogue's categories. A value of the wrong type also fails
 * its enum; only the type problem is kept, since that is the one a reader has to fix.
 */
export function classifySchemaErrors(errors: SchemaError[], body: unknown): SchemaProblem[] {
  const typeErrorAt = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  const problems: SchemaProblem[] = [];
  for (const error of errors) {
    const ptr = error.instancePath;
    const value = at(body as never, ptr);
    switch (error.keyword) {
      case "required": {
        const missing = String(namedKey(error));
        problems.push({
          category: "field-missing",
          pointer: errorPointer(error),
          expected: "present",
          actual: "absent",
          message: `required key "${missing}" is missing at ${ptr || "/"}`,
        });
        break;
      }
      case "type": {
        const want = (error.params as { type: string | string[] }).type;
        const wanted = Array.isArray(want) ? want.join(" or ") : want;
        problems.push({
          category: "field-type-mismatch",
          pointer: ptr,
          expected: wanted,
          actual: jsonTypeOf(value),
          message: `${ptr || "/"} is ${jsonTypeOf(value)}, the spec says ${wanted}`,
        });
        break;
      }
      case "enum":
      case "const": {
        if (typeErrorAt.has(ptr)) break;
        const allowed =
          error.keyword === "enum"
            ? (error.params as { allowedValues: unknown[] }).allowedValues
            : [(error.params as { allowedValue: unknown }).allowedValue];
        const expected = allowed.map((v) => describeValue(v)).join(" | ");
        problems.push({
          category: "enum-value-unknown",
          pointer: ptr,
          expected,
          actual: describeValue(value),
          message: `${ptr || "/"} is ${describeValue(value)}, not one of the documented values`,
        });
        break;
      }
      case "format": {
        const format = (error.params as { format: string }).format;
        problems.push({
          category: "format-mismatch",
          pointer: ptr,
          expected: `format ${format}`,
          actual: describeValue(value),
          message: `${ptr || "/"} is not a valid ${format}: ${describeValue(value)}`,
        });
        break;
      }
      case "unevaluatedProperties":
      case "additionalProperties": {
        const key = String(namedKey(error));
        // A write-only key is `write-only-returned`'s: documenting it as a response field would be the wrong fix.
        if (isWriteOnlyKey(key)) break;
        // Only the type of an undocumented value is reported: it might be a secret the server leaks.
        // Stryker disable next-line ConditionalExpression,LogicalOperator: the validator reports an undocumented key only on an object; the guard is for a hand-made error
        const keyValue = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
        problems.push({
          category: "field-undocumented",
          pointer: errorPointer(error),
          expected: "no such key",
          actual: `key present (${jsonTypeOf(keyValue)})`,
          message: `undocumented key "${key}" at ${ptr || "/"}`,
        });
        break;
      }
      default: {
        if (
          isWrapperError(error) &&
          errors.some((e) => e !== error && !isWrapperError(e) && e.instancePath.startsWith(ptr))
        )
          break;
        problems.push({
          category: "schema-violation",
          pointer: ptr,
          expected: `${error.keyword}: ${error.message ?? "valid"}`,
          actual: describeValue(value),
          message: `${ptr || "/"} ${error.message ?? "breaks a schema rule"}`,
        });
      }
    }
  }
  return problems;
}
