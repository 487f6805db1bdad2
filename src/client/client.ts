/**
 * `createSipEndpointsClient`: typed methods named after the operations, on openapi-fetch over the
 * generated types, with the transport underneath. Typed methods throw typed errors; `raw` keeps
 * openapi-fetch's `{ data, error }` style; `send` returns any answer as data.
 */
import type { Client } from "openapi-fetch";
import { createClient } from "./openapi-fetch";
import type { paths } from "../../generated/openapi";
import { isPlainObject } from "../spec/json-pointer";
import { createApiError, InvalidResponseError } from "./api-error";
import { resolveConfig } from "./config";
import { createFetchAdapter, LiteRequest, ReceiptResponse } from "./fetch-adapter";
import { walkPages, type FetchedPage } from "./pagination";
import { createSend, pathSegment } from "./send";
import { createTransport } from "./transport";
import type { CallOptions, ClientExchange, ListAllOptions, ListQuery, SendRequest, SipEndpoint, SipEndpointCreate, SipEndpointList, SipEndpointUpdate, SipEndpointsClientOptions } from "./types";
import { createJudge, findingsOf, type Received } from "./validation";

export interface SipEndpointsClient {
  /** The API base URL in use, e.g. `https://example.signalwire.com/api/relay/rest`. */
  readonly baseUrl: string;
  /** One page of endpoints (`list_sip_endpoints`, GET /endpoints/sip). */
  list(query?: ListQuery, options?: CallOptions): Promise<SipEndpointList>;
  /** Every endpoint, page after page, following `links.next` (`list_sip_endpoints`). */
  listAll(query?: ListQuery, options?: ListAllOptions): AsyncGenerator<SipEndpoint, void, undefined>;
  /** One endpoint by id (`retrieve_sip_endpoint`, GET /endpoints/sip/{id}). */
  retrieve(id: string, options?: CallOptions): Promise<SipEndpoint>;
  /** Creates an endpoint (`create_sip_endpoint`, POST /endpoints/sip). */
  create(body: SipEndpointCreate, options?: CallOptions): Promise<SipEndpoint>;
  /** Changes the fields sent (`update_sip_endpoint`, PUT /endpoints/sip/{id}). */
  update(id: string, body: SipEndpointUpdate, options?: CallOptions): Promise<SipEndpoint>;
  /** Removes an endpoint (`delete_sip_endpoint`, DELETE /endpoints/sip/{id}). */
  delete(id: string, options?: CallOptions): Promise<void>;
  /** The openapi-fetch client over the same transport, for anything the typed methods do not cover. */
  readonly raw: Client<paths>;
  /** Sends a request described by operation id and returns the exchange, whatever the status. */
  send(request: SendRequest): Promise<ClientExchange>;
}

/**
 * Creates a client. Options not given are read from the environment (`SIGNALWIRE_SPACE` or
 * `SIGNALWIRE_BASE_URL`, `SIGNALWIRE_PROJECT_ID`, `SIGNALWIRE_API_TOKEN`); anything missing or
 * malformed throws a `ConfigError` here, before any request.
 */
export function createSipEndpointsClient(options: SipEndpointsClientOptions = {}): SipEndpointsClient {
  const config = resolveConfig(options);
  const transport = createTransport(config, options.onExchange);
  const receive = createJudge(config.validateResponses, options.onFindings);
  const adapter = createFetchAdapter(config.baseUrl, transport, receive);
  const raw = createClient<paths>({ baseUrl: config.baseUrl, fetch: adapter as (input: Request) => Promise<Response> });
  // The typed methods' own openapi-fetch client; never exposed, so no middleware can expect a real Request.
  const typed = createClient<paths>({
    baseUrl: config.baseUrl,
    fetch: adapter as (input: Request) => Promise<Response>,
    Request: LiteRequest as unknown as typeof Request,
    pathSerializer: simplePathSerializer,
  });

  // Each typed call's init names its operation: openapi-fetch hands init keys it does not know to
  // the Request it builds (a LiteRequest here), so the adapter needs no path matching.
  const receiptOf = (response: Response): Received => {
    if (response instanceof ReceiptResponse) return response.receipt;
    throw new Error("internal: a typed call's response did not come from the fetch adapter");
  };

  const firstPage = async (query?: ListQuery, opts?: CallOptions): Promise<FetchedPage> => {
    const init = { params: { query }, signal: opts?.signal, operationId: "list_sip_endpoints" as const };
    const { response } = await typed.GET("/endpoints/sip", init);
    const receipt = receiptOf(response);
    return { body: await listBody(receipt), url: receipt.performed.exchange.url };
  };

  const followPage = async (url: string, signal: AbortSignal | undefined): Promise<FetchedPage> => {
    const performed = await transport({ operationId: "list_sip_endpoints", method: "GET", url, signal });
    return { body: await listBody(await receive(performed)), url };
  };

  return {
    baseUrl: config.baseUrl,
    raw,
    send: createSend(config.baseUrl, transport),
    list: async (query, opts) => (await firstPage(query, opts)).body,
    listAll: (query, opts) => walkPages(() => firstPage(query, opts), (url) => followPage(url, opts?.signal), opts),
    async retrieve(id, opts) {
      const init = { params: { path: { id: pathSegment(id) } }, signal: opts?.signal, operationId: "retrieve_sip_endpoint" as const };
      const { response } = await typed.GET("/endpoints/sip/{id}", init);
      return endpointBody(receiptOf(response));
    },
    async create(body, opts) {
      const init = { body, signal: opts?.signal, operationId: "create_sip_endpoint" as const };
      const { response } = await typed.POST("/endpoints/sip", init);
      return endpointBody(receiptOf(response));
    },
    async update(id, body, opts) {
      const init = { params: { path: { id: pathSegment(id) } }, body, signal: opts?.signal, operationId: "update_sip_endpoint" as const };
      const { response } = await typed.PUT("/endpoints/sip/{id}", init);
      return endpointBody(receiptOf(response));
    },
    async delete(id, opts) {
      const init = { params: { path: { id: pathSegment(id) } }, signal: opts?.signal, operationId: "delete_sip_endpoint" as const };
      const { response } = await typed.DELETE("/endpoints/sip/{id}", init);
      await successBody(receiptOf(response));
    },
  };
}

type Parsed = { ok: true; value: unknown } | { ok: false };
const NOT_JSON: Parsed = { ok: false };

/** The parsed body of a success; an error status throws its `ApiError`. */
async function successBody(receipt: Received): Promise<Parsed> {
  const { exchange, secrets } = receipt.performed;
  const parsed = receipt.parsed ?? parseOnce(exchange.bodyText);
  if (exchange.status >= 200 && exchange.status < 300) return parsed;
  throw await createApiError({ exchange, body: parsed.ok ? parsed.value : exchange.bodyText, findings: receipt.findings, secrets });
}

async function endpointBody(receipt: Received): Promise<SipEndpoint> {
  const parsed = await successBody(receipt);
  if (parsed.ok && isPlainObject(parsed.value)) return parsed.value as SipEndpoint;
  throw await unusable(receipt);
}

async function listBody(receipt: Received): Promise<SipEndpointList> {
  const parsed = await successBody(receipt);
  const value = parsed.ok ? parsed.value : undefined;
  if (isPlainObject(value) && Array.isArray(value.data) && isPlainObject(value.links)) return value as unknown as SipEndpointList;
  throw await unusable(receipt);
}

/** A success the typed methods cannot return; the findings say why, from the check catalogue. */
async function unusable(receipt: Received): Promise<InvalidResponseError> {
  const { exchange, secrets } = receipt.performed;
  return new InvalidResponseError(exchange, await findingsOf(receipt), secrets);
}

/** `JSON.parse` as data, without copying the text first (large pages are a megabyte). */
function parseOnce(text: string): Parsed {
  if (text === "") return NOT_JSON;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return NOT_JSON;
  }
}

/** Path parameters into their segments; openapi-fetch's default runs a regular expression per call. */
function simplePathSerializer(pathname: string, params: Record<string, unknown>): string {
  let out = pathname;
  for (const name in params) out = out.replace(`{${name}}`, encodeURIComponent(String(params[name])));
  return out;
}
