/**
 * `startMockServer`: a mock (see `mock.ts`) served over HTTP on a port of its own.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { MockConfigError } from "./credentials";
import { createRequestListener } from "./http";
import { API_BASE_PATH, openMock, reportInternalError, withGetters, type Mock } from "./mock";
import type { MockOptions } from "./options";

export interface MockServer extends Omit<Mock, "fetch"> {
  /** Base URL to hand to a client, e.g. "http://127.0.0.1:4010/api/relay/rest" (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Stops listening and closes idle and open connections. */
  close(): Promise<void>;
}

/** Starts a mock of the SIP endpoint API. Several can run at once on ephemeral ports (port 0). */
export async function startMockServer(options: MockOptions = {}): Promise<MockServer> {
  const host = options.host ?? "127.0.0.1";
  let url = "";
  const { mock, serve } = openMock(options, () => url);
  const server = createServer(
    createRequestListener(API_BASE_PATH, serve, options.onInternalError ?? reportInternalError),
  );
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  url = `http://${host.includes(":") ? `[${host}]` : host}:${port}${API_BASE_PATH}`;
  return Object.assign(withGetters(mock), {
    url,
    port,
    close: async () => {
      await mock.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  });
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(new MockConfigError(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`, { cause: error })),
    );
    server.listen(port, host, () => resolve());
  });
}
