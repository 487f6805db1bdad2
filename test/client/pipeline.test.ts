/**
 * One pipeline: every request of the client is built by openapi-fetch, so middleware registered
 * with `raw.use()` sees the typed methods, the pages `listAll` follows and `send`, and what it
 * changes (a header, a substituted answer) is what the typed layer acts on. The typed methods and
 * `raw` put the same bytes on the wire.
 */
import { exceedsUtf8Bytes } from "../../src/utf8-text";
import { createServer, type Socket } from "node:net";
import type { Middleware } from "openapi-fetch";
import {
  createSipEndpointsClient,
  isArgumentError,
  isInvalidResponseError,
  isNetworkError,
  isNotFoundError,
  isOriginRefusedError,
  isResponseTooLargeError,
  isServerError,
  type ClientExchange,
  type SipEndpointsClient,
} from "../../src/client";
import type { Finding } from "../../src/checks";
import { CANARY, expectNoCanary } from "../support/canary";
import { BASE, endpoint, ID, json, page, rejection, scriptedFetch, testClient } from "./fixtures";

interface Seen {
  hook: "request" | "response" | "error";
  method: string;
  url: string;
  schemaPath: string;
}

function observer(seen: Seen[]): Middleware {
  return {
    onRequest({ request, schemaPath }) {
      seen.push({ hook: "request", method: request.method, url: request.url, schemaPath });
    },
    onResponse({ request, schemaPath }) {
      seen.push({ hook: "response", method: request.method, url: request.url, schemaPath });
    },
    onError({ request, schemaPath }) {
      seen.push({ hook: "error", method: request.method, url: request.url, schemaPath });
    },
  };
}

describe("middleware registered on raw sees every request", () => {
  const created = { username: "alice", password: CANARY.password };
  const cases: {
    name: string;
    call: (c: SipEndpointsClient) => Promise<unknown>;
    method: string;
    url: string;
    schemaPath: string;
  }[] = [
    {
      name: "list",
      call: (c) => c.list({ page_size: 5 }),
      method: "GET",
      url: `${BASE}/endpoints/sip?page_size=5`,
      schemaPath: "/endpoints/sip",
    },
    {
      name: "retrieve",
      call: (c) => c.retrieve(ID),
      method: "GET",
      url: `${BASE}/endpoints/sip/${ID}`,
      schemaPath: "/endpoints/sip/{id}",
    },
    {
      name: "create",
      call: (c) => c.create(created),
      method: "POST",
      url: `${BASE}/endpoints/sip`,
      schemaPath: "/endpoints/sip",
    },
    {
      name: "update",
      call: (c) => c.update(ID, { caller_id: "A" }),
      method: "PUT",
      url: `${BASE}/endpoints/sip/${ID}`,
      schemaPath: "/endpoints/sip/{id}",
    },
    {
      name: "delete",
      call: (c) => c.delete(ID),
      method: "DELETE",
      url: `${BASE}/endpoints/sip/${ID}`,
      schemaPath: "/endpoints/sip/{id}",
    },
    {
      name: "send",
      call: (c) => c.send({ operationId: "retrieve_sip_endpoint", params: { id: ID } }),
      method: "GET",
      url: `${BASE}/endpoints/sip/${ID}`,
      schemaPath: "/endpoints/sip/{id}",
    },
  ];
  it.each(cases)("$name", async ({ name, call, method, url, schemaPath }) => {
    const reply =
      name === "delete"
        ? () => new Response(null, { status: 204 })
        : json(200, name === "list" ? page([endpoint()]) : endpoint());
    const { fetch } = scriptedFetch(reply);
    const { client } = testClient(fetch);
    const seen: Seen[] = [];
    client.raw.use(observer(seen));
    await call(client);
    expect(seen).toEqual([
      { hook: "request", method, url, schemaPath },
      { hook: "response", method, url, schemaPath },
    ]);
  });

  it("sees each page listAll follows, with the link's query", async () => {
    const { fetch } = scriptedFetch(
      json(200, page([endpoint()], { next: `${BASE}/endpoints/sip?page_number=1&page_token=PA%2Bx` })),
      json(200, page([endpoint()])),
    );
    const { client } = testClient(fetch);
    const seen: Seen[] = [];
    client.raw.use(observer(seen));
    for await (const _ of client.listAll()) void _;
    expect(seen.filter((s) => s.hook === "request").map((s) => s.url)).toEqual([
      `${BASE}/endpoints/sip`,
      `${BASE}/endpoints/sip?page_number=1&page_token=PA%2Bx`,
    ]);
  });

  it("sees a failure of the transport in onError, as the client's typed error", async () => {
    const { fetch } = scriptedFetch(new TypeError("fetch failed"));
    const { client } = testClient(fetch, { retry: false });
    const errors: unknown[] = [];
    client.raw.use({ onError: ({ error }) => void errors.push(error) });
    const thrown = await rejection(client.retrieve(ID));
    expect(isNetworkError(thrown)).toBe(true);
    expect(errors).toEqual([thrown]);
  });

  it("hands onResponse a real Response whose body it can read", async () => {
    const { fetch } = scriptedFetch(json(200, endpoint({ caller_id: "from the server" })));
    const { client } = testClient(fetch);
    const bodies: unknown[] = [];
    client.raw.use({ onResponse: async ({ response }) => void bodies.push(await response.clone().json()) });
    const got = await client.retrieve(ID);
    expect(bodies).toEqual([got]);
    expect(got.caller_id).toBe("from the server");
  });

  it("gives the whole body to middleware that a use() refusing a later argument registered", async () => {
    const { fetch } = scriptedFetch(json(200, endpoint({ caller_id: "from the server" })));
    const { client } = testClient(fetch);
    const bodies: unknown[] = [];
    const reader: Middleware = { onResponse: async ({ response }) => void bodies.push(await response.clone().json()) };
    expect(() => client.raw.use(reader, "not middleware" as unknown as Middleware)).toThrow();
    const got = await client.retrieve(ID);
    expect(bodies).toEqual([got]);
  });

  it("gives middleware registered after earlier calls the whole body, and the typed result is the same either way", async () => {
    const answer = endpoint({ caller_id: "from the server" });
    const { fetch } = scriptedFetch(json(200, answer), json(200, answer), json(200, answer));
    const { client } = testClient(fetch);
    const before = await client.retrieve(ID);
    const sentBefore = await client.send({ operationId: "retrieve_sip_endpoint", params: { id: ID } });
    const bodies: unknown[] = [];
    client.raw.use({ onResponse: async ({ response }) => void bodies.push(await response.clone().json()) });
    const after = await client.retrieve(ID);
    expect(bodies).toEqual([answer]);
    expect(after).toEqual(before);
    expect(before).toEqual(answer);
    expect(JSON.parse(sentBefore.bodyText)).toEqual(answer);
  });

  it("never shows middleware the Authorization header: the transport adds it after", async () => {
    const { fetch, requests } = scriptedFetch(json(200, endpoint()));
    const { client } = testClient(fetch);
    const headers: string[] = [];
    client.raw.use({ onRequest: ({ request }) => void request.headers.forEach((v, k) => headers.push(`${k}: ${v}`)) });
    await client.retrieve(ID);
    expectNoCanary(headers.join("\n"), "the headers middleware saw");
    expect(requests[0]!.headers.authorization).toMatch(/^Basic /);
  });
});

describe("what middleware changes is what the typed methods act on", () => {
  it("a header added by onRequest goes out on the wire", async () => {
    const { fetch, requests } = scriptedFetch(json(200, endpoint()));
    const { client } = testClient(fetch);
    client.raw.use({
      onRequest({ request }) {
        request.headers.set("x-trace-id", "trace-1");
        return request;
      },
    });
    await client.retrieve(ID);
    expect(requests[0]!.headers["x-trace-id"]).toBe("trace-1");
  });

  it("an answer given by onRequest is returned, and nothing is sent", async () => {
    const { fetch, requests } = scriptedFetch(json(500, { error: "not this one" }));
    const { client } = testClient(fetch);
    const cached = endpoint({ caller_id: "cached" });
    client.raw.use({ onRequest: () => Response.json(cached) });
    expect(await client.retrieve(ID)).toEqual(cached);
    expect(requests).toHaveLength(0);
  });

  it("an answer substituted by onResponse is judged like the server's", async () => {
    const { fetch } = scriptedFetch(json(200, endpoint()));
    const { client } = testClient(fetch);
    client.raw.use({ onResponse: () => Response.json({ error: "Not Found" }, { status: 404 }) });
    const error = await rejection(client.retrieve(ID));
    expect(isNotFoundError(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, body: { error: "Not Found" } });
  });

  it("a substituted success that breaks the spec fails validation in throw mode", async () => {
    const { fetch } = scriptedFetch(json(200, endpoint()));
    const { client } = testClient(fetch, { validateResponses: "throw" });
    client.raw.use({ onResponse: () => Response.json({ ...endpoint(), send_as: 42 }) });
    const error = await rejection(client.retrieve(ID));
    expect(isInvalidResponseError(error)).toBe(true);
    expect(error).toMatchObject({
      findings: [expect.objectContaining({ check: "field-type-mismatch", pointer: "/send_as" })],
    });
  });

  it("an error answer substituted by onResponse keeps its body, as JSON or as text, and the URL that was asked", async () => {
    const { fetch } = scriptedFetch(json(200, endpoint()));
    const exchanges: ClientExchange[] = [];
    const { client } = testClient(fetch, { onExchange: (e) => exchanges.push(e) });
    let answer = Response.json({ error: "gone" }, { status: 404 });
    client.raw.use({ onResponse: () => answer });
    const json404 = await rejection(client.retrieve(ID));
    expect(json404).toMatchObject({ status: 404, body: { error: "gone" }, url: `${BASE}/endpoints/sip/${ID}` });
    answer = new Response("<h1>gone</h1>", { status: 410, headers: { "content-type": "text/html" } });
    const html410 = await rejection(client.retrieve(ID));
    expect(html410).toMatchObject({ status: 410, body: "<h1>gone</h1>" });
  });

  it("a substituted success whose body middleware has already read fails the call as it fails openapi-fetch's own", async () => {
    const { fetch } = scriptedFetch(json(200, endpoint()));
    const { client } = testClient(fetch);
    client.raw.use({
      onResponse: async () => {
        const read = Response.json(endpoint());
        await read.text();
        return read;
      },
    });
    const error = await rejection(client.send({ operationId: "retrieve_sip_endpoint", params: { id: ID } }));
    expect((error as Error).name).toBe("TypeError");
  });

  it("an answer given by onRequest, where nothing was sent, names the operation's path", async () => {
    const { fetch, requests } = scriptedFetch(json(200, endpoint()));
    const { client } = testClient(fetch);
    client.raw.use({ onRequest: () => Response.json({ error: "Not Found" }, { status: 404 }) });
    const error = await rejection(client.retrieve(ID));
    expect(error).toMatchObject({ status: 404, url: `${BASE}/endpoints/sip/{id}`, attempts: 0 });
    expect(requests).toHaveLength(0);
  });

  it("send returns an empty answer given by middleware with an empty body", async () => {
    const { fetch } = scriptedFetch(json(200, endpoint()));
    const { client } = testClient(fetch);
    client.raw.use({ onRequest: () => new Response(null, { status: 204 }) });
    const exchange = await client.send({ operationId: "delete_sip_endpoint", params: { id: ID } });
    expect(exchange).toMatchObject({ status: 204, bodyText: "", attempts: 0, requestHeaders: {} });
  });

  it("a substituted body above the size cap is a ResponseTooLargeError of no attempt", async () => {
    const { fetch } = scriptedFetch(json(200, endpoint()));
    const { client } = testClient(fetch, { maxResponseBytes: 100 });
    client.raw.use({ onRequest: () => new Response("x".repeat(101), { status: 200 }) });
    const error = await rejection(client.retrieve(ID));
    expect(isResponseTooLargeError(error)).toBe(true);
    expect(error).toMatchObject({
      method: "GET",
      url: `${BASE}/endpoints/sip/{id}`,
      status: 200,
      limitBytes: 100,
      attempts: 0,
    });
  });

  it("a substituted body that fails while it is read fails the call with that failure", async () => {
    const { fetch } = scriptedFetch(json(200, endpoint()));
    const { client } = testClient(fetch);
    const broken = new Error("the middleware's stream broke");
    client.raw.use({
      onRequest: () => new Response(new ReadableStream({ pull: (c) => c.error(broken) }), { status: 200 }),
    });
    expect(await rejection(client.retrieve(ID))).toBe(broken);
  });
});

describe("raw gets a real Response, judged like the typed methods' answers", () => {
  it("with the status and headers of the answer", async () => {
    const { fetch } = scriptedFetch(json(404, { error: "Not Found" }, { "x-request-id": "rid-9" }));
    const { client } = testClient(fetch);
    const { response, error } = await client.raw.GET("/endpoints/sip/{id}", { params: { path: { id: ID } } });
    expect(response.status).toBe(404);
    expect(response.headers.get("x-request-id")).toBe("rid-9");
    expect(error).toEqual({ error: "Not Found" });
  });

  it("and its findings reported in warn mode", async () => {
    const { fetch } = scriptedFetch(json(200, { ...endpoint(), username: 7 }));
    const findings: Finding[][] = [];
    const { client } = testClient(fetch, { validateResponses: "warn", onFindings: (f) => findings.push(f) });
    await client.raw.GET("/endpoints/sip/{id}", { params: { path: { id: ID } } });
    expect(findings.flat().map((f) => [f.check, f.pointer])).toEqual([["field-type-mismatch", "/username"]]);
  });
});

describe("raw keeps the transport's rules", () => {
  it.each([
    ["another host", "https://evil.example/api/relay/rest"],
    ["another port", "https://example.signalwire.com:8443/api/relay/rest"],
    ["plain http to the same host", "http://example.signalwire.com/api/relay/rest"],
  ])("refuses a per-request baseUrl on %s without sending anything", async (_name, baseUrl) => {
    const { fetch, requests } = scriptedFetch(json(200, page([])));
    const { client } = testClient(fetch);
    const error = await rejection(client.raw.GET("/endpoints/sip", { baseUrl }));
    expect(isOriginRefusedError(error)).toBe(true);
    expect((error as Error).message).toMatch(/another origin/);
    expect(requests).toHaveLength(0);
  });

  it("refuses a path no operation of the spec has, without sending anything", async () => {
    const { fetch, requests } = scriptedFetch(json(200, page([])));
    const { client } = testClient(fetch);
    const error = await rejection(
      client.raw.GET("/endpoints/sip/{id}/calls" as "/endpoints/sip/{id}", { params: { path: { id: ID } } }),
    );
    expect(isArgumentError(error)).toBe(true);
    expect((error as Error).message).toBe(`no operation of the spec is GET /api/relay/rest/endpoints/sip/${ID}/calls`);
    expect(requests).toHaveLength(0);
  });
});

/** A server on 127.0.0.1 that records the bytes of each request and answers with `answer`. */
async function byteRecorder(answer: (request: string) => string) {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    let buffered = "";
    socket.on("data", (chunk) => {
      buffered += chunk.toString("latin1");
      const end = buffered.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
      if (buffered.length < end + 4 + length) return;
      const request = buffered.slice(0, end + 4 + length);
      buffered = buffered.slice(request.length);
      requests.push(request);
      socket.write(answer(request));
    });
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${port}/api/relay/rest`,
    requests,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function httpAnswer(status: number, body: string, reason = "X"): string {
  return `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

describe("what the default wire hands over from the status line", () => {
  it.each([700, 999])("a status of %i, which no Response can carry, is an InvalidResponseError", async (status) => {
    const server = await byteRecorder(() => httpAnswer(status, "{}"));
    try {
      const client = createSipEndpointsClient({
        baseUrl: server.baseUrl,
        projectId: CANARY.projectId,
        apiToken: CANARY.apiToken,
        env: {},
        retry: false,
      });
      const error = await rejection(client.retrieve(ID));
      expect(isInvalidResponseError(error)).toBe(true);
      expect(error).toMatchObject({ status });
    } finally {
      await server.close();
    }
  });

  it("599 is still a status: a ServerError, with the reason phrase on raw's Response", async () => {
    const server = await byteRecorder(() => httpAnswer(599, '{"error":"odd"}', "Network Connect Timeout"));
    try {
      const client = createSipEndpointsClient({
        baseUrl: server.baseUrl,
        projectId: CANARY.projectId,
        apiToken: CANARY.apiToken,
        env: {},
        retry: false,
      });
      expect(isServerError(await rejection(client.retrieve(ID)))).toBe(true);
      const { response } = await client.raw.GET("/endpoints/sip/{id}", { params: { path: { id: ID } } });
      expect([response.status, response.statusText]).toEqual([599, "Network Connect Timeout"]);
    } finally {
      await server.close();
    }
  });

  it("a reason phrase the Fetch standard does not allow is dropped, and the answer kept", async () => {
    const answer = JSON.stringify(endpoint());
    const server = await byteRecorder(() => httpAnswer(200, answer, "O\u0001K"));
    try {
      const client = createSipEndpointsClient({
        baseUrl: server.baseUrl,
        projectId: CANARY.projectId,
        apiToken: CANARY.apiToken,
        env: {},
        retry: false,
      });
      expect(await client.retrieve(ID)).toEqual(endpoint());
      const { response, data } = await client.raw.GET("/endpoints/sip/{id}", { params: { path: { id: ID } } });
      expect([response.status, response.statusText, response.headers.get("content-type")]).toEqual([
        200,
        "",
        "application/json",
      ]);
      expect(data).toEqual(endpoint());
    } finally {
      await server.close();
    }
  });
});

describe("typed methods and raw send byte-identical requests", () => {
  const body = {
    username: "alice",
    password: CANARY.password,
    call_handler: "relay_script" as const,
    call_relay_script_url: "https://example.com/s",
  };
  const pairs: {
    name: string;
    typed: (c: SipEndpointsClient) => Promise<unknown>;
    raw: (c: SipEndpointsClient) => Promise<unknown>;
  }[] = [
    {
      name: "list",
      typed: (c) => c.list({ filter_username: "al ice" }),
      raw: (c) => c.raw.GET("/endpoints/sip", { params: { query: { filter_username: "al ice" } } }),
    },
    {
      name: "retrieve",
      typed: (c) => c.retrieve(ID),
      raw: (c) => c.raw.GET("/endpoints/sip/{id}", { params: { path: { id: ID } } }),
    },
    { name: "create", typed: (c) => c.create(body), raw: (c) => c.raw.POST("/endpoints/sip", { body }) },
    {
      name: "update",
      typed: (c) => c.update(ID, { caller_id: "A" }),
      raw: (c) => c.raw.PUT("/endpoints/sip/{id}", { params: { path: { id: ID } }, body: { caller_id: "A" } }),
    },
  ];
  it.each(pairs)("$name", async ({ name, typed, raw }) => {
    const answer = JSON.stringify(name === "list" ? page([endpoint()]) : endpoint());
    const server = await byteRecorder(() => httpAnswer(200, answer));
    try {
      const client = createSipEndpointsClient({
        baseUrl: server.baseUrl,
        projectId: CANARY.projectId,
        apiToken: CANARY.apiToken,
        env: {},
      });
      await typed(client);
      await raw(client);
      expect(server.requests).toHaveLength(2);
      expect(server.requests[0]).toContain(
        name === "list"
          ? "GET /api/relay/rest/endpoints/sip?filter_username=al%20ice "
          : " /api/relay/rest/endpoints/sip",
      );
      expect(server.requests[1]).toBe(server.requests[0]);
    } finally {
      await server.close();
    }
  });
});

describe("a server that closes the connection at once", () => {
  it("is a NetworkError at once, not a wait for the deadline", async () => {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => socket.destroy());
    server.on("connection", (s) => sockets.add(s));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      // The deadline is far beyond the test's own timeout: only a prompt failure passes.
      const client = createSipEndpointsClient({
        baseUrl: `http://127.0.0.1:${port}/api/relay/rest`,
        projectId: CANARY.projectId,
        apiToken: CANARY.apiToken,
        env: {},
        timeoutMs: 120_000,
        retry: false,
      });
      const error = await rejection(client.list());
      expect(isNetworkError(error)).toBe(true);
      expect(error).toMatchObject({ attempts: 1 });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("the size cap of a substituted answer counts UTF-8 bytes", () => {
  it.each([
    ["ASCII", "x", 100, 100, false],
    ["ASCII", "x", 101, 100, true],
    ["two-byte", "ü", 50, 100, false],
    ["two-byte", "ü", 51, 100, true],
    ["three-byte", "€", 33, 100, false],
    ["three-byte", "€", 34, 100, true],
    ["surrogate pairs", "😀", 25, 100, false],
    ["surrogate pairs", "😀", 26, 100, true],
  ])("%s: %s × %i against %i bytes", (_kind, unit, times, max, over) => {
    const text = unit.repeat(times);
    expect(Buffer.byteLength(text) > max).toBe(over);
    expect(exceedsUtf8Bytes(text, max)).toBe(over);
  });
});
