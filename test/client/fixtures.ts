/**
 * Shared pieces of the client suites: an injected `fetch` that records every request and answers
 * from a script, valid bodies, and a client wired with the canary secrets and an instant sleep.
 */
import { createSipEndpointsClient } from "../../src/client";
import type { SipEndpoint, SipEndpointsClientOptions } from "../../src/client";
import { CANARY } from "../support/canary";
import spec from "../../generated/openapi.json";

export const BASE = "https://example.signalwire.com/api/relay/rest";
export const ID = "0b6c3a52-4c8e-4f0a-9d5e-2f1a7c9e8b01";

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  redirect: RequestRedirect | undefined;
  signal: AbortSignal | undefined;
}

/** A thrown error, or a function making a fresh response for each request it answers. */
export type Reply = Error | (() => Response | Promise<Response>);

/** A `fetch` that answers from `replies` in order (the last one repeats) and records each request. */
export function scriptedFetch(...replies: Reply[]) {
  const requests: RecordedRequest[] = [];
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    requests.push({
      url,
      method: String(init.method),
      headers: { ...(init.headers as Record<string, string>) },
      body: init.body === undefined || init.body === null ? undefined : String(init.body),
      redirect: init.redirect,
      signal: init.signal ?? undefined,
    });
    const reply = replies[Math.min(requests.length - 1, replies.length - 1)];
    if (reply === undefined) throw new Error("no reply scripted");
    if (reply instanceof Error) throw reply;
    return reply();
  };
  return { fetch, requests };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): () => Response {
  return () =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** A response object as the spec describes it: the spec's own named example, with the test's id. */
export function endpoint(overrides: Partial<SipEndpoint> = {}): SipEndpoint {
  return { ...(spec.components.examples.SipEndpointRelayScript.value as SipEndpoint), id: ID, ...overrides };
}

export function page(data: SipEndpoint[], links: { self?: string; first?: string; next?: string; prev?: string } = {}) {
  return { links: { self: `${BASE}/endpoints/sip`, first: `${BASE}/endpoints/sip`, ...links }, data };
}

/** Retry waits are recorded, never slept; jitter is fixed at half the ceiling. */
export function testClient(fetch: SipEndpointsClientOptions["fetch"], options: SipEndpointsClientOptions = {}) {
  const sleeps: number[] = [];
  const client = createSipEndpointsClient({
    baseUrl: BASE,
    projectId: CANARY.projectId,
    apiToken: CANARY.apiToken,
    env: {},
    fetch,
    ...options,
    retry:
      options.retry === false
        ? false
        : { random: () => 0.5, sleep: async (ms) => void sleeps.push(ms), ...options.retry },
  });
  return { client, sleeps };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
