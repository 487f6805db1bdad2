/**
 * Aborts and refusals over real sockets on 127.0.0.1, with the client's own defaults (its real
 * sleep, undici's wire): a call's signal and the client's signal each stop a call; a POST aborted
 * in flight is not sent again; the default sleep between retries waits, stops at an abort and
 * leaves no timer; a refused connection is a NetworkError with code ECONNREFUSED, also when it
 * comes wrapped as Node's `fetch` wraps it for `localhost` (an AggregateError of one refusal per
 * address, inside `TypeError: fetch failed`), and a POST may retry it.
 */
import { getEventListeners } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import {
  createSipEndpointsClient,
  isAbortedError,
  isNetworkError,
  type SipEndpointsClientOptions,
} from "../../src/client";
import { CANARY } from "../support/canary";
import { activeTimers } from "../support/timers";
import { rejection, scriptedFetch } from "./fixtures";

let server: Server;
let port: number;
const sockets = new Set<Socket>();
let requests: string[] = [];
let reply: "stall" | "503" = "stall";

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.method ?? "");
    if (reply === "503")
      res.writeHead(503, { "content-type": "application/json" }).end('{"error":"Service Unavailable"}');
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
beforeEach(() => {
  requests = [];
  reply = "stall";
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const client = (options: SipEndpointsClientOptions = {}) =>
  createSipEndpointsClient({
    baseUrl: `http://127.0.0.1:${port}/api/relay/rest`,
    projectId: CANARY.projectId,
    apiToken: CANARY.apiToken,
    env: {},
    ...options,
  });
const untilRequests = async (n: number) => {
  for (let i = 0; i < 200 && requests.length < n; i++) await new Promise((r) => setTimeout(r, 5));
};

describe("aborting", () => {
  it.each(["the call's", "the client's"])("%s signal stops a call in flight, when both are given", async (which) => {
    const own = new AbortController();
    const clientWide = new AbortController();
    const pending = client({ signal: clientWide.signal, retry: false }).list({}, { signal: own.signal });
    await untilRequests(1);
    (which === "the call's" ? own : clientWide).abort(new Error("stop"));
    const error = await rejection(pending);
    expect(isAbortedError(error)).toBe(true);
  });

  it("a POST aborted in flight is not sent again", async () => {
    const controller = new AbortController();
    const pending = client({ retry: { maxAttempts: 3, baseDelayMs: 1 } }).create(
      { username: "alice", password: CANARY.password },
      { signal: controller.signal },
    );
    await untilRequests(1);
    controller.abort(new Error("stop"));
    const error = await rejection(pending);
    expect(isAbortedError(error)).toBe(true);
    expect(error).toMatchObject({ attempts: 1 });
    await new Promise((r) => setTimeout(r, 30));
    expect(requests).toEqual(["POST"]);
  });
});

describe("the default sleep between retries", () => {
  it("waits, then tries again", async () => {
    reply = "503";
    const exchange = await client({ retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 5 } }).send({
      operationId: "list_sip_endpoints",
    });
    expect(exchange).toMatchObject({ status: 503, attempts: 2 });
    expect(requests).toHaveLength(2);
  });

  it("stops at an abort during the wait and leaves no timer behind", async () => {
    reply = "503";
    const before = activeTimers();
    const controller = new AbortController();
    const pending = client({
      signal: controller.signal,
      retry: { maxAttempts: 2, baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 0.99 },
    }).list();
    await untilRequests(1);
    await new Promise((r) => setTimeout(r, 20));
    controller.abort(new Error("stop"));
    const error = await rejection(pending);
    expect(isAbortedError(error)).toBe(true);
    expect(requests).toHaveLength(1);
    expect(activeTimers()).toBe(before);
  });
});

describe("the default sleep and the caller's signal", () => {
  it("leaves no abort listener on it, whether the wait ends or is aborted", async () => {
    reply = "503";
    const done = new AbortController();
    await client({ signal: done.signal, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 5 } }).send({
      operationId: "list_sip_endpoints",
    });
    expect(getEventListeners(done.signal, "abort")).toHaveLength(0);

    const stopped = new AbortController();
    const pending = client({
      signal: stopped.signal,
      retry: { maxAttempts: 2, baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 0.99 },
    }).list();
    await untilRequests(3);
    await new Promise((r) => setTimeout(r, 20));
    stopped.abort(new Error("stop"));
    expect(isAbortedError(await rejection(pending))).toBe(true);
    expect(getEventListeners(stopped.signal, "abort")).toHaveLength(0);
  });
});

describe("a refused connection", () => {
  let closedPort: number;
  beforeAll(async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  it("wrapped as Node's fetch wraps it for localhost, is still ECONNREFUSED, and a POST tries it again", async () => {
    const refusal = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: "ECONNREFUSED" });
    const wrapped = new TypeError("fetch failed", {
      cause: new AggregateError([refusal("::1:9"), refusal("127.0.0.1:9")], "all addresses refused"),
    });
    const { fetch, requests: sent } = scriptedFetch(wrapped);
    const viaFetch = createSipEndpointsClient({
      baseUrl: "https://example.signalwire.com/api/relay/rest",
      projectId: CANARY.projectId,
      apiToken: CANARY.apiToken,
      env: {},
      fetch,
      retry: { maxAttempts: 2, sleep: async () => undefined },
    });
    const error = await rejection(viaFetch.create({ username: "alice", password: CANARY.password }));
    expect(isNetworkError(error)).toBe(true);
    expect(error).toMatchObject({ code: "ECONNREFUSED", attempts: 2 });
    expect(sent).toHaveLength(2);
  });

  it.each(["127.0.0.1", "localhost"])(
    "to %s is a NetworkError with code ECONNREFUSED, and a POST may try it again",
    async (host) => {
      const refused = createSipEndpointsClient({
        baseUrl: `http://${host}:${closedPort}/api/relay/rest`,
        projectId: CANARY.projectId,
        apiToken: CANARY.apiToken,
        env: {},
        retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
      });
      const error = await rejection(refused.create({ username: "alice", password: CANARY.password }));
      expect(isNetworkError(error)).toBe(true);
      // Nothing reached a server, so even a POST was tried again.
      expect(error).toMatchObject({ code: "ECONNREFUSED", attempts: 2 });
    },
  );
});
