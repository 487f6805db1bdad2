/**
 * Reading validator errors (ajv's error objects): the one place that knows which keywords only wrap
 * other errors and which ones name a key below the value they are reported at. The checks, the
 * mock's 422 items, the drift fixtures and lint all turn errors into JSON pointers through here.
 */
import { escapePointerToken } from "./json-pointer";

export interface SchemaErrorLike {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

const WRAPPER_KEYWORDS: ReadonlySet<string> = new Set(["if", "anyOf", "oneOf", "allOf", "not", "then", "else"]);

/** Wrapper keywords only say that something below them failed; the errors below say what. */
export function isWrapperError(error: SchemaErrorLike): boolean {
  return WRAPPER_KEYWORDS.has(error.keyword);
}

/** The key an error is about when it is not the value it is reported at: missing or not allowed. */
export function namedKey(error: SchemaErrorLike): string | undefined {
  const { missingProperty, unevaluatedProperty, additionalProperty } = error.params;
  const key = error.keyword === "required" ? missingProperty : (unevaluatedProperty ?? additionalProperty);
  return typeof key === "string" ? key : undefined;
}

/** The pointer (RFC 6901) of what the error is about: the missing or extra key itself, else the value. */
export function errorPointer(error: SchemaErrorLike): string {
  const key = namedKey(error);
  return key === undefined ? error.instancePath : `${error.instancePath}/${escapePointerToken(key)}`;
}
