/**
 * The mock's data model: a request as the HTTP layer hands it over, and a response as plain data.
 * The honest core and every fault profile are functions from one to the other, so faults can be
 * stacked around the core without the core knowing about them.
 */
import type { components } from "../../generated/openapi";

export type SipEndpoint = components["schemas"]["SipEndpoint"];

export interface MockRequest {
  method: string;
  /** Path below the API base, e.g. `/endpoints/sip/6f0f…`; no query string. */
  path: string;
  /** The raw query string without the `?` ("" for none); parsed only by the operations that read it. */
  query: string;
  /** The raw `Authorization` header, if any. */
  authorization: string | undefined;
  contentType: string | undefined;
  /** All request headers as node:http gives them (lower-case names); for recording only. */
  headers?: Readonly<Record<string, string | string[] | undefined>>;
  /** The request body as text ("" for none); the core decides whether and how to parse it. */
  bodyText: string;
  /** How the client reached the mock, for absolute links: "http" unless an in-process call used https. */
  scheme?: "http" | "https";
}

export interface MockResponse {
  status: number;
  /** Header names in lower case. */
  headers?: Record<string, string>;
  /** A JSON value the HTTP layer serialises (with a JSON content type unless `headers` say otherwise). */
  body?: unknown;
  /** Raw text sent as it is, for answers that are deliberately not JSON. Wins over `body`. */
  text?: string;
}

/** The honest core and every fault wrapper have this shape. Sync answers keep the hot path free of promises. */
export type MockHandler = (request: MockRequest) => MockResponse | Promise<MockResponse>;

/**
 * Tells a promised answer from an immediate one. Duck-typed, because a promise made in another
 * realm (a test sandbox, `node:timers/promises`) is not an `instanceof` this realm's Promise.
 */
export function isPromised(answer: MockResponse | Promise<MockResponse>): answer is Promise<MockResponse> {
  return typeof (answer as { then?: unknown }).then === "function";
}

export interface Credentials {
  projectId: string;
  apiToken: string;
}
