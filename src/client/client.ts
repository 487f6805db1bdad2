/**
 * `createSipEndpointsClient`: typed methods named after the operations, each a call of openapi-fetch
 * over the generated types (the same client as `raw`, so one middleware pipeline sees everything),
 * with the transport underneath. Typed methods throw typed errors; `raw` keeps
 * openapi-fetch's `{ data, error }` style; `send` returns any answer as data.
 */
import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/openapi";
import type { OperationId } from "../spec";
import { isPlainObject } from "../spec/json-pointer";
import { createApiError, InvalidResponseError } from "./api-error";
import { resolveConfig } from "./config";
import { createPipeline, type Call, type CallResult, type OpenCall } from "./pipeline";
import { listUrlOf } from "./page-link";
import { walkPages, type FetchedPage } from "./pagination";
import { createSend, pathSegment } from "./send";
import { createTransport } from "./transport";
import type {
  CallOptions,
  ClientExchange,
  ListAllOptions,
  ListQuery,
  SendRequest,
  SipEndpoint,
  SipEndpointCreate,
  SipEndpointList,
  SipEndpointUpdate,
  SipEndpointsClientOptions,
} from "./types";
import { createJudge, findingsOf, type Received } from "./validation";
import { isSuccess } from "../http-status";

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
  /**
   * The openapi-fetch client the typed methods call, over the same transport: for anything they do
   * not cover, and for middleware (`raw.use(…)`), which then sees every request of this client.
   */
  readonly raw: Client<paths>;
  /** Sends a request described by operation id and returns the exchange, whatever the status. */
  send(request: SendRequest): Promise<ClientExchange>;
}

/**
 * Creates a client. Options not given are read from the environment (`SIGNALWIRE_SPACE` or
 * `SIGNALWIRE_BASE_URL`, `SIGNALWIRE_PROJECT_ID`, `SIGNALWIRE_API_TOKEN`, and the proxy
 * variables); anything missing or malformed throws a `ConfigError` here, before any request.
 */
export function createSipEndpointsClient(options: SipEndpointsClientOptions = {}): SipEndpointsClient {
  const config = resolveConfig(options);
  const transport = createTransport(config, options.onExchange);
  const pipeline = createPipeline(config, transport, createJudge(config.validateResponses, options.onFindings));
  const raw = pipeline.raw;
  const listUrl = listUrlOf(config.baseUrl);

  /**
   * One typed call: openapi-fetch builds the request (middleware included) and sends it through the
   * call's own fetch; the typed layer parses the body once.
   */
  const typed = async (
    operationId: OperationId,
    signal: AbortSignal | undefined,
    send: (init: OpenCall["init"]) => Promise<CallResult>,
  ): Promise<Received> => {
    const call: Call = { signal, judged: true };
    const open = pipeline.open(call);
    return pipeline.receive(operationId, await send(open.init), open);
  };

  const page = async (
    signal: AbortSignal | undefined,
    search: string | undefined,
    query?: ListQuery,
  ): Promise<FetchedPage> => {
    const received = await typed("list_sip_endpoints", signal, (init) =>
      raw.GET("/endpoints/sip", {
        ...init,
        params: { query },
        querySerializer: search === undefined ? undefined : () => search,
      }),
    );
    return { body: await listBody(received), url: received.performed.exchange.url };
  };

  return {
    baseUrl: config.baseUrl,
    raw,
    send: createSend(raw, pipeline),
    list: async (query, opts) => (await page(opts?.signal, undefined, query)).body,
    listAll: (query, opts) =>
      walkPages(
        () => page(opts?.signal, undefined, query),
        (link) => page(opts?.signal, link.search),
        listUrl,
        opts,
      ),
    retrieve: async (id, opts) =>
      endpointBody(
        await typed("retrieve_sip_endpoint", opts?.signal, (init) =>
          raw.GET("/endpoints/sip/{id}", { ...init, params: { path: { id: pathSegment(id) } } }),
        ),
      ),
    create: async (body, opts) =>
      endpointBody(
        await typed("create_sip_endpoint", opts?.signal, (init) => raw.POST("/endpoints/sip", { ...init, body })),
      ),
    update: async (id, body, opts) =>
      endpointBody(
        await typed("update_sip_endpoint", opts?.signal, (init) =>
          raw.PUT("/endpoints/sip/{id}", { ...init, params: { path: { id: pathSegment(id) } }, body }),
        ),
      ),
    async delete(id, opts) {
      await successBody(
        await typed("delete_sip_endpoint", opts?.signal, (init) =>
          raw.DELETE("/endpoints/sip/{id}", { ...init, params: { path: { id: pathSegment(id) } } }),
        ),
      );
    },
  };
}

type Parsed = { ok: true; value: unknown } | { ok: false };
const NOT_JSON: Parsed = { ok: false };

/** The parsed body of a success; an error status throws its `ApiError`. */
async function successBody(receipt: Received): Promise<Parsed> {
  const { exchange, secrets } = receipt.performed;
  const parsed = receipt.parsed ?? parseOnce(exchange.bodyText);
  if (isSuccess(exchange.status)) return parsed;
  throw await createApiError({
    exchange,
    body: parsed.ok ? parsed.value : exchange.bodyText,
    findings: receipt.findings,
    secrets,
  });
}

async function endpointBody(receipt: Received): Promise<SipEndpoint> {
  const parsed = await successBody(receipt);
  if (parsed.ok && isPlainObject(parsed.value)) return parsed.value as SipEndpoint;
  throw await unusable(receipt);
}

async function listBody(receipt: Received): Promise<SipEndpointList> {
  const parsed = await successBody(receipt);
  const value = parsed.ok ? parsed.value : undefined;
  if (isPlainObject(value) && Array.isArray(value.data) && isPlainObject(value.links))
    return value as unknown as SipEndpointList;
  throw await unusable(receipt);
}

/** A success the typed methods cannot return; the findings say why, from the check catalogue. */
async function unusable(receipt: Received): Promise<InvalidResponseError> {
  const { exchange, secrets } = receipt.performed;
  return new InvalidResponseError(exchange, await findingsOf(receipt), secrets);
}

/** `JSON.parse` as data, without copying the text first (large pages are a megabyte). */
function parseOnce(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return NOT_JSON;
  }
}
