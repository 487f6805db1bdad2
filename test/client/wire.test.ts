/**
 * Both wires against real local servers: the default (the runtime's `fetch`) and the fast one
 * (`wire: "undici"`), which does itself what `fetch` does — compressed bodies, the size cap
 * counted after decompression — and what an attempt must not leave behind (its deadline timer,
 * its listener on the caller's signal).
 */
import { getEventListeners } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { createSipEndpointsClient, isResponseTooLargeError, type SipEndpointsClientOptions } from "../../src/client";
import { CANARY } from "../support/canary";
import { activeTimers } from "../support/timers";
import { endpoint, ID, rejection } from "./fixtures";

let server: Server;
let baseUrl: string;
let answer: (headers: IncomingHttpHeaders) => { headers: Record<string, string | string[]>; body: Buffer };
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on("end", () => {
      const { headers, body } = answer(req.headers);
      res
        .writeHead(200, { "content-type": "application/json", "content-length": String(body.length), ...headers })
        .end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/relay/rest`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
});

const client = (options: SipEndpointsClientOptions = {}) =>
  createSipEndpointsClient({
    baseUrl,
    projectId: CANARY.projectId,
    apiToken: CANARY.apiToken,
    env: {},
    retry: false,
    wire: "undici",
    ...options,
  });

const text = JSON.stringify(endpoint({ caller_id: "ünïcødé" }));

describe.each(["fetch", "undici"] as const)("the %s wire decodes the codings a server uses", (wire) => {
  it.each([
    ["gzip", (b: Buffer) => gzipSync(b)],
    ["deflate", (b: Buffer) => deflateSync(b)],
    ["br", (b: Buffer) => brotliCompressSync(b)],
    ["identity", (b: Buffer) => b],
  ])("%s", async (encoding, encode) => {
    answer = () => ({ headers: { "content-encoding": encoding }, body: encode(Buffer.from(text)) });
    expect(await client({ wire }).retrieve(ID)).toEqual(JSON.parse(text));
    expect(seen[0]!["accept-encoding"]).toBe("gzip, deflate, br");
  });

  it("counts the cap after decompression: a small gzip of 8 MiB is too large", async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    answer = () => ({ headers: { "content-encoding": "gzip" }, body: bomb });
    const error = await rejection(client({ wire, maxResponseBytes: 1024 * 1024 }).retrieve(ID));
    expect(isResponseTooLargeError(error)).toBe(true);
  });
});

describe("the undici wire decodes as fetch would", () => {
  it.each([
    ["gzip", (b: Buffer) => gzipSync(b)],
    ["x-gzip", (b: Buffer) => gzipSync(b)],
    ["deflate", (b: Buffer) => deflateSync(b)],
    ["br", (b: Buffer) => brotliCompressSync(b)],
    ["gzip, br", (b: Buffer) => brotliCompressSync(gzipSync(b))],
    ["GZIP", (b: Buffer) => gzipSync(b)],
    ["identity", (b: Buffer) => b],
    ["gzip, identity", (b: Buffer) => gzipSync(b)],
    ["identity, deflate", (b: Buffer) => deflateSync(b)],
    ["gzip,", (b: Buffer) => gzipSync(b)],
  ])("decodes %s", async (encoding, encode) => {
    answer = () => ({ headers: { "content-encoding": encoding }, body: encode(Buffer.from(text)) });
    expect(await client().retrieve(ID)).toEqual(JSON.parse(text));
    expect(seen[0]!["accept-encoding"]).toBe("gzip, deflate, br");
  });

  it("keeps a coding it does not know as sent (and says the body is not the JSON it should be)", async () => {
    answer = () => ({ headers: { "content-encoding": "zstd-unknown" }, body: gzipSync(Buffer.from(text)) });
    const exchange = await client().send({ operationId: "retrieve_sip_endpoint", params: { id: ID } });
    // The gzip magic bytes, 1F 8B: the second is no UTF-8, so it stays visible as \x8B.
    expect(exchange.bodyText.slice(0, 5)).toBe("\u001f\\x8B");
  });

  it("keeps the whole body as sent when any coding of a list is unknown, not only the outermost", async () => {
    answer = () => ({ headers: { "content-encoding": "zstd-unknown, gzip" }, body: gzipSync(Buffer.from(text)) });
    const exchange = await client().send({ operationId: "retrieve_sip_endpoint", params: { id: ID } });
    expect(exchange.bodyText.slice(0, 5)).toBe("\u001f\\x8B");
  });

  it("counts the cap after decompression: a small gzip of 8 MiB is too large", async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    answer = () => ({ headers: { "content-encoding": "gzip" }, body: bomb });
    const error = await rejection(client({ maxResponseBytes: 1024 * 1024 }).retrieve(ID));
    expect(isResponseTooLargeError(error)).toBe(true);
    expect(error).toMatchObject({ status: 200, limitBytes: 1024 * 1024 });
  });
});

describe("headers", () => {
  it("joins a repeated header into one value, as fetch does", async () => {
    answer = () => ({ headers: { "x-trace": ["a", "b"] }, body: Buffer.from(JSON.stringify(endpoint())) });
    const exchange = await client().send({ operationId: "retrieve_sip_endpoint", params: { id: ID } });
    expect(exchange.headers["x-trace"]).toBe("a, b");
  });
});

describe("an attempt leaves nothing behind", () => {
  it("removes its listener from the caller's signal and clears its deadline, on success and on failure", async () => {
    const controller = new AbortController();
    const c = client({ signal: controller.signal });
    const before = activeTimers();
    answer = () => ({ headers: {}, body: Buffer.from(JSON.stringify(endpoint())) });
    await c.retrieve(ID, { signal: controller.signal });
    answer = () => ({ headers: {}, body: Buffer.from("x".repeat(2048)) });
    await rejection(client({ signal: controller.signal, maxResponseBytes: 1024 }).retrieve(ID));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    expect(activeTimers()).toBe(before);
  });
});
