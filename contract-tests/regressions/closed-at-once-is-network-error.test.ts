/**
 * A server that closes every connection before answering is a `NetworkError` at once. On Node 20
 * the bundled `fetch` never settled in that case, so the first attempt waited out its whole
 * deadline (30 s by default) and ended as a `TimeoutError`.
 */
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { createSipEndpointsClient, isNetworkError } from "../../src/client";

let server: Server;
let connections = 0;

beforeAll(async () => {
  server = createServer((socket: Socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
});
afterAll(() => new Promise((r) => server.close(r)));

test("every attempt fails as a NetworkError without waiting for the deadline", async () => {
  const { port } = server.address() as AddressInfo;
  // A deadline far beyond jest's test timeout: waiting for it would fail this test.
  const client = createSipEndpointsClient({
    baseUrl: `http://127.0.0.1:${port}/api/relay/rest`,
    projectId: "p",
    apiToken: "PTclosed-at-once",
    timeoutMs: 120_000,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
  });
  const error = await client.list().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isNetworkError(error)).toBe(true);
  expect(error).toMatchObject({ attempts: 3 });
  expect(connections).toBeGreaterThanOrEqual(3);
}, 10_000);
