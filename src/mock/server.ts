/**
 * `startMockServer`: the store, the honest core, the chosen fault profile and the HTTP layer,
 * put together and listening.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { specFacts } from "../../generated/spec-facts";
import { createMockCore } from "./core";
import { MockConfigError, resolveCredentials, type CredentialSource } from "./credentials";
import type { CoreDeps } from "./deps";
import { FAULT_PROFILES, type FaultName } from "./faults";
import { createRequestListener } from "./http";
import { checkOptions, type MockOptions } from "./options";
import { createIdSource } from "./random";
import { seedStore } from "./seed";
import { EndpointStore } from "./store";
import type { Credentials, MockHandler, SipEndpoint } from "./types";
import { specValidator } from "./validation";

/** The path every operation lives under, taken from the spec's server URL (`/api/relay/rest`). */
export const API_BASE_PATH: string = specFacts.basePath;

export interface MockServer {
  /** Base URL to hand to a client, e.g. "http://127.0.0.1:4010/api/relay/rest" (no trailing slash). */
  url: string;
  port: number;
  credentials: Credentials;
  /** Where the accepted credentials came from; a CLI prints the token only when it is the demo one. */
  credentialSource: CredentialSource;
  fault: FaultName | undefined;
  /** A copy of the stored endpoints, newest first. */
  endpoints(): SipEndpoint[];
  /** How many endpoints are stored (cheap, unlike `endpoints().length` on a large store). */
  count(): number;
  /** Stops listening and closes idle and open connections. */
  close(): Promise<void>;
}

/** Starts a mock of the SIP endpoint API. Several can run at once on ephemeral ports (port 0). */
export async function startMockServer(options: MockOptions = {}): Promise<MockServer> {
  checkOptions(options);
  const host = options.host ?? "127.0.0.1";
  const { credentials, source } = resolveCredentials(options, options.env ?? process.env);
  const newId = createIdSource(options.seed);
  const store = new EndpointStore();
  seedStore(store, options.seedCount ?? 0, newId);

  let handler: MockHandler | undefined;
  const server = createServer(createRequestListener(API_BASE_PATH, () => handler!));
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}${API_BASE_PATH}`;

  const closing = new AbortController();
  const profile = options.fault ? FAULT_PROFILES[options.fault] : undefined;
  const honest: CoreDeps = { store, credentials, newId, validator: specValidator, publicUrl: url };
  const core = createMockCore(profile?.configure ? profile.configure(honest) : honest);
  handler = profile?.wrap ? profile.wrap(core, { options: options.faultOptions ?? {}, credentials, signal: closing.signal }) : core;

  return {
    url,
    port,
    credentials: { ...credentials },
    credentialSource: source,
    fault: options.fault,
    endpoints: () => structuredClone(store.all()),
    count: () => store.size,
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(new MockConfigError(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`, { cause: error })),
    );
    server.listen(port, host, () => resolve());
  });
}
