/** Synthetic exchanges for the check tests, built from the spec's own examples. */
import spec from "../../generated/openapi.json";
import type { HttpExchange } from "../../src/checks";
import { operations, type OperationId } from "../../src/spec";

export type Endpoint = Record<string, unknown>;

/** A fresh copy of the spec's example endpoint (valid by construction: lint checks examples). */
export function validEndpoint(overrides: Endpoint = {}): Endpoint {
  const example = structuredClone(spec.components.examples.SipEndpointRelayScript.value) as Endpoint;
  return { ...example, ...overrides };
}

export function endpointWithId(id: string): Endpoint {
  return validEndpoint({ id, username: `user-${id.slice(0, 8)}` });
}

export function listBody(items: Endpoint[], next?: string): unknown {
  const self = "https://example.signalwire.com/api/relay/rest/endpoints/sip?page_size=2";
  return { links: { self, first: self, ...(next ? { next } : {}) }, data: items };
}

/** An exchange for an operation; `body` is serialised unless it is already text. */
export function exchange(
  operationId: OperationId,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): HttpExchange {
  const op = operations[operationId];
  const bodyText = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  return {
    operationId,
    method: op.method,
    url: `https://example.signalwire.com/api/relay/rest${op.path.replace("{id}", "6f0f5b6e-3a4c-4f7e-9d3b-2b8e1c0a9f11")}`,
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
    bodyText,
  };
}

/** Deterministic UUIDs for test data: the n-th one differs only in its last digits. */
export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
}
