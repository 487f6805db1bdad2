/**
 * Requests a careless or hostile client might send: each gets a clear answer, the server keeps
 * serving and the store stays as it was.
 */
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startMockServer, type MockServer } from "../../src/mock";
import { MAX_BODY_BYTES } from "../../src/mock/http";
import { createRequestListener } from "../../src/mock/http";
import { reportInternalError } from "../../src/mock/mock";
import { basicAuthHeader } from "../../src/redact";
import { mockClient, newEndpointRequest, type MockClient } from "../support/mock";

let mock: MockServer;
let client: MockClient;

beforeEach(async () => {
  mock = await startMockServer({ env: {}, seedCount: 2 });
  client = mockClient(mock, { checkSpec: true });
});
afterEach(() => mock.close());

const CANARY = "canary-pw-5a1d0e";

describe("bodies that are not a JSON object", () => {
  const cases = [
    {
      given: "malformed JSON",
      raw: `{"username":"m","password":"${CANARY}",}`,
      type: "application/json",
      detail: /^The request body is not valid JSON/,
    },
    {
      given: "JSON sent as text/plain",
      raw: JSON.stringify(newEndpointRequest("t")),
      type: "text/plain",
      detail: /^Content type text\/plain is not supported; send application\/json$/,
    },
    {
      given: "a form body",
      raw: `username=f&password=${CANARY}`,
      type: "application/x-www-form-urlencoded",
      detail: /^Content type application\/x-www-form-urlencoded is not supported/,
    },
    {
      given: "JSON without a content type",
      raw: JSON.stringify(newEndpointRequest("n")),
      type: null,
      detail: /^Content type \(none\) is not supported/,
    },
    { given: "an empty body", raw: "", type: "application/json", detail: /^The request body can't be blank$/ },
  ];

  test.each(cases)(
    "$given → 422 naming the problem, nothing stored, no secret echoed",
    async ({ raw, type, detail }) => {
      const reply = await client.call("POST", "/endpoints/sip", { body: raw, raw: true, contentType: type });
      expect(reply.status).toBe(422);
      expect(reply.json.errors).toEqual([
        { detail: expect.stringMatching(detail), status: "422", title: "Invalid Attribute", code: "422" },
      ]);
      expect(reply.text).not.toContain(CANARY);
      expect(mock.endpoints()).toHaveLength(2);
    },
  );

  test("the same problems on update leave the endpoint unchanged", async () => {
    const target = mock.endpoints()[0]!;
    const reply = await client.call("PUT", `/endpoints/sip/${target.id}`, { body: "{", raw: true });
    expect(reply.status).toBe(422);
    expect(mock.endpoints()[0]).toEqual(target);
  });

  test("a charset parameter on the JSON content type is fine", async () => {
    const reply = await client.call("POST", "/endpoints/sip", {
      body: newEndpointRequest("charset"),
      contentType: "application/json; charset=utf-8",
    });
    expect(reply.status).toBe(200);
  });
});

describe("body size", () => {
  /** A valid create request of exactly `bytes` bytes, padded in caller_id. */
  const createOfSize = (bytes: number) => {
    const shell = JSON.stringify(newEndpointRequest("big", { caller_id: "" }));
    return shell.replace('"caller_id":""', `"caller_id":"${"x".repeat(bytes - shell.length)}"`);
  };

  test("a body of exactly 1 MiB is accepted", async () => {
    const reply = await client.call("POST", "/endpoints/sip", { body: createOfSize(MAX_BODY_BYTES), raw: true });
    expect(reply.status).toBe(200);
  });

  test("a body over 1 MiB gets 413 Payload Too Large, and nothing is stored", async () => {
    const reply = await client.call("POST", "/endpoints/sip", { body: createOfSize(MAX_BODY_BYTES + 1), raw: true });
    expect(reply.status).toBe(413);
    expect(reply.json).toEqual({ error: "Payload Too Large" });
    expect(mock.endpoints()).toHaveLength(2);
    expect((await client.call("GET", "/endpoints/sip")).status).toBe(200);
  });

  /** A POST whose body `write` sends as it likes (chunked unless it declares a length); resolves at the answer. */
  const rawPost = (headers: Record<string, string>, write: (req: ReturnType<typeof httpRequest>) => void) =>
    new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
      const req = httpRequest(
        new URL(`${mock.url}/endpoints/sip`),
        {
          method: "POST",
          agent: false,
          headers: {
            "content-type": "application/json",
            authorization: basicAuthHeader(mock.credentials.projectId, mock.credentials.apiToken),
            ...headers,
          },
        },
        (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
        },
      );
      req.on("error", reject);
      write(req);
    });
  const TOO_LARGE = '{"error":"Payload Too Large"}';

  test("a chunked body (no length declared) is read like any other", async () => {
    const body = JSON.stringify(newEndpointRequest("chunked"));
    const answer = await rawPost({}, (req) => {
      req.write(body.slice(0, 10));
      req.end(body.slice(10));
    });
    expect(answer.status).toBe(200);
    expect(mock.endpoints().map((e) => e.username)).toContain(body.match(/"username":"([^"]+)"/)![1]);
  });

  test("a body over 1 MiB is read to its end, so the connection stays open for the next request", async () => {
    const answer = await rawPost({ connection: "keep-alive" }, (req) => req.end(createOfSize(MAX_BODY_BYTES + 1)));
    expect(answer).toEqual({ status: 413, body: TOO_LARGE, connection: "keep-alive" });
  });

  test("a body declared far too large is refused before it is read, and the connection closed", async () => {
    // The client asks to keep the connection, so only the server's own decision closes it.
    const answer = await rawPost({ "content-length": String(64 * MAX_BODY_BYTES), connection: "keep-alive" }, (req) =>
      req.write("{"),
    );
    expect(answer).toEqual({ status: 413, body: TOO_LARGE, connection: "close" });
    expect((await client.call("GET", "/endpoints/sip")).status).toBe(200);
  });

  test("a chunked body that grows past 16 MiB is cut off there, and the server serves on", async () => {
    const chunk = Buffer.alloc(MAX_BODY_BYTES, 0x20);
    let sent = 0;
    // The server answers 413 and closes while the client still writes: the client sees either the
    // answer or the reset first, so the test asserts what does not race, the bytes sent.
    const ended = await new Promise<string>((resolve) => {
      const req = httpRequest(
        new URL(`${mock.url}/endpoints/sip`),
        { method: "POST", agent: false, headers: { "content-type": "application/json" } },
        (res) => {
          res.resume();
          resolve(String(res.statusCode));
        },
      );
      req.on("error", () => resolve("reset"));
      const more = () => {
        while (sent < 64 && !req.destroyed) {
          sent += 1;
          if (!req.write(chunk)) return void req.once("drain", more);
        }
        if (sent === 64) req.end();
      };
      more();
    });
    expect(["413", "reset"]).toContain(ended);
    expect(sent).toBeLessThan(64);
    expect(mock.endpoints()).toHaveLength(2);
    expect((await client.call("GET", "/endpoints/sip")).status).toBe(200);
  });
});

describe("routes", () => {
  test.each([
    ["an unknown collection", "GET", "/endpoints/other"],
    ["a path below an endpoint", "GET", "/endpoints/sip/6f0f5b6e-3a4c-4f7e-9d3b-2b8e1c0a9f11/extra"],
    ["the API root", "GET", "/"],
  ])("%s → 404 Not Found", async (_what, method, path) => {
    const reply = await client.call(method, path);
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({ error: "Not Found" });
  });

  test("a path outside the API base → 404 Not Found", async () => {
    const reply = await client.call("GET", `${new URL(mock.url).origin}/favicon.ico`);
    expect(reply).toMatchObject({ status: 404, json: { error: "Not Found" } });
  });

  test("a path that only looks like the API base, as long as it, → 404 Not Found", async () => {
    const base = new URL(mock.url).pathname;
    const lookalike = `/${"x".repeat(base.length - 1)}/endpoints/sip`;
    const reply = await client.call("GET", `${new URL(mock.url).origin}${lookalike}`);
    expect(reply).toMatchObject({ status: 404, json: { error: "Not Found" } });
  });

  test.each([
    ["DELETE", "/endpoints/sip", "GET, POST"],
    ["PATCH", "/endpoints/sip/6f0f5b6e-3a4c-4f7e-9d3b-2b8e1c0a9f11", "GET, PUT, DELETE"],
    ["POST", "/endpoints/sip/6f0f5b6e-3a4c-4f7e-9d3b-2b8e1c0a9f11", "GET, PUT, DELETE"],
  ])("%s %s → 405 with Allow: %s", async (method, path, allow) => {
    const reply = await client.call(method, path);
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe(allow);
    expect(reply.json).toEqual({ error: "Method Not Allowed" });
  });
});

describe("concurrency", () => {
  test("of 20 concurrent creates of one username exactly one succeeds", async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => client.call("POST", "/endpoints/sip", { body: newEndpointRequest("racer") })),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(
      replies.filter((r) => r.status === 422 && r.json.errors[0].detail === "Username has already been taken"),
    ).toHaveLength(19);
    expect(mock.endpoints().filter((e) => e.username === "racer")).toHaveLength(1);
  });

  test("20 concurrent creates of different usernames all succeed with distinct ids", async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.call("POST", "/endpoints/sip", { body: newEndpointRequest(`many-${i}`) }),
      ),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(new Set(replies.map((r) => r.json.id)).size).toBe(20);
  });
});

describe("a handler that fails", () => {
  let server: Server;
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test.each([
    [
      "throws",
      () => {
        throw new Error("boom");
      },
    ],
    ["rejects", () => Promise.reject(new Error("boom"))],
  ])(
    "that %s answers 500 Internal Server Error, reports the error, and the server keeps serving",
    async (_what, handler) => {
      const reported: unknown[] = [];
      server = createServer(createRequestListener("/api", handler, (error) => reported.push(error)));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
      for (let i = 0; i < 2; i++) {
        const reply = await fetch(`${base}/anything`);
        expect(reply.status).toBe(500);
        expect(await reply.json()).toEqual({ error: "Internal Server Error" });
      }
      expect(reported.map((e) => (e as Error).message)).toEqual(["boom", "boom"]);
    },
  );

  test("by default the mock writes such an error's stack to stderr", () => {
    const written: string[] = [];
    const write = jest
      .spyOn(process.stderr, "write")
      .mockImplementation((text: string | Uint8Array) => (written.push(String(text)), true));
    try {
      reportInternalError(new Error("boom in the store"));
    } finally {
      write.mockRestore();
    }
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(
      /^sip-endpoints-mock: an internal error was answered as 500: Error: boom in the store\n {4}at /,
    );
  });
});
