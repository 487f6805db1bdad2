/**
 * The shape of the operation index that `npm run gen` writes to `generated/operations.ts`, and the
 * names of the validators it refers to. Plain data, shared by the build and the run time.
 */
export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

export interface ParameterInfo {
  name: string;
  in: "query" | "path" | "header" | "cookie";
  required: boolean;
  /** The JSON type a raw string value is coerced to before validation. */
  type: "string" | "integer" | "number" | "boolean" | "array";
  /** The schema's `default`: what the server assumes when the parameter is not sent. */
  default?: string | number | boolean;
  /**
   * The values a test should send to cover the parameter's domain: each of an enum's (or a
   * boolean's) values, a number's minimum and maximum. Absent for free text and unbounded numbers.
   */
  valueClasses?: readonly (string | number | boolean)[];
}

/** A link of a response (OpenAPI `links`): a request whose values come from this answer. */
export interface LinkInfo {
  readonly name: string;
  readonly operationId: string;
  /** Parameter name → runtime expression (`$response.body#/id`). */
  readonly parameters: Readonly<Record<string, string>>;
  /** `x-request-url`: an expression naming the whole URL to request (a page link). */
  readonly requestUrl: string | null;
}

/** An object a response body holds: where (array items as `*`) and which component schema it is (its properties are in the spec facts). */
export interface BodyObject {
  readonly at: string;
  readonly schema: string;
}

/** A response header the spec documents. */
interface HeaderInfo {
  /** As the spec spells it (`Retry-After`); HTTP compares names case-insensitively. */
  readonly name: string;
  readonly required: boolean;
  /** Validator name of the header's schema (its value is a string), when it has one. */
  readonly validator: string | null;
}

export interface ResponseInfo {
  readonly contentTypes: readonly string[];
  /** Validator name of the JSON body, when the response documents one. */
  readonly bodyValidator: string | null;
  readonly headers: readonly HeaderInfo[];
  readonly links: readonly LinkInfo[];
  readonly objects: readonly BodyObject[];
}

export interface OperationInfo {
  operationId: string;
  method: string;
  path: string;
  parameters: ParameterInfo[];
  queryValidator: string | null;
  requestBody: { required: boolean; contentTypes: readonly string[]; validator: string | null } | null;
  responses: Record<string, ResponseInfo>;
}

/** Validator names are identifiers, so they double as export names of `generated/validators.js`. */
export const validatorName = {
  response: (operationId: string, status: string) => `${operationId}_${status}`,
  request: (operationId: string) => `${operationId}_request`,
  query: (operationId: string) => `${operationId}_query`,
  strict: (name: string) => `strict_${name}`,
  header: (operationId: string, status: string, header: string) =>
    `${operationId}_${status}_header_${header.toLowerCase().replace(/[^a-z0-9]+/g, "_")}`,
  /** A component schema validated on its own (`toMatchSchema`). */
  component: (schemaName: string) => `schema_${schemaName}`,
};
