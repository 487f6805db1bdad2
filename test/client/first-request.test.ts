/**
 * The first request of a client loads undici's wire (a dynamic import), and loading a module is
 * no part of the time a server takes to answer: the deadline starts once the wire is there. Before,
 * a short `timeoutMs` made the first request of a process time out before anything was sent.
 */
import { resolveConfig } from "../../src/client/config";
import { createTransport } from "../../src/client/transport";
import type { Wire } from "../../src/client/wire";

const answering: Wire = () => ({
  response: Promise.resolve({
    status: 200,
    statusText: "OK",
    headers: { "content-type": "application/json" },
    text: async () => "{}",
    cancel: () => undefined,
  }),
  abort: () => undefined,
});

test("a wire that takes longer to load than the deadline still serves the first request", async () => {
  const config = resolveConfig({
    baseUrl: "https://example.signalwire.com/api/relay/rest",
    projectId: "p",
    apiToken: "token-1234",
    env: {},
    timeoutMs: 20,
    retry: false,
  });
  let loads = 0;
  const slowToLoad = {
    ...config,
    loadWire: () => new Promise<Wire>((resolve) => setTimeout(() => (loads++, resolve(answering)), 100)),
  };
  const transport = createTransport(slowToLoad);
  const url = "https://example.signalwire.com/api/relay/rest/endpoints/sip";
  const first = await transport({ operationId: "list_sip_endpoints", method: "GET", url });
  const second = await transport({ operationId: "list_sip_endpoints", method: "GET", url });
  expect([first.exchange.status, second.exchange.status]).toEqual([200, 200]);
  expect(loads).toBe(1);
});
