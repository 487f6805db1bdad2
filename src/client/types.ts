/**
 * Public types of the client. Every resource type comes from `generated/openapi.ts`, so the
 * compiler enforces what the spec says: required fields, enums, nullability and the call handler
 * companion rule (`SipEndpointCreate` is a discriminated union on `call_handler`).
 */
import type { components, operations } from "../../generated/openapi";
import type { Finding, HttpExchange } from "../checks/types";
import type { OperationId } from "../spec";
import type { RetryPolicy } from "./retry";

type Schemas = components["schemas"];

/** A SIP endpoint as the server returns it (no `password`: it is write-only). */
export type SipEndpoint = Schemas["SipEndpoint"];
/** The body of `create`: `username` and `password` required, plus the handler's companion field. */
export type SipEndpointCreate = Schemas["SipEndpointCreate"];
/** The body of `update`: a partial update; a `call_handler` still needs its companion field. */
export type SipEndpointUpdate = Schemas["SipEndpointUpdate"];
/** One page of `list`: the endpoints and the links to neighbouring pages. */
export type SipEndpointList = Schemas["SipEndpointList"];
export type PageLinks = Schemas["PageLinks"];
export type CallHandler = Schemas["CallHandler"];
/** Query parameters of `list` / `listAll`. */
export type ListQuery = NonNullable<operations["list_sip_endpoints"]["parameters"]["query"]>;
/** One item of a 422 answer's `errors` list. */
export type ValidationErrorItem = Schemas["ValidationError"];
/** The body of a plain error answer (`{ "error": "Not Found" }`). */
export type ErrorBody = Schemas["Error"];

export type ValidationMode = "off" | "warn" | "throw";

/** One request and its final response, as the client saw it (after retries). */
export interface ClientExchange extends HttpExchange {
  /** The request headers as sent (lower-case names); `Authorization` is scrubbed wherever the exchange leaves the client. */
  requestHeaders: Record<string, string>;
  /** Time from the first attempt's start to the final body being read, retry waits included. */
  durationMs: number;
  /** Attempts made, the first one included. */
  attempts: number;
  /** The server's request id (`x-request-id` or `request-id` header), when it sends one. */
  requestId?: string;
  /**
   * The answers of earlier attempts that were tried again (a 429 or 503 before the final answer),
   * oldest first; absent when the first attempt's answer was final. They are answers of the API
   * too: the drift job judges them (a 429's `Retry-After` included).
   */
  retried?: RetriedAnswer[];
}

/** An answer the client did not keep: it tried the request again after it. */
export type RetriedAnswer = Pick<HttpExchange, "status" | "headers" | "bodyText">;

/** Credentials for one `send`, or `"none"` to send no `Authorization` header at all. */
export type SendAuth = "default" | "none" | { projectId: string; apiToken: string };

/** A request described by operation, for probing the API: `send` returns whatever comes back. */
export interface SendRequest {
  operationId: OperationId;
  /** Path parameters. */
  params?: { id?: string };
  query?: Record<string, string | number>;
  /** Sent as JSON; deliberately untyped so tests and the drift job can send invalid bodies. */
  body?: unknown;
  /** Sent verbatim as the body (with `Content-Type: application/json`), e.g. malformed JSON. */
  bodyText?: string;
  /** The query string sent verbatim instead of `query`, `?` included: e.g. the one of a `links.next`. */
  search?: string;
  auth?: SendAuth;
  /** Extra request headers; `Authorization` is set from `auth` unless `auth` is `"none"`. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Per-call options of the typed methods. */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface ListAllOptions extends CallOptions {
  /** Read at most this many pages (default: no limit). */
  maxPages?: number;
  /**
   * When `maxPages` pages are read and `links.next` says there are more: `"stop"` (the default)
   * ends the iteration there, `"throw"` raises a `PaginationError` after the last page's endpoints.
   */
  atMaxPages?: "stop" | "throw";
}

/**
 * How a client without an injected `fetch` sends: `"fetch"`, the runtime's `fetch` looked up at
 * each request (what MSW, nock, Polly and `MockAgent` intercept); `"undici"`, undici's `request`,
 * about half the time per request, seen by undici's global dispatcher (`MockAgent`) but not by
 * interceptors of `fetch`.
 */
export type WireKind = "fetch" | "undici";

/** The `fetch` the client sends through; `globalThis.fetch` fits. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface SipEndpointsClientOptions {
  /** Space name (`example`) or host (`example.signalwire.com`); default `SIGNALWIRE_SPACE`. */
  space?: string;
  /** Full base URL instead of a Space, e.g. a local mock; default `SIGNALWIRE_BASE_URL`. */
  baseUrl?: string;
  /** Default `SIGNALWIRE_PROJECT_ID`. */
  projectId?: string;
  /** Default `SIGNALWIRE_API_TOKEN`. */
  apiToken?: string;
  /** Where defaults are read from when an option is not given (default `process.env`). */
  env?: Record<string, string | undefined>;
  /**
   * Sends through this `fetch` (the in-process mock's `mock.fetch`, another runtime's, your own
   * agent). The proxy variables then are the fetch's business. Default: `globalThis.fetch`, looked
   * up at each request.
   */
  fetch?: FetchLike;
  /** Without `fetch`: the runtime's `fetch` (default) or undici's faster `request`; see `WireKind`. */
  wire?: WireKind;
  /**
   * Allows a plain `http://` base URL on a host other than loopback, e.g. a mock running as a
   * docker-compose service. Credentials still go to that origin only. Default false.
   */
  allowInsecureHttp?: boolean;
  /** Limit for one attempt, body included (default 30 000). */
  timeoutMs?: number;
  /** Retry policy overrides, or `false` for a single attempt. */
  retry?: Partial<RetryPolicy> | false;
  /** Check responses against the spec (default `off`). */
  validateResponses?: ValidationMode;
  userAgent?: string;
  /** Aborts every call of this client. */
  signal?: AbortSignal;
  /** Largest response body read, in bytes (default 4 MiB). */
  maxResponseBytes?: number;
  /** Called with every final exchange (typed methods, `raw` and `send`), secrets scrubbed. */
  onExchange?: (exchange: ClientExchange) => void;
  /** With `validateResponses` `warn` or `throw`: called with the findings of each response that has any. */
  onFindings?: (findings: Finding[], exchange: ClientExchange) => void;
}
