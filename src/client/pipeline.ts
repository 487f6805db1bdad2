/**
 * Where openapi-fetch meets the transport. See README.md in this folder for the shape and why.
 *
 * The pipeline makes the openapi-fetch client (`raw`) with one client-wide fetch: `raw` calls
 * reach it after their middleware, and get back the transport's answer, judged for `onFindings`.
 * Typed calls and `send` pass a fetch of their own per call (a documented option of openapi-fetch)
 * that carries what the `Request` cannot — the call's signal and credentials — and remembers what
 * it sent. While no middleware is registered nothing but the call itself sees its answer: the
 * `Response` openapi-fetch gets is its status only, and the answer is the transport's as it is.
 * Once middleware is registered, the `Response` carries the body, and the result is whatever
 * openapi-fetch returns after middleware: `receive` reads its body once, under the size cap, and
 * judges it.
 */
import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/openapi";
import { headerRecord } from "../http-headers";
import { exceedsUtf8Bytes } from "../utf8-text";
import { parseJson } from "../json-text";
import { operationAt, operations, type OperationId } from "../spec";
import type { ClientConfig } from "./config";
import { createClient } from "./openapi-fetch";
import { InvalidResponseError } from "./api-error";
import { ArgumentError, ResponseTooLargeError } from "./errors";
import type { Performed, Transport } from "./transport";
import type { ClientExchange, SendAuth } from "./types";
import { findingsOf, type Judge, type Received } from "./validation";

type Fetch = (request: Request) => Promise<Response>;

/** What a call knows that its `Request` does not carry. */
export interface Call {
  auth?: SendAuth;
  /**
   * Travels with the call, not in the `Request`: a `Request` made with a signal keeps a listener
   * on it until garbage collection, so one long-lived signal would gather thousands.
   */
  signal?: AbortSignal | undefined;
  /** False for `send`, which returns any answer as data. */
  judged: boolean;
}

/**
 * What openapi-fetch returns: with `parseAs: "text"` a success's body as text, with `"stream"` its
 * body unread; an error's parsed where it is JSON.
 */
export interface CallResult {
  response: Response;
  data?: unknown;
  error?: unknown;
}

export interface OpenCall {
  call: Call;
  /** The per-request options to give openapi-fetch for this call. */
  init: { fetch: Fetch; parseAs: "text" | "stream" };
  /** Whether the `Response` carries the body, for middleware to read (any is registered). */
  whole: boolean;
  /** What the call sent and the server answered, once the request was made; undefined when middleware answered instead. */
  sent(): Performed | undefined;
}

export interface Pipeline {
  /** The openapi-fetch client every request is built by. */
  raw: Client<paths>;
  open(call: Call): OpenCall;
  /** The call's result as an exchange, its body read once; judged unless the call is not. */
  receive(operationId: OperationId, result: CallResult, open: OpenCall): Promise<Received>;
}

const NO_FINDINGS: Received["findings"] = [];

/** Statuses whose `Response` cannot have a body. */
const NULL_BODY = new Set([204, 205, 304]);

export function createPipeline(config: ClientConfig, transport: Transport, judge: Judge): Pipeline {
  const basePath = new URL(config.baseUrl).pathname;
  const client = createClient<paths>({
    baseUrl: config.baseUrl,
    fetch: async (request) => {
      const performed = await perform(request, undefined);
      return responseOf(await judge(performed), true);
    },
  });
  // Whether any middleware may have been registered: set before openapi-fetch's use(), so one that
  // throws part-way through its arguments still counts. Ejecting it later keeps the answers whole,
  // which is never wrong.
  let observed = false;
  const raw: Client<paths> = {
    ...client,
    use(...middleware) {
      if (middleware.some(Boolean)) observed = true;
      client.use(...middleware);
    },
  };

  async function perform(request: Request, call: Call | undefined): Promise<Performed> {
    const { method, url } = request;
    const bodyText = request.body === null ? undefined : await request.text();
    const parsed = bodyText === undefined ? undefined : parseJson(bodyText);
    return transport({
      operationId: operationAt(method, new URL(url).pathname, basePath),
      method,
      url,
      bodyText,
      requestBody: parsed === undefined ? undefined : parsed.ok ? parsed.value : bodyText,
      headers: headerRecord(request.headers),
      auth: call?.auth,
      // A `Request` always has a signal; a call without one of its own needs no listener.
      signal: call ? call.signal : request.signal,
    });
  }

  return {
    raw,
    open(call) {
      let sent: Performed | undefined;
      // Fixed when the call starts: middleware registered while it is under way may get its
      // Response without the body.
      const whole = observed;
      return {
        call,
        init: {
          // Unobserved, the body is the transport's text: openapi-fetch has nothing to read.
          parseAs: whole ? "text" : "stream",
          async fetch(request) {
            sent = await perform(request, call);
            return responseOf(unjudged(sent), whole);
          },
        },
        whole,
        sent: () => sent,
      };
    },
    async receive(operationId, result, open) {
      const { call } = open;
      const sent = open.sent();
      // Unobserved, the answer is the transport's as it is: nothing else could have read or changed it.
      if (!open.whole && sent) return call.judged ? judge(sent) : unjudged(sent);
      const { response, data, error } = result;
      const op = operations[operationId];
      const url = response.url || sent?.exchange.url || `${config.baseUrl}${op.path}`;
      const secrets = sent?.secrets ?? config.secrets;
      const body = response.ok ? data : error;
      const bodyText = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
      // The transport keeps the server's answers under the cap as it reads them; an answer
      // middleware substituted is held to it here.
      if (exceedsUtf8Bytes(bodyText, config.maxResponseBytes)) {
        throw new ResponseTooLargeError(
          { method: op.method, url, attempts: sent?.exchange.attempts ?? 0 },
          response.status,
          config.maxResponseBytes,
          { secrets },
        );
      }
      const exchange: ClientExchange = {
        ...requestSide(operationId, sent),
        url,
        status: response.status,
        headers: headerRecord(response.headers),
        bodyText,
      };
      const requestId = exchange.headers["x-request-id"] ?? exchange.headers["request-id"];
      if (requestId !== undefined) exchange.requestId = requestId;
      const performed: Performed = { exchange, statusText: response.statusText, secrets };
      return call.judged ? judge(performed) : unjudged(performed);
    },
  };
}

function unjudged(performed: Performed): Received {
  return { performed, findings: NO_FINDINGS, parsed: undefined };
}

/** The request's side of an exchange: as sent, or nothing when middleware answered before anything was sent. */
function requestSide(
  operationId: OperationId,
  sent: Performed | undefined,
): Omit<ClientExchange, "url" | "status" | "headers" | "bodyText"> {
  if (!sent)
    return {
      operationId,
      method: operations[operationId].method,
      requestHeaders: {},
      requestBody: undefined,
      durationMs: 0,
      attempts: 0,
    };
  const { method, requestHeaders, requestBody, durationMs, attempts, retried } = sent.exchange;
  return { operationId, method, requestHeaders, requestBody, durationMs, attempts, ...(retried ? { retried } : {}) };
}

/** The operation a typed call or `send` addresses, refused before anything is built when the spec has none. */
export function operationOf(operationId: string): OperationId {
  if (!Object.prototype.hasOwnProperty.call(operations, operationId))
    throw new ArgumentError(`unknown operationId ${JSON.stringify(operationId)}`);
  return operationId as OperationId;
}

/**
 * The `Response` openapi-fetch (and its middleware) gets. When `whole`: the transport's answer, its
 * URL the one asked (as a fetched one has), and its body, the text read once from the wire.
 * Otherwise nothing but openapi-fetch reads it, so the status is all it carries. A status no
 * `Response` can carry (below 200 or above 599) is an answer no client can use.
 */
async function responseOf(received: Received, whole: boolean): Promise<Response> {
  const { exchange, statusText, secrets } = received.performed;
  const { status, headers, bodyText } = exchange;
  if (status < 200 || status > 599) throw new InvalidResponseError(exchange, await findingsOf(received), secrets);
  if (!whole) return new Response(null, { status });
  const body = NULL_BODY.has(status) ? null : bodyText;
  try {
    return new AnsweredResponse(body, { status, statusText, headers }, exchange.url);
  } catch {
    // A reason phrase the Fetch standard does not allow: the status says enough.
    return new AnsweredResponse(body, { status, headers }, exchange.url);
  }
}

/** A `Response` that says which URL it answered, as a fetched one does (a constructed one has none). */
class AnsweredResponse extends Response {
  readonly #url: string;
  constructor(body: string | null, init: ResponseInit, url: string) {
    super(body, init);
    this.#url = url;
  }
  override get url(): string {
    return this.#url;
  }
}
