/**
 * Regression: a timed-out attempt was abandoned without aborting its request. Against a server
 * that accepts the connection and never answers, the socket stayed open after the TimeoutError,
 * so `npm run drift` against a stalled Space reported "inconclusive" and then sat for minutes
 * before the process could exit. The deadline now aborts the request, which closes the socket.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createSipEndpointsClient, isTimeoutError } from "../../src/client";

let server: Server;
/** Sockets that carried a request and are still open. */
const busy = new Set<Socket>();
let requests = 0;

beforeAll(async () => {
  // Takes every request and never answers it.
  server = createServer((request) => {
    requests++;
    const socket = request.socket;
    busy.add(socket);
    socket.on("close", () => busy.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test("the socket of a timed-out request is closed once the client gives up", async () => {
  const { port } = server.address() as AddressInfo;
  const client = createSipEndpointsClient({
    baseUrl: `http://127.0.0.1:${port}/api/relay/rest`,
    projectId: "project",
    apiToken: "token-for-the-test",
    env: {},
    timeoutMs: 100,
    retry: { maxAttempts: 1 },
  });
  const error = await client.list().catch((e: unknown) => e);
  expect(isTimeoutError(error)).toBe(true);
  expect(requests).toBe(1);
  // The abort reaches the server as a closed connection; poll briefly rather than sleep long.
  // (undici may open a fresh idle connection afterwards; only the one that carried the request counts.)
  for (let i = 0; i < 50 && busy.size > 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(busy.size).toBe(0);
});
