/**
 * `createMock`: the mock as a fetch function. It answers as the HTTP server does (same core,
 * state and faults: compared request by request), opens no port, and can be shaped per test with
 * overrides, seeded endpoints and fault profiles of the test's own.
 */
import { checkResponse } from "../../src/checks";
import { createSipEndpointsClient, isServerError, type SipEndpoint } from "../../src/client";
import {
  createMock,
  isFaultName,
  MockConfigError,
  startMockServer,
  type FaultProfile,
  type Mock,
} from "../../src/mock";
import { basicAuthHeader } from "../../src/redact";
import { endpoint } from "../client/fixtures";
import { MAX_BODY_BYTES } from "../../src/mock/http";

const clientOf = (mock: Mock) =>
  createSipEndpointsClient({
    baseUrl: mock.url,
    projectId: mock.credentials.projectId,
    apiToken: mock.credentials.apiToken,
    env: {},
    fetch: mock.fetch,
    retry: false,
  });

const listening = () => process.getActiveResourcesInfo().filter((kind) => kind === "TCPServerWrap").length;

const seeded = (id: string, username: string): SipEndpoint => endpoint({ id, username });
const ID_A = "11111111-1111-4111-8111-111111111111";
const ID_B = "22222222-2222-4222-8222-222222222222";

describe("the mock as a fetch function", () => {
  it("runs create → retrieve → update → list → delete through the client, and opens no port", async () => {
    const before = listening();
    const mock = createMock({ env: {} });
    const client = clientOf(mock);
    const created = await client.create({ username: "in-process", password: "pw-in-process-1", caller_id: "Before" });
    expect((await client.retrieve(created.id)).username).toBe("in-process");
    expect((await client.update(created.id, { caller_id: "After" })).caller_id).toBe("After");
    const page = await client.list({ filter_username: "in-process" });
    expect(page.data.map((e) => e.id)).toEqual([created.id]);
    expect(page.links.self.startsWith(mock.url)).toBe(true);
    await client.delete(created.id);
    expect(mock.count()).toBe(0);
    expect(mock.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /endpoints/sip",
      `GET /endpoints/sip/${created.id}`,
      `PUT /endpoints/sip/${created.id}`,
      "GET /endpoints/sip",
      `DELETE /endpoints/sip/${created.id}`,
    ]);
    expect(mock.requests()[0]!.headers.authorization).toBe("[REDACTED]");
    expect(listening()).toBe(before);
    await mock.close();
  });

  it.each([undefined, "extra-field", "wrong-type", "truncated-json", "undocumented-status"] as const)(
    "answers as the HTTP server does, fault %s",
    async (fault) => {
      const server = await startMockServer({ env: {}, seed: 7, seedCount: 3, ...(fault ? { fault } : {}) });
      const inProcess = createMock({
        env: {},
        seed: 7,
        seedCount: 3,
        publicUrl: server.url,
        ...(fault ? { fault } : {}),
      });
      const authorization = basicAuthHeader(server.credentials.projectId, server.credentials.apiToken);
      const steps: { method: string; path: string; body?: unknown }[] = [
        { method: "GET", path: "/endpoints/sip?page_size=2" },
        { method: "POST", path: "/endpoints/sip", body: { username: "parity", password: "pw-parity-1" } },
        { method: "POST", path: "/endpoints/sip", body: { username: "" } },
        { method: "POST", path: "/endpoints/sip" },
        { method: "GET", path: "/endpoints/sip/00000000-0000-4000-8000-000000000000" },
        { method: "PATCH", path: "/endpoints/sip" },
        { method: "GET", path: "/elsewhere" },
      ];
      try {
        for (const step of steps) {
          const init = {
            method: step.method,
            headers: { authorization, "content-type": "application/json" },
            body: step.body === undefined ? undefined : JSON.stringify(step.body),
          };
          const [overHttp, fetched] = await Promise.all([
            fetch(`${server.url}${step.path}`, init),
            inProcess.fetch(`${server.url}${step.path}`, init),
          ]);
          expect([fetched.status, fetched.headers.get("content-type"), await fetched.text()]).toEqual([
            overHttp.status,
            overHttp.headers.get("content-type"),
            await overHttp.text(),
          ]);
        }
        expect(inProcess.endpoints()).toEqual(server.endpoints());
      } finally {
        await server.close();
        await inProcess.close();
      }
    },
  );

  it("gives up an answer when the caller aborts, and refuses requests once closed", async () => {
    const mock = createMock({ env: {}, fault: "slow", faultOptions: { delayMs: 60_000 } });
    const controller = new AbortController();
    const authorization = basicAuthHeader(mock.credentials.projectId, mock.credentials.apiToken);
    const pending = mock.fetch(`${mock.url}/endpoints/sip`, { signal: controller.signal, headers: { authorization } });
    controller.abort(new Error("the test gave up"));
    await expect(pending).rejects.toThrow("the test gave up");
    await mock.close();
    await expect(mock.fetch(`${mock.url}/endpoints/sip`)).rejects.toMatchObject({
      name: "TypeError",
      message: "fetch failed: the mock is closed",
    });
  });

  it("refuses the server's own options", () => {
    expect(() => createMock({ port: 4010 } as never)).toThrow(
      new MockConfigError("port is an option of startMockServer; createMock opens no port"),
    );
  });
});

describe("overrides", () => {
  it("makes exactly the next create answer 503, whoever asks", async () => {
    const mock = createMock({ env: {} });
    const client = clientOf(mock);
    mock.override({ operationId: "create_sip_endpoint", status: 503 });
    const refused = await client
      .create({ username: "first", password: "pw-first-0001" })
      .catch((error: unknown) => error);
    expect(isServerError(refused)).toBe(true);
    expect(refused).toMatchObject({ status: 503, body: { error: "Service Unavailable" } });
    expect((await client.create({ username: "second", password: "pw-second-001" })).username).toBe("second");
    expect(mock.endpoints().map((e) => e.username)).toEqual(["second"]);
  });

  it("gives a documented status the spec's body for it, with its headers", async () => {
    const mock = createMock({ env: {} });
    const send = (operationId: "list_sip_endpoints" | "create_sip_endpoint", status: number) => {
      mock.override({ operationId, status });
      return clientOf(mock).send({
        operationId,
        ...(operationId === "create_sip_endpoint" ? { body: { username: "u", password: "pw-documented-1" } } : {}),
      });
    };
    for (const [operationId, status] of [
      ["list_sip_endpoints", 429],
      ["create_sip_endpoint", 422],
      ["create_sip_endpoint", 401],
      ["list_sip_endpoints", 500],
    ] as const) {
      const exchange = await send(operationId, status);
      expect(exchange.status).toBe(status);
      expect(checkResponse(exchange)).toEqual([]);
    }
  });

  it("lets the operation answer a success without a body, and takes a body, headers, a count and a delay as given", async () => {
    const mock = createMock({ env: {} });
    const client = clientOf(mock);
    mock.override({ operationId: "create_sip_endpoint", status: 201 });
    const created = await client.send({
      operationId: "create_sip_endpoint",
      body: { username: "made", password: "pw-made-00001" },
    });
    expect(created.status).toBe(201);
    expect(JSON.parse(created.bodyText)).toMatchObject({ username: "made" });
    mock.override({
      operationId: "list_sip_endpoints",
      status: 200,
      body: { links: {}, data: [] },
      headers: { "x-trace": "given" },
      times: 2,
      delayMs: 1,
    });
    const answers = [
      await client.send({ operationId: "list_sip_endpoints" }),
      await client.send({ operationId: "list_sip_endpoints" }),
      await client.send({ operationId: "list_sip_endpoints" }),
    ];
    expect(answers.map((a) => [a.headers["x-trace"], JSON.parse(a.bodyText).data.length])).toEqual([
      ["given", 0],
      ["given", 0],
      [undefined, 1],
    ]);
  });

  it("is forgotten by reset()", async () => {
    const mock = createMock({ env: {} });
    mock.override({ operationId: "list_sip_endpoints", status: 500, times: 5 });
    mock.reset();
    expect((await clientOf(mock).send({ operationId: "list_sip_endpoints" })).status).toBe(200);
  });

  it.each([
    [
      { operationId: "list_endpoints", status: 500 },
      'override: unknown operationId "list_endpoints"; known: list_sip_endpoints, create_sip_endpoint, retrieve_sip_endpoint, update_sip_endpoint, delete_sip_endpoint',
    ],
    [
      { operationId: "list_sip_endpoints", status: 700 },
      "override: status must be a whole number from 200 to 599, not 700",
    ],
    [
      { operationId: "list_sip_endpoints", status: 500, times: 0 },
      "override: times must be a whole number of 1 or more, not 0",
    ],
    [{ operationId: "list_sip_endpoints", status: 500, delay: 10 }, 'override: unknown key "delay"'],
    [{ operationId: "delete_sip_endpoint", status: 204, body: {} }, "override: a 204 answer cannot carry a body"],
  ])("refuses %j", (given, message) => {
    expect(() => createMock({ env: {} }).override(given as never)).toThrow(new MockConfigError(message));
  });
});

describe("seeded endpoints", () => {
  it("are stored as given, retrieved by their ids, and stored again by reset()", async () => {
    const mock = createMock({ env: {}, endpoints: [seeded(ID_A, "alice"), seeded(ID_B, "bob")], seedCount: 1 });
    const client = clientOf(mock);
    expect(await client.retrieve(ID_B)).toEqual(seeded(ID_B, "bob"));
    await client.delete(ID_A);
    mock.reset();
    expect((await client.retrieve(ID_A)).username).toBe("alice");
    expect(mock.count()).toBe(3);
  });

  it.each([
    [
      [{ ...seeded(ID_A, "a"), call_handler: "pigeon" }],
      "endpoints[0].call_handler must be equal to one of the allowed values",
    ],
    [
      [seeded(ID_A, "a"), { ...seeded(ID_B, "b"), nickname: "x" }],
      "endpoints[1].nickname is not a field of SipEndpoint",
    ],
    [[seeded(ID_A, "a"), { ...seeded(ID_B, "b"), codecs: ["OPUS", 7] }], "endpoints[1].codecs[1] must be string"],
    [[seeded(ID_A, "a"), seeded(ID_A, "b")], `endpoints[1].id ${ID_A} is used by an earlier endpoint`],
    [[seeded(ID_A, "a"), seeded(ID_B, "a")], "endpoints[1].username a is used by an earlier endpoint"],
  ])("a bad seed is an error naming the field: %#", (endpoints, message) => {
    expect(() => createMock({ env: {}, endpoints: endpoints as never })).toThrow(new MockConfigError(message));
  });
});

describe("a fault profile of the test's own", () => {
  const tagged: FaultProfile = {
    description: "adds a header to every answer",
    operations: ["list_sip_endpoints"],
    checks: [],
    options: ["count"],
    wrap:
      (next, { options }) =>
      async (request) => ({ ...(await next(request)), headers: { "x-count": String(options.count ?? 0) } }),
  };

  it("is installed by setFault, reads its options, and is named custom", async () => {
    const mock = createMock({ env: {} });
    mock.setFault(tagged, { count: 3 });
    expect(mock.fault).toBe("custom");
    expect(isFaultName(String(mock.fault))).toBe(false);
    const exchange = await clientOf(mock).send({ operationId: "list_sip_endpoints" });
    expect(exchange.headers["x-count"]).toBe("3");
    mock.setFault(null);
    expect(mock.fault).toBeUndefined();
  });

  it("is refused with an option it does not read, or without wrap or configure", () => {
    const mock = createMock({ env: {} });
    expect(() => mock.setFault(tagged, { delayMs: 5 })).toThrow(
      new MockConfigError("faultOptions.delayMs has no effect on the custom fault, which reads count"),
    );
    expect(() => mock.setFault({ description: "", operations: [], checks: [] })).toThrow(
      new MockConfigError("a fault profile needs wrap(next, context) or configure(deps), or both"),
    );
  });
});

describe("the fetch function's edges", () => {
  const authorization = (mock: Mock) => basicAuthHeader(mock.credentials.projectId, mock.credentials.apiToken);
  /** Resolves once the mock has recorded `count` requests: the answer is under way. */
  const arrived = async (mock: Mock, count: number) => {
    while (mock.requests().length < count) await new Promise((resolve) => setImmediate(resolve));
  };

  it("answers 404 outside its base path, even where a route follows a path of the same length", async () => {
    const mock = createMock({ env: {} });
    const beside = mock.url.replace(/\/rest$/, "/rust");
    expect(beside).not.toBe(mock.url);
    const headers = { authorization: authorization(mock) };
    expect((await mock.fetch(`${beside}/endpoints/sip`, { headers })).status).toBe(404);
    expect((await mock.fetch(`${mock.url}/endpoints/sip`, { headers })).status).toBe(200);
    expect(mock.requests().map((r) => r.path)).toEqual(["/endpoints/sip"]);
    expect(mock.requests()[0]!.headers.host).toBe(new URL(mock.url).host);
  });

  it("refuses a body over the limit with 413 before the core sees it, and takes one at the limit", async () => {
    const mock = createMock({ env: {} });
    const post = (bytes: number) =>
      mock.fetch(`${mock.url}/endpoints/sip`, {
        method: "POST",
        headers: { authorization: authorization(mock), "content-type": "application/json" },
        body: `"${"x".repeat(bytes - 2)}"`,
      });
    expect((await post(MAX_BODY_BYTES + 1)).status).toBe(413);
    expect(mock.requests()).toEqual([]);
    expect((await post(MAX_BODY_BYTES)).status).toBe(422);
    expect(mock.requests()).toHaveLength(1);
  });

  it("gives up an answer under way when the caller aborts, and fails one under way when the mock closes", async () => {
    const mock = createMock({ env: {} });
    mock.override({ operationId: "list_sip_endpoints", status: 200, delayMs: 60_000, times: 2 });
    const controller = new AbortController();
    let settled = false;
    const first = mock.fetch(`${mock.url}/endpoints/sip`, {
      signal: controller.signal,
      headers: { authorization: authorization(mock) },
    });
    void first.then(
      () => (settled = true),
      () => (settled = true),
    );
    await arrived(mock, 1);
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    controller.abort(new Error("the test gave up"));
    await expect(first).rejects.toThrow("the test gave up");

    const second = mock.fetch(`${mock.url}/endpoints/sip`, { headers: { authorization: authorization(mock) } });
    await arrived(mock, 2);
    await mock.close();
    const failed = await second.catch((error: unknown) => error);
    expect(failed).toMatchObject({ name: "TypeError", message: "fetch failed: the mock closed before answering" });
    expect((failed as { cause?: unknown }).cause).toMatchObject({ name: "AbortError" });
  });

  it("ends a fault's delay when the mock closes: the answer it held back goes out then, not a minute later", async () => {
    const mock = createMock({ env: {}, fault: "slow", faultOptions: { delayMs: 60_000 } });
    const pending = mock.fetch(`${mock.url}/endpoints/sip`, { headers: { authorization: authorization(mock) } });
    await arrived(mock, 1);
    await mock.close();
    expect((await pending).status).toBe(200);
  });

  it("answers a bug of its own as the documented 500 and tells onInternalError", async () => {
    const seen: unknown[] = [];
    const mock = createMock({ env: {}, onInternalError: (error) => seen.push(error) });
    const bug = new Error("a bug in a fault");
    mock.setFault({
      description: "throws",
      operations: ["list_sip_endpoints"],
      checks: [],
      wrap: () => () => {
        throw bug;
      },
    });
    const answer = await mock.fetch(`${mock.url}/endpoints/sip`, { headers: { authorization: authorization(mock) } });
    expect([answer.status, await answer.json()]).toEqual([500, { error: "Internal Server Error" }]);
    expect(seen).toEqual([bug]);
  });

  it("without a public URL, builds page links from the origin and scheme each request was sent to", async () => {
    const mock = createMock({ env: {} });
    const headers = { authorization: authorization(mock) };
    for (const origin of ["https://sip.example.test", "http://127.0.0.1:4010"]) {
      const page = await (await mock.fetch(`${origin}/api/relay/rest/endpoints/sip`, { headers })).json();
      expect(page.links.self).toMatch(new RegExp(`^${origin.replace(/[.]/g, "\\.")}/api/relay/rest/endpoints/sip\\?`));
    }
  });

  it("keeps a public URL without its trailing slashes", () => {
    expect(createMock({ env: {}, publicUrl: "https://mock.example/api/relay/rest//" }).url).toBe(
      "https://mock.example/api/relay/rest",
    );
  });
});

describe("overrides, case by case", () => {
  const send = (mock: Mock, operationId: "list_sip_endpoints" | "delete_sip_endpoint", id?: string) =>
    clientOf(mock).send({ operationId, ...(id ? { path: { id } } : {}) } as never);

  it("answers only the operation it names, and the one after it in turn", async () => {
    const mock = createMock({ env: {} });
    mock.override({ operationId: "create_sip_endpoint", status: 503 });
    mock.override({ operationId: "list_sip_endpoints", status: 500 });
    expect((await send(mock, "list_sip_endpoints")).status).toBe(500);
    expect((await send(mock, "list_sip_endpoints")).status).toBe(200);
  });

  it("takes the highest status, and gives 300 and above the error body, 401 its challenge, 422 one item", async () => {
    const mock = createMock({ env: {} });
    const answer = async (status: number, operationId: "list_sip_endpoints" = "list_sip_endpoints") => {
      mock.override({ operationId, status });
      const exchange = await send(mock, operationId);
      return { status: exchange.status, headers: exchange.headers, body: JSON.parse(exchange.bodyText) };
    };
    expect((await answer(599)).status).toBe(599);
    const multiple = await answer(300);
    expect(multiple.body).not.toHaveProperty("data");
    expect(multiple.body).toHaveProperty("error");
    expect((await answer(401)).headers["www-authenticate"]).toBe('Basic realm="SignalWire"');
    const invalid = await answer(422);
    expect(invalid.body.errors).toHaveLength(1);
    expect(invalid.body.errors[0]).toMatchObject({ detail: "is invalid", status: "422" });
  });

  it("answers a 204 with no body, and a success without one as the operation answered it", async () => {
    const mock = createMock({ env: {}, endpoints: [seeded(ID_A, "alpha"), seeded(ID_B, "beta")] });
    mock.override({ operationId: "list_sip_endpoints", status: 204, headers: { "x-trace": "empty" } });
    const empty = await mock.fetch(`${mock.url}/endpoints/sip`, {
      headers: { authorization: basicAuthHeader(mock.credentials.projectId, mock.credentials.apiToken) },
    });
    expect([empty.status, empty.headers.get("x-trace"), await empty.text()]).toEqual([204, "empty", ""]);
    mock.override({ operationId: "delete_sip_endpoint", status: 200, headers: { "x-trace": "deleted" } });
    const deleted = await mock.fetch(`${mock.url}/endpoints/sip/${ID_A}`, {
      method: "DELETE",
      headers: { authorization: basicAuthHeader(mock.credentials.projectId, mock.credentials.apiToken) },
    });
    expect([deleted.status, deleted.headers.get("x-trace"), await deleted.text()]).toEqual([200, "deleted", ""]);
    expect(mock.endpoints().map((e) => e.id)).toEqual([ID_B]);
  });

  it("over HTTP too, a 204 goes out with no body, so neither a length nor a type of one", async () => {
    const server = await startMockServer({ env: {} });
    try {
      server.override({ operationId: "list_sip_endpoints", status: 204 });
      const answer = await fetch(`${server.url}/endpoints/sip`, {
        headers: { authorization: basicAuthHeader(server.credentials.projectId, server.credentials.apiToken) },
      });
      expect([answer.status, answer.headers.get("content-length"), answer.headers.get("content-type")]).toEqual([
        204,
        null,
        null,
      ]);
    } finally {
      await server.close();
    }
  });

  it.each([
    [null, "override needs an object: { operationId, status, body?, headers?, delayMs?, times? }"],
    ["list_sip_endpoints", "override needs an object: { operationId, status, body?, headers?, delayMs?, times? }"],
    [
      { operationId: "list_sip_endpoints", status: 500, delayMs: -1 },
      "override: delayMs must be a whole number of 0 or more, not -1",
    ],
    [
      { operationId: "list_sip_endpoints", status: 500, delayMs: 1.5 },
      "override: delayMs must be a whole number of 0 or more, not 1.5",
    ],
    [
      { operationId: "list_sip_endpoints", status: 500, headers: null },
      "override: headers must be an object of strings",
    ],
    [
      { operationId: "list_sip_endpoints", status: 500, headers: "x" },
      "override: headers must be an object of strings",
    ],
    [
      { operationId: "list_sip_endpoints", status: 500, headers: { "x-a": 1 } },
      "override: headers.x-a must be a string",
    ],
  ])("refuses %j", (given, message) => {
    expect(() => createMock({ env: {} }).override(given as never)).toThrow(new MockConfigError(message));
  });
});
