/**
 * The wire: one HTTP exchange with no policy of its own (no auth, retries or deadlines — the
 * transport adds those). Two implementations: undici's dispatcher (`undici-wire.ts`, the default on
 * Node) and any `fetch` (injected by the caller, or the runtime's own where undici cannot load).
 */
import { readResponseText } from "./body";
import type { FetchLike } from "./types";

export interface WireRequest {
  method: string;
  /** Absolute URL. */
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string | undefined;
  /** Aborts the request, and the body while it is read. */
  signal: AbortSignal;
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

export type Wire = (request: WireRequest) => Promise<WireResponse>;

/** A wire over a `fetch`. Redirects are never followed: a 3xx is an answer like any other. */
export function fetchWire(fetchImpl: FetchLike): Wire {
  return async (request) => {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal: request.signal,
    });
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
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
  };
}
