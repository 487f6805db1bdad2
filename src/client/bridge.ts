/**
 * Where openapi-fetch meets the transport. Every request of the client — typed methods, `raw`,
 * `send`, the pages `listAll` follows — is built by openapi-fetch, as its documentation describes,
 * so middleware registered with `raw.use()` sees all of them, and then reaches the `fetch` made
 * here, which hands it to the transport (auth, retries, limits, observation) and answers with a
 * real `Response` built from the body read once.
 *
 * The typed methods pass their own per-request `fetch` (a documented option of openapi-fetch):
 * it knows the operation and the body as given, and keeps the transport's receipt, so the typed
 * layer gets the exchange, its findings and the parsed body without parsing twice. When a
 * middleware answers instead of the server (or replaces the answer), the typed layer judges the
 * `Response` it was given instead.
 */
import { headerRecord } from "../http-headers";
import { parseJson } from "../json-text";
import { operationAt, operations, type OperationId } from "../spec";
import { BodyTooLarge, readResponseText } from "./body";
import type { ClientConfig } from "./config";
import { InvalidResponseError } from "./api-error";
import { ResponseTooLargeError } from "./errors";
import { secretsOf } from "./exchange";
import type { Performed, Transport } from "./transport";
import type { ClientExchange, SendAuth } from "./types";
import { findingsOf, type Judge, type Received } from "./validation";

type BridgeFetch = (request: Request) => Promise<Response>;

/** What a typed call knows that the `Request` openapi-fetch builds does not carry. */
interface Call {
  operationId: OperationId;
  /** The body as the caller gave it: for the exchange record, and to learn a password to scrub. */
  requestBody?: unknown;
  auth?: SendAuth;
  signal?: AbortSignal | undefined;
  /** False for `send`, which returns any answer as data. */
  judged: boolean;
}

/** What openapi-fetch returns, as far as the typed layer reads it. */
interface CallResult {
  response: Response;
  error?: unknown;
}

interface OpenCall {
  /** The per-request `fetch` to give openapi-fetch for this call. */
  fetch: BridgeFetch;
  /** The receipt of the call's final response. */
  receipt(result: CallResult): Promise<Received>;
}

export interface Bridge {
  /** The client-wide `fetch` (used by `raw`): the operation is found from method and path. */
  fetch: BridgeFetch;
  open(call: Call): OpenCall;
}

const NO_FINDINGS: Received["findings"] = [];

/** A body as the exchange records it: its value when it is JSON, else its text. */
function jsonOrText(text: string): unknown {
  const parsed = parseJson(text);
  return parsed.ok ? parsed.value : text;
}

/** Statuses whose `Response` cannot have a body. */
const NULL_BODY = new Set([204, 205, 304]);

export function createBridge(config: ClientConfig, transport: Transport, judge: Judge): Bridge {
  const basePath = new URL(config.baseUrl).pathname;
  const receive = (performed: Performed, judged: boolean): Received | Promise<Received> =>
    judged ? judge(performed) : { performed, findings: NO_FINDINGS, parsed: undefined };

  async function perform(request: Request, call: Call | undefined): Promise<{ received: Received; response: Response }> {
    const method = request.method;
    const url = request.url;
    const bodyText = request.body === null ? undefined : await request.text();
    const headers = headerRecord(request.headers);
    const performed = await transport({
      operationId: call ? call.operationId : operationAt(method, new URL(url).pathname, basePath),
      method,
      url,
      bodyText,
      requestBody: call ? call.requestBody : bodyText === undefined ? undefined : jsonOrText(bodyText),
      headers,
      auth: call?.auth,
      // A `Request` always has a signal; a typed call without one of its own needs no listener.
      signal: call ? call.signal : request.signal,
    });
    const received = await receive(performed, call?.judged ?? true);
    return { received, response: await responseOf(received) };
  }

  /** A substituted answer (from middleware), judged like one from the server; nothing was sent for it. */
  async function receiveSubstituted(call: Call, result: CallResult, url: string | undefined): Promise<Received> {
    const { response, error } = result;
    const secrets = secretsOf(config.secrets, call);
    const op = operations[call.operationId];
    const exchangeUrl = url ?? (response.url || `${config.baseUrl}${op.path}`);
    let bodyText: string;
    if (!response.bodyUsed) {
      try {
        bodyText = await readResponseText(response, config.maxResponseBytes);
      } catch (e) {
        if (!(e instanceof BodyTooLarge)) throw e;
        throw new ResponseTooLargeError({ method: op.method, url: exchangeUrl, attempts: 0 }, response.status, config.maxResponseBytes, { secrets });
      }
    } else {
      // Read already: an error body by openapi-fetch, which hands it over (parsed where it was
      // JSON); any other by middleware, which leaves nothing of it.
      bodyText = error === undefined ? "" : typeof error === "string" ? error : JSON.stringify(error);
    }
    const headers = headerRecord(response.headers);
    const exchange: ClientExchange = {
      operationId: call.operationId,
      method: op.method,
      url: exchangeUrl,
      // Nothing was sent for a substituted answer.
      requestHeaders: {},
      requestBody: call.requestBody,
      status: response.status,
      headers,
      bodyText,
      durationMs: 0,
      attempts: 0,
    };
    return receive({ exchange, statusText: response.statusText, secrets }, call.judged);
  }

  return {
    fetch: async (request) => (await perform(request, undefined)).response,
    open(call) {
      let last: { received: Received; response: Response; url: string } | undefined;
      return {
        async fetch(request) {
          const { received, response } = await perform(request, call);
          last = { received, response, url: request.url };
          return response;
        },
        receipt: (result) => (last && last.response === result.response ? Promise.resolve(last.received) : receiveSubstituted(call, result, last?.url)),
      };
    },
  };
}

/**
 * The `Response` openapi-fetch (and its middleware) gets: a real one, its body the text read once.
 * A status no `Response` can carry (below 200 or above 599) is an answer no client can use.
 */
async function responseOf(received: Received): Promise<Response> {
  const { exchange, statusText, secrets } = received.performed;
  const { status, headers, bodyText } = exchange;
  if (status < 200 || status > 599) throw new InvalidResponseError(exchange, await findingsOf(received), secrets);
  const body = NULL_BODY.has(status) ? null : bodyText;
  let response: Response;
  try {
    response = new Response(body, { status, statusText, headers });
  } catch {
    // A reason phrase the Fetch standard does not allow: the status says enough.
    response = new Response(body, { status, headers });
  }
  // A constructed Response has no URL; this one answered a request, and says which (as a fetched
  // one would), so what reads the result — `toMatchSpec` among them — knows the operation.
  Object.defineProperty(response, "url", { value: exchange.url, enumerable: true });
  return response;
}
