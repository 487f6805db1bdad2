/**
 * Errors about what the server answered: an error status (`ApiError` and one subclass per
 * documented status family) or a response that breaks the spec (`InvalidResponseError`). Whether a
 * body is the documented error shape is decided by the spec's own validator for that status.
 */
import type { Finding } from "../checks/types";
import { operations, type OperationId } from "../spec";
import type { ValidatorName } from "../spec/validators";
import { errorGuard, SipEndpointsError, plural } from "./errors";
import type { ClientExchange, ValidationErrorItem } from "./types";

/** What an API error is made from: the final exchange, its parsed body and the call's secrets. */
export interface ApiErrorSource {
  exchange: ClientExchange;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
  findings: Finding[];
  secrets: readonly string[];
  /** The body when it is the documented shape for this status (decided by the spec's validator). */
  documented?: { error?: string; errors?: ValidationErrorItem[] } | undefined;
}

/** The server answered with a status that is not a success (3xx included: redirects are never followed). */
export class ApiError extends SipEndpointsError {
  static override readonly kind: string = "ApiError";
  readonly operationId: OperationId;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  /** The server's request id, when it sent one. */
  readonly requestId: string | undefined;
  /** The body as parsed JSON (or text when not JSON), secrets scrubbed. */
  readonly body: unknown;
  /** The `error` string of a documented `{ "error": … }` body. */
  readonly error: string | undefined;
  readonly attempts: number;
  /** Spec findings about this response (only with `validateResponses` on). */
  readonly findings: Finding[];

  constructor(source: ApiErrorSource, detail: string | undefined) {
    const { exchange, secrets } = source;
    const id = exchange.requestId ? ` [request id ${exchange.requestId}]` : "";
    const tries = exchange.attempts > 1 ? ` after ${plural(exchange.attempts, "attempt")}` : "";
    super(`${exchange.method} ${exchange.url} answered ${exchange.status}${detail ? `: ${detail}` : ""}${tries}${id}`, {
      secrets,
    });
    this.operationId = exchange.operationId;
    this.method = exchange.method;
    this.url = exchange.url;
    this.status = exchange.status;
    this.requestId = exchange.requestId;
    this.body = this.scrub(source.body);
    const error = source.documented?.error;
    this.error = typeof error === "string" ? this.scrub(error) : undefined;
    this.attempts = exchange.attempts;
    this.findings = this.scrub(source.findings);
  }
}

/** 400: the request could not be understood (documented for delete). */
export class BadRequestError extends ApiError {
  static override readonly kind: string = "BadRequestError";
}
/** 401: credentials missing, wrong, or without the Voice scope. */
export class UnauthorizedError extends ApiError {
  static override readonly kind: string = "UnauthorizedError";
}
/** 404: no SIP endpoint of this project has that id. */
export class NotFoundError extends ApiError {
  static override readonly kind: string = "NotFoundError";
}
/** 429: rate limited, and retrying did not help (or `Retry-After` asked for more than the cap). */
export class RateLimitError extends ApiError {
  static override readonly kind: string = "RateLimitError";
  /** The `Retry-After` header as sent (seconds or an HTTP date). */
  readonly retryAfter: string | undefined;
  constructor(source: ApiErrorSource, detail: string | undefined) {
    super(source, detail);
    this.retryAfter = source.exchange.headers["retry-after"];
  }
}
/** 5xx: the server failed. */
export class ServerError extends ApiError {
  static override readonly kind: string = "ServerError";
}
/** 422: the request broke rules of the API; `errors` holds one typed item per broken rule. */
export class UnprocessableEntityError extends ApiError {
  static override readonly kind: string = "UnprocessableEntityError";
  /** The documented `errors` items; empty when the body is not the documented shape (see `body`). */
  readonly errors: ValidationErrorItem[];
  constructor(source: ApiErrorSource, detail: string | undefined, errors: ValidationErrorItem[]) {
    super(source, detail);
    this.errors = this.scrub(errors);
  }
}

/** A response the spec does not allow (with `validateResponses: "throw"`), or one the client cannot use. */
export class InvalidResponseError extends SipEndpointsError {
  static override readonly kind: string = "InvalidResponseError";
  readonly operationId: OperationId;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly requestId: string | undefined;
  /** What is wrong, each with a JSON pointer into the body. */
  readonly findings: Finding[];

  constructor(exchange: ClientExchange, findings: Finding[], secrets: readonly string[], cause?: unknown) {
    const shown = findings.slice(0, 3).map((f) => `${f.pointer || "/"} ${f.check}: ${f.message}`);
    if (findings.length > 3) shown.push(`and ${findings.length - 3} more`);
    super(
      `${exchange.method} ${exchange.url} answered ${exchange.status} with a response that breaks the spec: ${shown.join("; ") || "unusable body"}`,
      { secrets, cause },
    );
    this.operationId = exchange.operationId;
    this.method = exchange.method;
    this.url = exchange.url;
    this.status = exchange.status;
    this.requestId = exchange.requestId;
    this.findings = this.scrub(findings);
  }
}

/**
 * The body when the spec's validator for this operation and status accepts it. The validators are
 * loaded on the first error status only, so a client without validation that sees no error never
 * loads them.
 */
async function documentedBody(
  operationId: OperationId,
  status: number,
  body: unknown,
): Promise<ApiErrorSource["documented"]> {
  const responses = operations[operationId].responses as Record<string, { bodyValidator: string | null } | undefined>;
  const name = responses[String(status)]?.bodyValidator;
  if (!name) return undefined;
  const { validate } = await import("../spec/validators");
  return validate(name as ValidatorName, body).length === 0 ? (body as ApiErrorSource["documented"]) : undefined;
}

/** The error for a non-success exchange, of the subclass its status calls for. */
export async function createApiError(given: ApiErrorSource): Promise<ApiError> {
  const { status, operationId } = given.exchange;
  const documented = await documentedBody(operationId, status, given.body);
  const source = { ...given, documented };
  if (status === 422) {
    const errors = documented?.errors ?? [];
    return new UnprocessableEntityError(source, errors.map((e) => e.detail).join("; ") || undefined, errors);
  }
  const detail = documented?.error;
  // Below 400 a failure can only be a redirect the client did not follow (fetch hands over no 1xx).
  if (status < 400)
    return new ApiError(source, `redirect to ${source.exchange.headers.location ?? "nowhere"} not followed`);
  if (status === 400) return new BadRequestError(source, detail);
  if (status === 401) return new UnauthorizedError(source, detail);
  if (status === 404) return new NotFoundError(source, detail);
  if (status === 429) return new RateLimitError(source, detail);
  if (status >= 500) return new ServerError(source, detail);
  return new ApiError(source, detail);
}

export const isApiError = errorGuard(ApiError);
export const isBadRequestError = errorGuard(BadRequestError);
export const isUnauthorizedError = errorGuard(UnauthorizedError);
export const isNotFoundError = errorGuard(NotFoundError);
export const isUnprocessableEntityError = errorGuard(UnprocessableEntityError);
export const isRateLimitError = errorGuard(RateLimitError);
export const isServerError = errorGuard(ServerError);
export const isInvalidResponseError = errorGuard(InvalidResponseError);
