/**
 * What the spec matchers decide, apart from any test runner: a response (a fetch `Response`, an
 * openapi-fetch result or the client's exchange record) judged by the check catalogue, and a
 * plain value judged by one component schema's validator. Findings are plain data; the runners'
 * matchers only turn them into messages.
 */
import { specFacts } from "../../generated/spec-facts";
import { checkResponse, classifySchemaErrors, type Finding, type HttpExchange } from "../checks";
import { stableFindingId } from "../checks/finding";
import { credentialSecrets, redactValue } from "../redact";
import { headerRecord } from "../http-headers";
import { matchOperation, operations, type OperationId } from "../spec";
import { isPlainObject } from "../spec/json-pointer";
import { validatorName } from "../spec/operation-info";
import { hasValidator, validate, type SchemaName } from "../spec/validators";

export type { SchemaName };

export interface MatchSpecOptions {
  /** Also fail on keys the spec does not describe (`field-undocumented`). Default false. */
  strict?: boolean;
  /** The request method, for a `Response`, which does not carry it. Default `GET`. */
  method?: string;
  /** The operation, when the method and URL cannot tell it (a `Response` without a URL). */
  operationId?: OperationId;
  /** More values to keep out of failure messages (the token and its Basic payload from `SIGNALWIRE_*` always are). */
  secrets?: readonly string[];
}

export interface MatchSchemaOptions {
  /** Also fail on keys the schema does not describe. Default false. */
  strict?: boolean;
  secrets?: readonly string[];
}

/** A problem found, as the drift job reports it. */
export interface MatchProblem {
  /** The finding's stable id (the drift report's): the same check at the same place in any list item. */
  id: string;
  check: string;
  pointer: string;
  expected: string;
  actual: string;
  message: string;
}

export interface Verdict {
  /** What was judged, e.g. `GET /endpoints/sip/{id} → 200` or `schema SipEndpoint`. */
  subject: string;
  problems: MatchProblem[];
}

/** Thrown for input a matcher cannot judge at all (not a response, an unknown schema name). */
export class MatcherUsageError extends Error {
  override name = "MatcherUsageError";
}

interface OpenapiFetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
  request?: Request;
}

function isResponse(value: unknown): value is Response {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Response).clone === "function" &&
    typeof (value as Response).status === "number" &&
    typeof (value as Response).headers?.get === "function"
  );
}

function isOpenapiFetchResult(value: unknown): value is OpenapiFetchResult {
  return (
    isPlainObject(value as never) &&
    isResponse((value as { response?: unknown }).response) &&
    ("data" in (value as object) || "error" in (value as object))
  );
}

function isExchange(value: unknown): value is HttpExchange {
  const v = value as Partial<HttpExchange> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.operationId === "string" &&
    typeof v.status === "number" &&
    typeof v.bodyText === "string" &&
    typeof v.method === "string"
  );
}

/** The operation a method and URL address; the URL may carry the API's base path or not. */
function operationOf(method: string, url: string, given: OperationId | undefined): OperationId {
  if (given !== undefined) {
    if (!(given in operations))
      throw new MatcherUsageError(`unknown operationId "${given}"; the spec has ${Object.keys(operations).join(", ")}`);
    return given;
  }
  if (url === "")
    throw new MatcherUsageError("the response has no URL, so its operation is unknown: pass { operationId }");
  const pathname = new URL(url, "http://relative.invalid").pathname;
  const at = pathname.indexOf(`${specFacts.basePath}/`);
  const path = at >= 0 ? pathname.slice(at + specFacts.basePath.length) : pathname;
  const match = matchOperation(method, path);
  if ("operationId" in match) return match.operationId;
  throw new MatcherUsageError(
    `${method} ${pathname} is no operation of the spec${match.pathAllowed.length > 0 ? ` (that path takes ${match.pathAllowed.join(", ")}; pass { method })` : ""}`,
  );
}

/** Turns what the matcher was given into the exchange the checks judge. */
async function exchangeOf(received: unknown, options: MatchSpecOptions): Promise<HttpExchange> {
  if (isExchange(received)) return received;
  if (isOpenapiFetchResult(received)) {
    // openapi-fetch has read the body already; what it parsed is the body.
    const { response, data, error, request } = received;
    const method = (options.method ?? request?.method ?? "GET").toUpperCase();
    const body = data !== undefined ? data : error;
    const bodyText =
      body === undefined || response.status === 204 ? "" : typeof body === "string" ? body : JSON.stringify(body);
    return {
      operationId: operationOf(method, response.url, options.operationId),
      method,
      url: response.url,
      status: response.status,
      headers: headerRecord(response.headers),
      bodyText,
    };
  }
  if (isResponse(received)) {
    const method = (options.method ?? "GET").toUpperCase();
    if (received.bodyUsed)
      throw new MatcherUsageError(
        "the response body was already read; match before reading it, or match the openapi-fetch result or the parsed value",
      );
    const bodyText = await received.clone().text();
    return {
      operationId: operationOf(method, received.url, options.operationId),
      method,
      url: received.url,
      status: received.status,
      headers: headerRecord(received.headers),
      bodyText,
    };
  }
  throw new MatcherUsageError(
    "toMatchSpec takes a fetch Response, an openapi-fetch result ({ data, error, response }) or the client's exchange record",
  );
}

/** The secrets every message is scrubbed of: the environment's credentials and the caller's own. */
function secretsFor(extra: readonly string[] | undefined): string[] {
  const env = typeof process === "object" ? process.env : {};
  const secrets = [...(extra ?? [])];
  if (env.SIGNALWIRE_API_TOKEN)
    secrets.push(...credentialSecrets(env.SIGNALWIRE_PROJECT_ID ?? "", env.SIGNALWIRE_API_TOKEN));
  return secrets;
}

const asProblem = ({ id, check, pointer, expected, actual, message }: Finding): MatchProblem => ({
  id,
  check,
  pointer,
  expected,
  actual,
  message,
});

/** Judges a response against the spec: status, content type and body, with the check catalogue. */
export async function judgeResponse(received: unknown, options: MatchSpecOptions = {}): Promise<Verdict> {
  const exchange = await exchangeOf(received, options);
  // An info finding (a documented alternative, such as 201 for a create) is something the spec allows.
  const findings = checkResponse(exchange).filter(
    (f) => f.severity !== "info" && (options.strict || f.check !== "field-undocumented"),
  );
  const op = operations[exchange.operationId];
  const verdict = {
    subject: `${op.method} ${op.path} (${exchange.operationId}) → ${exchange.status}`,
    problems: findings.map(asProblem),
  };
  return redactValue(verdict, secretsFor(options.secrets));
}

/** Judges a plain value against one of the spec's component schemas. */
export function judgeValue(value: unknown, name: SchemaName, options: MatchSchemaOptions = {}): Verdict {
  const lax = validatorName.component(name);
  const chosen = options.strict ? validatorName.strict(lax) : lax;
  if (!hasValidator(chosen)) throw new MatcherUsageError(`"${String(name)}" is not a schema of the spec's components`);
  const errors = validate(chosen, value);
  const problems = classifySchemaErrors(errors, value).map(({ category, pointer, expected, actual, message }) => ({
    id: stableFindingId(category, `schema ${name}`, pointer),
    check: category,
    pointer,
    expected,
    actual,
    message,
  }));
  return redactValue(
    { subject: `schema ${name}${options.strict ? " (strict)" : ""}`, problems },
    secretsFor(options.secrets),
  );
}

/** Findings a failure message lists at most, and the characters their lines take at most; the rest are counted. */
const MAX_FINDINGS = 20;
const MAX_CHARS = 4_000;
/** Longest pointer, expected, actual or message text shown: a key or value from the body can be any length. */
const MAX_TEXT = 160;

const cut = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

/**
 * The findings as a failure message shows them: one line per finding id (the same check at the
 * same place in any list item, as the drift report groups them), with how often it was seen and
 * where first, so the same drift in 1,000 list items is one line and the message stays a few
 * thousand characters at most whatever the page size.
 */
export function describeProblems(problems: readonly MatchProblem[]): string {
  const byId = new Map<string, { first: MatchProblem; count: number }>();
  for (const p of problems) {
    const seen = byId.get(p.id);
    if (seen) seen.count += 1;
    else byId.set(p.id, { first: p, count: 1 });
  }
  const lines: string[] = [];
  let chars = 0;
  for (const { first: p, count } of byId.values()) {
    const seen = count > 1 ? ` (×${count}; the first shown)` : "";
    const line = `  ${p.check} at ${cut(p.pointer) || "(the whole body)"}${seen}: expected ${cut(p.expected)}, got ${cut(p.actual)}\n    ${cut(p.message)}`;
    if (lines.length === MAX_FINDINGS || chars + line.length > MAX_CHARS) break;
    lines.push(line);
    chars += line.length;
  }
  if (byId.size > lines.length) lines.push(`  … and ${byId.size - lines.length} more finding(s)`);
  return lines.join("\n");
}
