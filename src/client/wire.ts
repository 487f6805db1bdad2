/**
 * The wire: one HTTP exchange with no policy of its own (no auth, retries or deadlines — the
 * transport adds those). Two implementations: undici's dispatcher (`undici-wire.ts`, the default on
 * Node) and any `fetch` (injected by the caller, or the runtime's own where undici cannot load).
 */
import { headerRecord } from "../http-headers";
import { readResponseText } from "./body";
import type { FetchLike } from "./types";

export interface WireRequest {
  method: string;
  /** Absolute URL. */
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string | undefined;
}

export interface WireResponse {
  status: number;
  statusText: string;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The whole body as text (decompressed, strict UTF-8); rejects with `BodyTooLarge` past `maxBytes`. */
  text(maxBytes: number): Promise<string>;
  /** Drops the body unread (or mid-read), letting the connection go. */
  cancel(reason: unknown): void;
}

/** A request on its way: the answer to come, and how to stop it (the request, and the body while it is read). */
export interface InFlight {
  response: Promise<WireResponse>;
  abort(reason: unknown): void;
}

/**
 * Each wire makes its own way to stop a request: an `AbortSignal` costs Node 20 more to create than
 * undici needs (an `EventEmitter` serves it), and the attempt does not need to know which it is.
 */
export type Wire = (request: WireRequest) => InFlight;

/** A wire over a `fetch`. Redirects are never followed: a 3xx is an answer like any other. */
export function fetchWire(fetchImpl: FetchLike): Wire {
  return (request) => {
    const controller = new AbortController();
    return {
      response: fetchAnswer(fetchImpl, request, controller.signal),
      abort: (reason) => controller.abort(reason),
    };
  };
}

async function fetchAnswer(fetchImpl: FetchLike, request: WireRequest, signal: AbortSignal): Promise<WireResponse> {
  const response = await fetchImpl(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    redirect: "manual",
    signal,
  });
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  const headers = headerRecord(response.headers);
  return {
    status: response.status,
    statusText: response.statusText,
    headers,
    text: (maxBytes) => readResponseText(response, maxBytes, (r) => (reader = r)),
    cancel(reason) {
      const stream = reader ?? (response.bodyUsed ? undefined : response.body);
      void stream?.cancel(reason).catch(() => undefined);
    },
  };
}
