/**
 * The run's exchanges as HAR 1.2 (`exchanges.har`): what the server actually sent, openable in
 * browser dev tools and HAR viewers, and replayable against a later spec (`--replay`). Entries
 * carry what the session knew beyond HTTP in underscore fields, which HAR reserves for custom data.
 *
 * Bounded: every request the run makes is kept, except the pages a walk follows through
 * `links.next`: of each step, the first `maxListPages` of those and the last (a walk's end is
 * where pagination goes wrong). A walk of 100,000 endpoints is then a few dozen entries.
 */
import { operationAt, operations, type OperationId } from "../spec";
import { specFacts } from "../spec/facts";
import { parseJson } from "../json-text";
import { isPlainObject } from "../spec/json-pointer";
import type { SessionExchange } from "./session";
import type { DriftExchange, DriftMode, DriftRequest } from "./types";
import type { RetriedAnswer } from "../client/types";
import { scrubBodyText } from "./secret-fields";
import { name as packageName, version as packageVersion } from "../../package.json";

/** Followed pages of each step recorded by default, besides the step's last one. */
export const DEFAULT_HAR_PAGES = 5;

interface HarHeader {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: [];
    headers: HarHeader[];
    queryString: HarHeader[];
    postData?: { mimeType: string; text: string };
    headersSize: -1;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: [];
    headers: HarHeader[];
    content: { size: number; mimeType: string; text: string };
    redirectURL: string;
    headersSize: -1;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  _operationId: OperationId;
  _step: string;
  _attempts?: number;
  /** The answers of earlier attempts the client tried again after (a 429, a 503), oldest first. */
  _retried?: Array<{ status: number; headers: HarHeader[]; text: string }>;
  _requestId?: string;
  /** The request broke the spec on purpose (an accepted answer only echoes it). */
  _invalidInput?: true;
  /** The request followed a page's `links.next`. */
  _followsLink?: true;
  /** Whose credentials the request carried: the run's, none, or deliberately wrong ones. */
  _auth: "default" | "none" | "other";
}

export interface Har {
  log: {
    version: "1.2";
    creator: { name: string; version: string };
    comment: string;
    entries: HarEntry[];
    _runId: string;
    _baseUrl: string;
    _mode: DriftMode;
    /** Pages followed through `links.next` but not recorded. */
    _omittedListPages: number;
    /** Why the recorded run stopped before its end (unreachable, too slow, credentials refused), or null. */
    _stopped: string | null;
  };
}

export class HarRecorder {
  /** Kept exchanges in the order they happened (timestamps can tie within a millisecond). */
  private readonly kept: Array<{ order: number; entry: HarEntry }> = [];
  /** Per step: pages followed so far, and the latest one past the limit, converted only if it stays the last. */
  private readonly pages = new Map<
    string,
    { followed: number; pending: { order: number; seen: SessionExchange } | undefined }
  >();
  private order = 0;
  private omitted = 0;

  constructor(private readonly maxListPages = DEFAULT_HAR_PAGES) {}

  readonly record = (seen: SessionExchange): void => {
    const order = this.order++;
    if (!seen.followsLink) {
      this.kept.push({ order, entry: toEntry(seen) });
      return;
    }
    const step = this.pages.get(seen.step) ?? { followed: 0, pending: undefined };
    this.pages.set(seen.step, step);
    step.followed += 1;
    if (step.followed <= this.maxListPages) {
      this.kept.push({ order, entry: toEntry(seen) });
      return;
    }
    if (step.pending) this.omitted += 1;
    step.pending = { order, seen };
  };

  toHar(meta: { runId: string; baseUrl: string; mode: DriftMode; stopped: string | undefined }): Har {
    const all = [...this.kept];
    for (const { pending } of this.pages.values())
      if (pending) all.push({ order: pending.order, entry: toEntry(pending.seen) });
    const entries = all.sort((a, b) => a.order - b.order).map((k) => k.entry);
    const comment =
      this.omitted === 0
        ? "every exchange of the run"
        : `every exchange of the run except ${this.omitted} page(s) followed through links.next: each step keeps the first ${this.maxListPages} it followed and the last`;
    return {
      log: {
        version: "1.2",
        creator: { name: packageName, version: packageVersion },
        comment,
        entries,
        _runId: meta.runId,
        _baseUrl: meta.baseUrl,
        _mode: meta.mode,
        _omittedListPages: this.omitted,
        _stopped: meta.stopped ?? null,
      },
    };
  }
}

export function renderHar(har: Har): string {
  return `${JSON.stringify(har, null, 2)}\n`;
}

function toEntry(seen: SessionExchange): HarEntry {
  const { exchange, request } = seen;
  const url = new URL(exchange.url);
  const requestBody =
    // Stryker disable next-line ConditionalExpression: JSON.stringify(undefined) is undefined as well; the test stays because stringify is typed to return a string
    exchange.requestBody === undefined
      ? undefined
      : scrubBodyText(
          typeof exchange.requestBody === "string" ? exchange.requestBody : JSON.stringify(exchange.requestBody),
        );
  const responseBody = scrubBodyText(exchange.bodyText);
  const requestHeaders = exchange.requestHeaders ?? {};
  const responseType = exchange.headers["content-type"] ?? "";
  const time = Math.max(0, exchange.durationMs ?? 0);
  const entry: HarEntry = {
    startedDateTime: new Date(seen.startedAt).toISOString(),
    time,
    request: {
      method: exchange.method,
      url: exchange.url,
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: headerList(requestHeaders),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      ...(requestBody === undefined
        ? {}
        : { postData: { mimeType: requestHeaders["content-type"] ?? "application/json", text: requestBody } }),
      headersSize: -1,
      bodySize: requestBody === undefined ? 0 : Buffer.byteLength(requestBody),
    },
    response: {
      status: exchange.status,
      statusText: "",
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: headerList(exchange.headers),
      content: { size: Buffer.byteLength(responseBody), mimeType: responseType, text: responseBody },
      redirectURL: exchange.headers.location ?? "",
      headersSize: -1,
      bodySize: Buffer.byteLength(responseBody),
    },
    cache: {},
    // The client measures a whole exchange (retries included), not its phases.
    timings: { send: 0, wait: time, receive: 0 },
    _operationId: exchange.operationId,
    _step: seen.step,
    _auth: authOf(request),
  };
  if (exchange.attempts !== undefined) entry._attempts = exchange.attempts;
  if (exchange.retried)
    entry._retried = exchange.retried.map((answer) => ({
      status: answer.status,
      headers: headerList(answer.headers),
      text: scrubBodyText(answer.bodyText),
    }));
  if (exchange.requestId !== undefined) entry._requestId = exchange.requestId;
  if (seen.invalidInput) entry._invalidInput = true;
  if (seen.followsLink) entry._followsLink = true;
  return entry;
}

function authOf(request: Omit<DriftRequest, "signal">): HarEntry["_auth"] {
  return request.auth === undefined || request.auth === "default"
    ? "default"
    : request.auth === "none"
      ? "none"
      : "other";
}

function headerList(headers: Record<string, string>): HarHeader[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

/** A recording that cannot be replayed: the message says which entry and what is wrong. */
export class HarError extends Error {
  override name = "HarError";
}

/** One recorded exchange, as a replay judges it again. */
interface RecordedExchange {
  exchange: DriftExchange;
  step: string;
  auth: HarEntry["_auth"];
  invalidInput: boolean;
  followsLink: boolean;
}

export interface Recording {
  runId: string;
  baseUrl: string;
  mode: DriftMode;
  omittedListPages: number;
  /** Why the recorded run stopped early: it holds only part of the API's answers, so its replay cannot pass. */
  stopped: string | undefined;
  exchanges: RecordedExchange[];
}

/** Reads a HAR this tool wrote (or one edited by hand, or a browser's, as far as it holds this API's exchanges). */
export function readHar(text: string, source: string): Recording {
  const parsed = parseJson(text);
  if (!parsed.ok) throw new HarError(`${source} is not JSON: ${parsed.error}`);
  const log = isPlainObject(parsed.value) ? parsed.value.log : undefined;
  if (!isPlainObject(log) || !Array.isArray(log.entries))
    throw new HarError(`${source} is not a HAR file: it has no log.entries list`);
  if (log.version !== "1.2" && log.version !== "1.1")
    throw new HarError(
      `${source}: log.version ${JSON.stringify(log.version)} is not a HAR version this reads (1.2, 1.1)`,
    );
  const mode = log._mode === "read-write" ? "read-write" : "read-only";
  const recordedBase = typeof log._baseUrl === "string" ? log._baseUrl : undefined;
  const exchanges = log.entries.map((entry, index) => readEntry(entry, `${source}: entry ${index + 1}`, recordedBase));
  if (exchanges.length === 0) throw new HarError(`${source} has no entries: there is nothing to replay`);
  const baseUrl = recordedBase ?? `${new URL(exchanges[0]!.exchange.url).origin}${specFacts.basePath}`;
  return {
    runId: typeof log._runId === "string" ? log._runId : "replay",
    baseUrl,
    mode,
    omittedListPages: typeof log._omittedListPages === "number" ? log._omittedListPages : 0,
    stopped: typeof log._stopped === "string" ? log._stopped : undefined,
    exchanges,
  };
}

function readEntry(entry: unknown, where: string, baseUrl: string | undefined): RecordedExchange {
  if (!isPlainObject(entry)) throw new HarError(`${where} is not an object`);
  const { request, response } = entry;
  if (!isPlainObject(request) || typeof request.method !== "string" || typeof request.url !== "string")
    throw new HarError(`${where}: request.method and request.url must be strings`);
  if (!isPlainObject(response) || typeof response.status !== "number" || !Number.isInteger(response.status))
    throw new HarError(`${where}: response.status must be a whole number`);
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new HarError(`${where}: request.url is not an absolute URL`);
  }
  const operationId = operationOf(entry._operationId, request.method, url, baseUrl);
  if (!operationId)
    throw new HarError(
      `${where}: ${request.method} ${url.pathname} is no operation of the spec (and the entry names none in _operationId)`,
    );
  const content = isPlainObject(response.content) ? response.content : {};
  if (content.encoding === "base64")
    throw new HarError(`${where}: response.content is base64-encoded; only text bodies can be judged`);
  const exchange: DriftExchange = {
    operationId,
    method: request.method.toUpperCase(),
    url: url.href,
    status: response.status,
    headers: headerRecord(response.headers, `${where}: response.headers`),
    bodyText: typeof content.text === "string" ? content.text : "",
  };
  // The request's headers as recorded (secrets scrubbed), for what coverage reads of them: the content type sent.
  if (Array.isArray(request.headers) && request.headers.length > 0)
    exchange.requestHeaders = headerRecord(request.headers, `${where}: request.headers`);
  const postData = isPlainObject(request.postData) ? request.postData : undefined;
  if (postData && typeof postData.text === "string") {
    const body = parseJson(postData.text);
    exchange.requestBody = body.ok ? body.value : postData.text;
  }
  if (typeof entry.time === "number") exchange.durationMs = entry.time;
  if (typeof entry._attempts === "number") exchange.attempts = entry._attempts;
  if (entry._retried !== undefined) exchange.retried = retriedAnswers(entry._retried, `${where}: _retried`);
  if (typeof entry._requestId === "string") exchange.requestId = entry._requestId;
  return {
    exchange,
    step: typeof entry._step === "string" && entry._step !== "" ? entry._step : "replay",
    auth: entry._auth === "none" || entry._auth === "other" ? entry._auth : "default",
    invalidInput: entry._invalidInput === true,
    followsLink: entry._followsLink === true,
  };
}

function operationOf(named: unknown, method: string, url: URL, baseUrl: string | undefined): OperationId | undefined {
  if (typeof named === "string" && Object.prototype.hasOwnProperty.call(operations, named)) return named as OperationId;
  // A HAR from elsewhere: the path under the recorded base URL, or under the spec's base path.
  return operationAt(method, url.pathname, baseUrl ? new URL(baseUrl).pathname : specFacts.basePath);
}

function retriedAnswers(list: unknown, where: string): RetriedAnswer[] {
  if (!Array.isArray(list)) throw new HarError(`${where} must be a list of { status, headers, text }`);
  return list.map((answer, index) => {
    if (
      !isPlainObject(answer) ||
      typeof answer.status !== "number" ||
      !Number.isInteger(answer.status) ||
      typeof answer.text !== "string"
    ) {
      throw new HarError(`${where}: item ${index + 1} must have a whole-number status and a text`);
    }
    return {
      status: answer.status,
      headers: headerRecord(answer.headers, `${where}: item ${index + 1}: headers`),
      bodyText: answer.text,
    };
  });
}

function headerRecord(list: unknown, where: string): Record<string, string> {
  if (list === undefined) return {};
  if (!Array.isArray(list)) throw new HarError(`${where} must be a list of { name, value }`);
  const out: Record<string, string> = {};
  for (const header of list) {
    if (!isPlainObject(header) || typeof header.name !== "string" || typeof header.value !== "string")
      throw new HarError(`${where} must be a list of { name, value }`);
    const name = header.name.toLowerCase();
    out[name] = out[name] === undefined ? header.value : `${out[name]}, ${header.value}`;
  }
  return out;
}
