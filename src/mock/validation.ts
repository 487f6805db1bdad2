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
  query: (operationId, query) => check(operations[operationId].queryValidator, query, "Invalid Parameter"),
  body: (operationId, body) => check(operations[operationId].requestBody?.validator ?? null, body, "Invalid Attribute"),
};

function check(name: string | null, data: unknown, title: string): ValidationItem[] {
  return name ? toValidationItems(validate(name as ValidatorName, data), title) : [];
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
export function toValidationItems(errors: SchemaError[], title: string): ValidationItem[] {
  const chosen = new Map<string, SchemaError>();
  for (const error of errors) {
    if (isWrapperError(error)) continue;
    const key = errorPointer(error);
    const held = chosen.get(key);
    if (!held || rank(error.keyword) < rank(held.keyword)) chosen.set(key, error);
  }
  if (chosen.size === 0 && errors.length > 0) return [validationItem("The request is invalid", "invalid", title)];
  return [...chosen.values()].map((error) => describe(error, title));
}

function describe(error: SchemaError, attributeTitle: string): ValidationItem {
  if (error.keyword === "required") {
    return validationItem(`${humanize(String(namedKey(error)))} can't be blank`, "missing_required_attribute", attributeTitle);
  }
  const [field, ...rest] = error.instancePath.split("/").slice(1);
  // A problem with the whole body (an array where an object belongs) names the body itself.
  const title = field === undefined ? "Invalid Request Body" : attributeTitle;
  const subject = field === undefined ? "The request body" : humanize(field) + (rest.length > 0 ? ` (item ${rest.join("/")})` : "");
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "type": {
      const types = ([] as unknown[]).concat(params.type).map((t) => `${/^[aeiou]/.test(String(t)) ? "an" : "a"} ${t}`);
      return validationItem(`${subject} must be ${types.join(" or ")}`, "invalid_type", title);
    }
    case "minLength":
      return params.limit === 1
        ? validationItem(`${subject} can't be blank`, "missing_required_attribute", title)
        : validationItem(`${subject} is too short (minimum is ${params.limit} characters)`, "too_short", title);
    case "maxLength":
      return validationItem(`${subject} is too long (maximum is ${params.limit} characters)`, "too_long", title);
    case "enum":
    case "const": {
      const allowed = ([] as unknown[]).concat(params.allowedValues ?? params.allowedValue).filter((v) => v !== null);
      return validationItem(`${subject} is not included in the list (${allowed.join(", ")})`, "invalid_value", title);
    }
    case "format":
      return validationItem(`${subject} is not a valid ${String(params.format).toUpperCase()}`, "invalid_format", title);
    case "minimum":
      return validationItem(`${subject} must be greater than or equal to ${params.limit}`, "out_of_range", title);
    case "exclusiveMinimum":
      return validationItem(`${subject} must be greater than ${params.limit}`, "out_of_range", title);
    case "maximum":
      return validationItem(`${subject} must be less than or equal to ${params.limit}`, "out_of_range", title);
    case "exclusiveMaximum":
      return validationItem(`${subject} must be less than ${params.limit}`, "out_of_range", title);
    default:
      return validationItem(`${subject} is invalid`, "invalid_attribute", title);
  }
}
