/**
 * The transport's own rules, driven directly over a wire that records what it is asked to send:
 * what openapi-fetch's `Request` would already stop (a URL with credentials) is refused here too,
 * the request id an answer carries, the error code found inside a failure's causes, and the
 * content type of a body sent without one.
 */
import { resolveConfig } from "../../src/client/config";
import { isArgumentError, isNetworkError, isOriginRefusedError, type NetworkError } from "../../src/client";
import { createTransport } from "../../src/client/transport";
import type { Wire, WireRequest } from "../../src/client/wire";
import { CANARY, expectNoCanary } from "../support/canary";

const BASE = "https://example.signalwire.com/api/relay/rest";
const LIST = `${BASE}/endpoints/sip`;

function recordingWire(answer: () => Promise<{ headers?: Record<string, string> }> = async () => ({})) {
  const sent: WireRequest[] = [];
  const wire: Wire = (request) => {
    sent.push(request);
    const response = answer().then(({ headers = {} }) => ({
      status: 200,
      statusText: "OK",
      headers,
      text: async () => "{}",
      cancel: () => undefined,
    }));
    return { response, abort: () => undefined };
  };
  return { wire, sent };
}

function transportOver(wire: Wire, maxAttempts = 1) {
  const config = resolveConfig({
    baseUrl: BASE,
    projectId: CANARY.projectId,
    apiToken: CANARY.apiToken,
    env: {},
    retry: { maxAttempts, sleep: async () => undefined },
  });
  return createTransport({ ...config, loadWire: () => wire });
}

async function failure(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error("expected the request to fail");
}

describe("where credentials may go", () => {
  it.each([
    ["a user and a password", `https://someone:${CANARY.password}@example.signalwire.com/api/relay/rest/endpoints/sip`],
    ["a user alone", "https://someone@example.signalwire.com/api/relay/rest/endpoints/sip"],
    ["a password alone", `https://:${CANARY.password}@example.signalwire.com/api/relay/rest/endpoints/sip`],
  ])("refuses a URL on the same host that carries %s, naming neither", async (_name, url) => {
    const { wire, sent } = recordingWire();
    const error = await failure(transportOver(wire)({ operationId: "list_sip_endpoints", method: "GET", url }));
    expect(isOriginRefusedError(error)).toBe(true);
    expect((error as Error).message).toBe(
      `refused to request ${LIST}: the URL carries credentials (the client only sends credentials to ${new URL(BASE).origin})`,
    );
    expectNoCanary(JSON.stringify(error), "the refusal");
    expect(sent).toHaveLength(0);
  });

  it("refuses another origin, and sends to its own", async () => {
    const { wire, sent } = recordingWire();
    const transport = transportOver(wire);
    const error = await failure(
      transport({
        operationId: "list_sip_endpoints",
        method: "GET",
        url: "https://example.signalwire.com.evil.example/endpoints/sip",
      }),
    );
    expect(isOriginRefusedError(error)).toBe(true);
    expect((error as Error).message).toContain("https://example.signalwire.com.evil.example is another origin");
    await transport({ operationId: "list_sip_endpoints", method: "GET", url: LIST });
    expect(sent.map((r) => r.url)).toEqual([LIST]);
  });

  it("names no secret of a refused URL's path", async () => {
    const transport = transportOver(recordingWire().wire);
    for (const url of [
      `https://someone@example.signalwire.com/api/relay/rest/endpoints/sip/${CANARY.apiToken}`,
      `https://example.signalwire.com.evil.example/endpoints/sip/${CANARY.apiToken}`,
    ]) {
      const error = await failure(transport({ operationId: "retrieve_sip_endpoint", method: "GET", url }));
      expect(isOriginRefusedError(error)).toBe(true);
      expectNoCanary(`${String(error)} ${JSON.stringify(error)}`, "the refusal");
    }
    const unknown = await failure(
      transport({ operationId: undefined, method: "GET", url: `${LIST}/${CANARY.apiToken}/calls` }),
    );
    expect(isArgumentError(unknown)).toBe(true);
    expectNoCanary(`${String(unknown)} ${JSON.stringify(unknown)}`, "the refusal");
  });

  it("sends to its own origin however the URL spells it", async () => {
    const { wire, sent } = recordingWire();
    const transport = transportOver(wire);
    for (const url of [
      "https://EXAMPLE.signalwire.com/api/relay/rest/endpoints/sip",
      "https://example.signalwire.com:443/api/relay/rest/endpoints/sip",
    ]) {
      await transport({ operationId: "list_sip_endpoints", method: "GET", url });
    }
    expect(sent).toHaveLength(2);
  });

  it("refuses a request no operation of the spec matches", async () => {
    const { wire, sent } = recordingWire();
    const error = await failure(transportOver(wire)({ operationId: undefined, method: "PATCH", url: `${LIST}/x?y=1` }));
    expect(isArgumentError(error)).toBe(true);
    expect((error as Error).message).toBe("no operation of the spec is PATCH /api/relay/rest/endpoints/sip/x");
    expect(sent).toHaveLength(0);
  });
});

describe("what the transport adds to a request", () => {
  it("a JSON content type for a body sent without one, and keeps one that was given", async () => {
    const { wire, sent } = recordingWire();
    const transport = transportOver(wire);
    await transport({ operationId: "create_sip_endpoint", method: "POST", url: LIST, bodyText: "{}" });
    await transport({
      operationId: "create_sip_endpoint",
      method: "POST",
      url: LIST,
      bodyText: "x",
      headers: { "content-type": "text/plain" },
    });
    await transport({ operationId: "list_sip_endpoints", method: "GET", url: LIST });
    expect(sent.map((r) => r.headers["content-type"])).toEqual(["application/json", "text/plain", undefined]);
  });
});

describe("the request id of an answer", () => {
  it.each([
    ["X-Request-Id", { "x-request-id": "rid-x", "request-id": "rid-plain" }, "rid-x"],
    ["Request-Id when there is no X-Request-Id", { "request-id": "rid-plain" }, "rid-plain"],
  ])("is taken from %s", async (_name, headers, want) => {
    const { wire } = recordingWire(async () => ({ headers }));
    const { exchange } = await transportOver(wire)({ operationId: "list_sip_endpoints", method: "GET", url: LIST });
    expect(exchange.requestId).toBe(want);
  });

  it("is absent, not undefined, when the answer has none", async () => {
    const { wire } = recordingWire(async () => ({ headers: { "content-type": "application/json" } }));
    const { exchange } = await transportOver(wire)({ operationId: "list_sip_endpoints", method: "GET", url: LIST });
    expect("requestId" in exchange).toBe(false);
  });
});

describe("the error code of a failure without an answer", () => {
  const coded = (code: string) => Object.assign(new Error(code), { code });
  const cyclic = () => {
    const a: { cause?: unknown } = new Error("a");
    a.cause = new Error("b", { cause: a });
    return a;
  };
  const selfHolding = () => {
    const all = new AggregateError([]);
    (all.errors as unknown[]).push(all);
    return all;
  };
  /** `error` wrapped in `levels` causes without a code. */
  const wrapped = (error: unknown, levels: number): unknown =>
    levels === 0 ? error : new Error(`level ${levels}`, { cause: wrapped(error, levels - 1) });
  it.each([
    ["the failure's own", coded("ECONNRESET"), "ECONNRESET"],
    [
      "its cause's, as Node's fetch wraps it",
      new TypeError("fetch failed", { cause: coded("ECONNRESET") }),
      "ECONNRESET",
    ],
    [
      "the first coded error of an AggregateError",
      new TypeError("fetch failed", { cause: new AggregateError([new Error("no code"), coded("EHOSTUNREACH")]) }),
      "EHOSTUNREACH",
    ],
    [
      "a cause's, when an AggregateError has none",
      Object.assign(new AggregateError([new Error("no code")]), { cause: coded("ETIMEDOUT") }),
      "ETIMEDOUT",
    ],
    ["none, in a cycle of causes", cyclic(), undefined],
    ["none, for an AggregateError that holds itself", selfHolding(), undefined],
    ["none, for a thrown string", "socket closed", undefined],
    ["none, when a cause is null", new TypeError("fetch failed", { cause: null }), undefined],
    ["found three causes deep", wrapped(coded("EPIPE"), 3), "EPIPE"],
    ["not looked for four causes deep", wrapped(coded("EPIPE"), 4), undefined],
  ])("is %s", async (_name, thrown, code) => {
    const wire: Wire = () => ({ response: Promise.reject(thrown), abort: () => undefined });
    const error = await failure(transportOver(wire)({ operationId: "list_sip_endpoints", method: "GET", url: LIST }));
    expect(isNetworkError(error)).toBe(true);
    expect((error as NetworkError).code).toBe(code);
  });

  it("a refusal found inside an AggregateError lets a POST try again", async () => {
    const refused = new TypeError("fetch failed", {
      cause: new AggregateError([new Error("no code"), coded("ECONNREFUSED")]),
    });
    let attempts = 0;
    const wire: Wire = () => (attempts++, { response: Promise.reject(refused), abort: () => undefined });
    await failure(
      transportOver(wire, 2)({ operationId: "create_sip_endpoint", method: "POST", url: LIST, bodyText: "{}" }),
    );
    expect(attempts).toBe(2);
  });
});
