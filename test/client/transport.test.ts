/**
 * What goes over the wire, observed through an injected `fetch`: the exact requests, retries with
 * their waits, timeouts, aborts, the response size cap and redirects. No real waiting: sleeps are
 * recorded, and timeouts are a few milliseconds.
 */
import {
  AbortedError,
  ApiError,
  isAbortedError,
  isNetworkError,
  isRateLimitError,
  isResponseTooLargeError,
  isServerError,
  isTimeoutError,
  NetworkError,
  ResponseTooLargeError,
  TimeoutError,
  type ClientExchange,
} from "../../src/client";
import { CANARY } from "../support/canary";
import { BASE, endpoint, ID, json, page, rejection, scriptedFetch, testClient } from "./fixtures";

const AUTH = `Basic ${Buffer.from(`${CANARY.projectId}:${CANARY.apiToken}`).toString("base64")}`;

describe("the requests the typed methods send", () => {
  const body = {
    username: "alice",
    password: CANARY.password,
    call_handler: "relay_script" as const,
    call_relay_script_url: "https://example.com/s",
  };
  const cases = [
    {
      name: "list",
      call: (c: Client) => c.list({ filter_username: "al ice", page_size: 1000 }),
      method: "GET",
      url: `${BASE}/endpoints/sip?filter_username=al%20ice&page_size=1000`,
      sent: undefined,
    },
    {
      name: "retrieve",
      call: (c: Client) => c.retrieve(ID),
      method: "GET",
      url: `${BASE}/endpoints/sip/${ID}`,
      sent: undefined,
    },
    { name: "create", call: (c: Client) => c.create(body), method: "POST", url: `${BASE}/endpoints/sip`, sent: body },
    {
      name: "update",
      call: (c: Client) => c.update(ID, { caller_id: "Alice" }),
      method: "PUT",
      url: `${BASE}/endpoints/sip/${ID}`,
      sent: { caller_id: "Alice" },
    },
    {
      name: "delete",
      call: (c: Client) => c.delete(ID),
      method: "DELETE",
      url: `${BASE}/endpoints/sip/${ID}`,
      sent: undefined,
    },
  ];
  it.each(cases)("$name", async ({ name, call, method, url, sent }) => {
    const reply =
      name === "delete"
        ? () => new Response(null, { status: 204 })
        : json(200, name === "list" ? page([endpoint()]) : endpoint());
    const { fetch, requests } = scriptedFetch(reply);
    await call(testClient(fetch).client);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request).toMatchObject({ url, method, redirect: "manual" });
    expect(request!.headers.authorization).toBe(AUTH);
    expect(request!.headers.accept).toBe("application/json");
    expect(request!.headers["user-agent"]).toMatch(/^signalwire-sip-endpoints-contract\/\d+\.\d+\.\d+$/);
    expect(request!.headers["content-type"]).toBe(sent === undefined ? undefined : "application/json");
    expect(request!.body === undefined ? undefined : JSON.parse(request!.body)).toEqual(sent);
  });

  it("sends the configured User-Agent", async () => {
    const { fetch, requests } = scriptedFetch(json(200, endpoint()));
    await testClient(fetch, { userAgent: "my-app/2.0" }).client.retrieve(ID);
    expect(requests[0]!.headers["user-agent"]).toBe("my-app/2.0");
  });

  it("keeps an id inside its path segment", async () => {
    const { fetch, requests } = scriptedFetch(json(404, { error: "Not Found" }));
    await rejection(testClient(fetch).client.retrieve("a/../b?c#d"));
    expect(requests[0]!.url).toBe(`${BASE}/endpoints/sip/a%2F..%2Fb%3Fc%23d`);
  });

  it.each([
    ["", "path parameter id must be a non-empty string"],
    [".", 'path parameter id must not be "."'],
    ["..", 'path parameter id must not be ".."'],
  ])("refuses the id %j without sending anything", async (id, message) => {
    const { fetch, requests } = scriptedFetch(json(200, endpoint()));
    const error = await rejection(testClient(fetch).client.retrieve(id));
    expect(error).toMatchObject({ name: "ArgumentError", message });
    expect(requests).toHaveLength(0);
  });

  it("goes through the same transport for the raw openapi-fetch client", async () => {
    const seen: ClientExchange[] = [];
    const { fetch, requests } = scriptedFetch(json(200, endpoint()));
    const { client } = testClient(fetch, { onExchange: (e) => seen.push(e) });
    const { data } = await client.raw.GET("/endpoints/sip/{id}", { params: { path: { id: ID } } });
    expect(data?.username).toBe("alice");
    expect(requests[0]!.headers.authorization).toBe(AUTH);
    expect(seen.map((e) => e.operationId)).toEqual(["retrieve_sip_endpoint"]);
  });
});

type Client = ReturnType<typeof testClient>["client"];

describe("onExchange", () => {
  it("sees each final exchange once, after retries, with timing, attempts and request id", async () => {
    const seen: ClientExchange[] = [];
    let clock = 1_000;
    const { fetch } = scriptedFetch(
      json(503, { error: "Service Unavailable" }),
      json(200, endpoint(), { "x-request-id": "req-42" }),
    );
    const { client } = testClient(fetch, {
      onExchange: (e) => seen.push(e),
      retry: { now: () => (clock += 7) },
    });
    await client.retrieve(ID);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      operationId: "retrieve_sip_endpoint",
      method: "GET",
      url: `${BASE}/endpoints/sip/${ID}`,
      status: 200,
      attempts: 2,
      requestId: "req-42",
    });
    expect(seen[0]!.durationMs).toBe(7);
    expect(JSON.parse(seen[0]!.bodyText)).toEqual(endpoint());
  });

  it("carries the answers it tried again after, oldest first and scrubbed, and none when the first answer was final", async () => {
    const seen: ClientExchange[] = [];
    const { fetch } = scriptedFetch(
      json(429, { error: "Too Many Requests", echo: CANARY.apiToken }, { "retry-after": "0" }),
      json(503, { error: "Service Unavailable" }),
      json(200, endpoint()),
      json(200, endpoint()),
    );
    const { client } = testClient(fetch, { onExchange: (e) => seen.push(e) });
    await client.retrieve(ID);
    await client.retrieve(ID);
    expect(seen.map((e) => e.retried?.map((a) => a.status))).toEqual([[429, 503], undefined]);
    expect(seen[0]!.retried![0]!.headers).toMatchObject({ "retry-after": "0" });
    expect(JSON.parse(seen[0]!.retried![0]!.bodyText)).toEqual({ error: "Too Many Requests", echo: "[REDACTED]" });
  });

  it("gets the request body with the password scrubbed", async () => {
    const seen: ClientExchange[] = [];
    const { fetch } = scriptedFetch(json(200, endpoint()));
    await testClient(fetch, { onExchange: (e) => seen.push(e) }).client.create({
      username: "bob",
      password: CANARY.password,
    });
    expect(seen[0]!.requestBody).toEqual({ username: "bob", password: "[REDACTED]" });
  });
});

describe("retries", () => {
  it("retries a GET on 503 with growing backoff and returns the success", async () => {
    const { fetch, requests } = scriptedFetch(
      json(503, { error: "x" }),
      json(502, { error: "x" }),
      json(200, endpoint()),
    );
    const { client, sleeps } = testClient(fetch);
    expect((await client.retrieve(ID)).id).toBe(ID);
    expect(requests).toHaveLength(3);
    expect(sleeps).toEqual([100, 200]);
  });

  it("waits what Retry-After asks on 429", async () => {
    const { fetch, requests } = scriptedFetch(
      json(429, { error: "Too Many Requests" }, { "retry-after": "2" }),
      json(200, endpoint()),
    );
    const { client, sleeps } = testClient(fetch);
    await client.retrieve(ID);
    expect(requests).toHaveLength(2);
    expect(sleeps).toEqual([2_000]);
  });

  it("gives up when Retry-After asks for more than the cap, with a RateLimitError", async () => {
    const { fetch, requests } = scriptedFetch(json(429, { error: "Too Many Requests" }, { "retry-after": "120" }));
    const { client, sleeps } = testClient(fetch, { retry: { maxRetryAfterMs: 60_000 } });
    const error = await rejection(client.retrieve(ID));
    expect(isRateLimitError(error)).toBe(true);
    expect(error).toMatchObject({ status: 429, retryAfter: "120", attempts: 1 });
    expect(requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("stops after maxAttempts and reports how many were made", async () => {
    const { fetch, requests } = scriptedFetch(json(503, { error: "Service Unavailable" }));
    const error = await rejection(testClient(fetch, { retry: { maxAttempts: 4 } }).client.list());
    expect(isServerError(error)).toBe(true);
    expect((error as ApiError).attempts).toBe(4);
    expect((error as ApiError).message).toContain("after 4 attempts");
    expect(requests).toHaveLength(4);
  });

  it("does not retry a POST the server may have acted on (502)", async () => {
    const { fetch, requests } = scriptedFetch(json(502, { error: "Bad Gateway" }), json(200, endpoint()));
    const error = await rejection(testClient(fetch).client.create({ username: "a", password: CANARY.password }));
    expect(isServerError(error)).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it("retries a POST whose connection was refused, not one that was reset", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
    const reset = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
    });
    const first = scriptedFetch(refused, json(200, endpoint()));
    expect((await testClient(first.fetch).client.create({ username: "a", password: CANARY.password })).id).toBe(ID);
    expect(first.requests).toHaveLength(2);

    const second = scriptedFetch(reset, json(200, endpoint()));
    const error = await rejection(testClient(second.fetch).client.create({ username: "a", password: CANARY.password }));
    expect(isNetworkError(error)).toBe(true);
    expect(error).toMatchObject({ code: "ECONNRESET", attempts: 1, method: "POST" });
    expect((error as NetworkError).cause).toBe(reset);
    expect(second.requests).toHaveLength(1);
  });

  it("retries network failures of a GET, then raises a NetworkError", async () => {
    const failure = new TypeError("fetch failed");
    const { fetch, requests } = scriptedFetch(failure);
    const error = await rejection(testClient(fetch).client.retrieve(ID));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ attempts: 3, url: `${BASE}/endpoints/sip/${ID}` });
    expect((error as Error).message).toBe(
      `GET ${BASE}/endpoints/sip/${ID} failed without an HTTP answer after 3 attempts`,
    );
    expect(requests).toHaveLength(3);
  });

  it("makes one attempt with retry: false", async () => {
    const { fetch, requests } = scriptedFetch(json(503, { error: "x" }));
    await rejection(testClient(fetch, { retry: false }).client.retrieve(ID));
    expect(requests).toHaveLength(1);
  });
});

describe("timeouts", () => {
  const never = () => new Promise<Response>(() => undefined);

  it("ends an attempt that gets no answer, even when fetch ignores its signal, and retries a GET", async () => {
    const { fetch, requests } = scriptedFetch(never);
    const error = await rejection(testClient(fetch, { timeoutMs: 15 }).client.retrieve(ID));
    expect(isTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ timeoutMs: 15, attempts: 3 });
    expect((error as TimeoutError).cause).toEqual(new Error("no complete answer within 15 ms"));
    expect(requests).toHaveLength(3);
    // Each attempt's request was told to stop, for a fetch that does listen.
    expect(requests.map((r) => r.signal?.aborted)).toEqual([true, true, true]);
  });

  it("drops the body of an answer that arrives after the deadline", async () => {
    let cancelled = false;
    const late = () =>
      new Promise<Response>((resolve) =>
        setTimeout(
          () => resolve(new Response(new ReadableStream({ cancel: () => void (cancelled = true) }), { status: 200 })),
          30,
        ),
      );
    const { fetch } = scriptedFetch(late);
    expect(isTimeoutError(await rejection(testClient(fetch, { timeoutMs: 5, retry: false }).client.retrieve(ID)))).toBe(
      true,
    );
    for (let i = 0; i < 100 && !cancelled; i++) await new Promise((r) => setTimeout(r, 5));
    expect(cancelled).toBe(true);
  });

  it("does not retry a POST that timed out", async () => {
    const { fetch, requests } = scriptedFetch(never);
    const error = await rejection(
      testClient(fetch, { timeoutMs: 15 }).client.create({ username: "a", password: CANARY.password }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(requests).toHaveLength(1);
  });

  it("counts a body that never ends against the timeout, and stops reading it", async () => {
    let cancelled = false;
    const endless = async () =>
      new Response(
        new ReadableStream({
          pull: (c) =>
            new Promise<void>((r) => setTimeout(() => (cancelled || c.enqueue(new Uint8Array([32])), r()), 1)),
          cancel: () => void (cancelled = true),
        }),
        { status: 200, headers: { "content-length": "100" } },
      );
    const { fetch } = scriptedFetch(endless);
    const error = await rejection(testClient(fetch, { timeoutMs: 30, retry: false }).client.retrieve(ID));
    expect(isTimeoutError(error)).toBe(true);
    expect(cancelled).toBe(true);
  });
});

describe("aborting", () => {
  it("sends nothing when the call's signal is already aborted", async () => {
    const { fetch, requests } = scriptedFetch(json(200, endpoint()));
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(testClient(fetch).client.retrieve(ID, { signal: controller.signal }));
    expect(isAbortedError(error)).toBe(true);
    expect(requests).toHaveLength(0);
  });

  it("stops waiting between retries when the client's signal aborts", async () => {
    const controller = new AbortController();
    const { fetch, requests } = scriptedFetch(json(503, { error: "x" }));
    const { client } = testClient(fetch, {
      signal: controller.signal,
      retry: {
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => {
            signal?.addEventListener("abort", () => reject(signal.reason));
            controller.abort();
          }),
      },
    });
    const error = await rejection(client.retrieve(ID));
    expect(error).toBeInstanceOf(AbortedError);
    expect(requests).toHaveLength(1);
  });

  it("hands fetch a signal of its own per attempt, which the caller's signal aborts", async () => {
    const controller = new AbortController();
    const { fetch, requests } = scriptedFetch(json(200, endpoint()), json(200, endpoint()));
    const { client } = testClient(fetch);
    await client.retrieve(ID, { signal: controller.signal });
    await client.retrieve(ID);
    const [first, second] = requests.map((r) => r.signal);
    expect(first).toBeInstanceOf(AbortSignal);
    expect(second).toBeInstanceOf(AbortSignal);
    expect(first).not.toBe(second);
    expect(first).not.toBe(controller.signal);
    expect([first?.aborted, second?.aborted]).toEqual([false, false]);
  });

  it("ends the call as aborted when the retry wait fails, with the wait's failure as the cause", async () => {
    const broken = new Error("the timer broke");
    const { fetch, requests } = scriptedFetch(json(503, { error: "Service Unavailable" }));
    const error = await rejection(
      testClient(fetch, { retry: { sleep: async () => Promise.reject(broken) } }).client.retrieve(ID),
    );
    expect(isAbortedError(error)).toBe(true);
    expect((error as AbortedError).cause).toBe(broken);
    expect(requests).toHaveLength(1);
  });

  it("aborts a request in flight", async () => {
    const controller = new AbortController();
    const { fetch } = scriptedFetch(() => {
      queueMicrotask(() => controller.abort());
      return new Promise<Response>(() => undefined);
    });
    const error = await rejection(testClient(fetch).client.list(undefined, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortedError);
  });
});

describe("the response size cap", () => {
  it("stops reading a body without a length once it passes the cap, and cancels it", async () => {
    let pulled = 0;
    let cancelled = false;
    const chunk = new Uint8Array(1_024).fill(32);
    const source = {
      pull: (c: ReadableStreamDefaultController) => void (pulled++, c.enqueue(chunk)),
      cancel: () => void (cancelled = true),
    };
    const { fetch } = scriptedFetch(async () => new Response(new ReadableStream(source), { status: 200 }));
    const error = await rejection(testClient(fetch, { maxResponseBytes: 10_000 }).client.list());
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(pulled).toBeLessThan(20);
    expect(cancelled).toBe(true);
  });

  it("refuses a declared length above the cap before reading a byte, and cancels the body", async () => {
    let pulled = 0;
    let cancelled = false;
    const source = {
      pull: (c: ReadableStreamDefaultController) => void (pulled++, c.enqueue(new Uint8Array(100))),
      cancel: () => void (cancelled = true),
    };
    const { fetch } = scriptedFetch(
      () =>
        new Response(new ReadableStream(source, { highWaterMark: 0 }), {
          status: 200,
          headers: { "content-length": "2000" },
        }),
    );
    const error = await rejection(testClient(fetch, { maxResponseBytes: 1_000 }).client.retrieve(ID));
    expect(isResponseTooLargeError(error)).toBe(true);
    expect(pulled).toBe(0);
    expect(cancelled).toBe(true);
  });

  /** A 200 whose body is `text` cut into `size`-byte chunks, with or without its length declared. */
  const chunked = (text: string, size: number, declared: boolean) => () => {
    const bytes = new TextEncoder().encode(text);
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.slice(at, at + size));
    const body = new ReadableStream({ pull: (c) => void (chunks.length > 0 ? c.enqueue(chunks.shift()!) : c.close()) });
    return new Response(body, { status: 200, headers: declared ? { "content-length": String(bytes.length) } : {} });
  };

  it.each([
    ["declared", true],
    ["not declared", false],
  ])("takes a body of exactly the cap, and refuses one byte more (length %s)", async (_name, declared) => {
    const text = JSON.stringify(endpoint({ caller_id: "Zoë" }));
    const cap = new TextEncoder().encode(text).length;
    const { fetch } = scriptedFetch(chunked(text, 64, declared));
    expect(await testClient(fetch, { maxResponseBytes: cap }).client.retrieve(ID)).toEqual(
      endpoint({ caller_id: "Zoë" }),
    );
    const error = await rejection(testClient(fetch, { maxResponseBytes: cap - 1 }).client.retrieve(ID));
    expect(error).toMatchObject({ status: 200, limitBytes: cap - 1 });
  });

  it("joins a body read in many chunks, a character split between two of them included", async () => {
    const text = JSON.stringify(endpoint({ caller_id: "Zoë ünïcødé" }));
    const { fetch } = scriptedFetch(chunked(text, 7, false));
    const exchange = await testClient(fetch).client.send({ operationId: "retrieve_sip_endpoint", params: { id: ID } });
    expect(exchange.bodyText).toBe(text);
  });

  it("reads an empty streamed body as empty", async () => {
    const { fetch } = scriptedFetch(chunked("", 7, false));
    const exchange = await testClient(fetch).client.send({ operationId: "retrieve_sip_endpoint", params: { id: ID } });
    expect(exchange).toMatchObject({ status: 200, bodyText: "" });
  });
});

describe("redirects are never followed", () => {
  it("a typed method raises an ApiError for a 3xx and sends one request", async () => {
    const { fetch, requests } = scriptedFetch(
      () => new Response(null, { status: 302, headers: { location: "https://elsewhere.example/steal" } }),
    );
    const error = await rejection(testClient(fetch).client.retrieve(ID));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(302);
    expect((error as Error).message).toContain("redirect to https://elsewhere.example/steal not followed");
    expect(requests).toHaveLength(1);
    expect(requests[0]!.redirect).toBe("manual");
  });
});
