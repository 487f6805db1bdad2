/**
 * Regression: a timed-out attempt was abandoned without aborting its request. Against a server
 * that accepts the connection and never answers, the socket stayed open after the TimeoutError,
 * so `npm run drift` against a stalled Space reported "inconclusive" and then sat for minutes
 * before the process could exit. The deadline now aborts the request, which closes the socket.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createSipEndpointsClient, isTimeoutError } from "../../src/client";
import { within } from "../../test/support/bounded";

let server: Server;
/** The socket of each request the server took, with a promise of its closing. */
const taken: Array<{ socket: Socket; closed: Promise<void> }> = [];

beforeAll(async () => {
  // Takes every request and never answers it.
  server = createServer((request) => {
    const socket = request.socket;
    taken.push({ socket, closed: new Promise<void>((resolve) => socket.once("close", () => resolve())) });
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
    // Long enough for the request to reach the server on a busy machine: the timeout is meant to
    // end a request the server holds, not to race its arrival.
    timeoutMs: 1_000,
    retry: { maxAttempts: 1 },
  });
  const error = await client.list().catch((e: unknown) => e);
  expect(isTimeoutError(error)).toBe(true);
  expect(taken).toHaveLength(1);
  // The abort reaches the server as a closed connection: wait for that event itself.
  // (undici may open a fresh idle connection afterwards; only the one that carried the request counts.)
  await within(10_000, taken[0]!.closed, "the close of the timed-out request's socket");
  expect(taken[0]!.socket.destroyed).toBe(true);
});
