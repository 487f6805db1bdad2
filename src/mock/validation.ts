/**
 * Request validation. The rules are the spec's, through the generated validators the operation
 * index names; this module only turns their errors into the API's 422 items, in the wording of
 * the Relay REST API ("Username can't be blank"). The core receives a `RequestValidator`, so a
 * fault profile can hand it a different one instead of the core testing for faults.
 */
import { operations, type OperationId } from "../spec";
import { errorPointer, isWrapperError, namedKey } from "../spec/schema-error";
import { validate, type SchemaError, type ValidatorName } from "../spec/validators";
import { validationItem, type ValidationItem } from "./responses";

export interface RequestValidator {
  /** Problems with the (already type-coerced) query parameters of an operation. */
  query(operationId: OperationId, query: Record<string, unknown>): ValidationItem[];
  /** Problems with the parsed JSON request body of an operation. */
  body(operationId: OperationId, body: unknown): ValidationItem[];
}

export const specValidator: RequestValidator = {
  query: (operationId, query) => check(operations[operationId].queryValidator, query),
  body: (operationId, body) => check(operations[operationId].requestBody?.validator ?? null, body),
};

function check(name: string | null, data: unknown): ValidationItem[] {
  return name ? toValidationItems(validate(name as ValidatorName, data)) : [];
}

/** `call_request_url` → "Call request url", the way the API names attributes in its messages. */
function humanize(name: string): string {
  const words = name.replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** When one attribute breaks several rules, report the one a caller must fix first. */
const PRECEDENCE = ["type", "minLength", "enum", "const", "format"];
const rank = (keyword: string) => (PRECEDENCE.includes(keyword) ? PRECEDENCE.indexOf(keyword) : PRECEDENCE.length);

/**
 * One 422 item per problem: a missing field is one problem, and so is a present field, however
 * many rules it breaks (an empty username is blank; that it also fails the pattern adds nothing).
 * Exported for its tests: it words every keyword a request schema may use, including some that
 * the spec's request schemas do not use today.
 */
export function toValidationItems(errors: SchemaError[]): ValidationItem[] {
  const chosen = new Map<string, SchemaError>();
  for (const error of errors) {
    if (isWrapperError(error)) continue;
    const key = errorPointer(error);
    const held = chosen.get(key);
    if (!held || rank(error.keyword) < rank(held.keyword)) chosen.set(key, error);
  }
  if (chosen.size === 0 && errors.length > 0) return [validationItem("The request is invalid")];
  return [...chosen.values()].map((error) => validationItem(describe(error)));
}

/** The item's `detail`, in the API's wording. */
function describe(error: SchemaError): string {
  if (error.keyword === "required") return `${humanize(String(namedKey(error)))} can't be blank`;
  const [field, ...rest] = error.instancePath.split("/").slice(1);
  // A problem with the whole body (an array where an object belongs) names the body itself.
  const subject =
    field === undefined ? "The request body" : humanize(field) + (rest.length > 0 ? ` (item ${rest.join("/")})` : "");
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "type": {
      const types = ([] as unknown[]).concat(params.type).map((t) => `${/^[aeiou]/.test(String(t)) ? "an" : "a"} ${t}`);
      return `${subject} must be ${types.join(" or ")}`;
    }
    case "minLength":
      return params.limit === 1
        ? `${subject} can't be blank`
        : `${subject} is too short (minimum is ${params.limit} characters)`;
    case "maxLength":
      return `${subject} is too long (maximum is ${params.limit} characters)`;
    case "enum":
    case "const": {
      const allowed = ([] as unknown[]).concat(params.allowedValues ?? params.allowedValue).filter((v) => v !== null);
      return `${subject} is not included in the list (${allowed.join(", ")})`;
    }
    case "format":
      return `${subject} is not a valid ${String(params.format).toUpperCase()}`;
    case "minimum":
      return `${subject} must be greater than or equal to ${params.limit}`;
    case "exclusiveMinimum":
      return `${subject} must be greater than ${params.limit}`;
    case "maximum":
      return `${subject} must be less than or equal to ${params.limit}`;
    case "exclusiveMaximum":
      return `${subject} must be less than ${params.limit}`;
    default:
      return `${subject} is invalid`;
  }
}
