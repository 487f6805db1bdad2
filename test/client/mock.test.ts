/**
 * The client against the stateful mock over real HTTP on 127.0.0.1: every operation's success and
 * the documented errors the mock gives (401, 404, 422; 400 on delete and 500 are covered with an
 * injected fetch in errors.test.ts, and 500 here through `flaky-500`), retries against the
 * `rate-limit`, `flaky-500` and `slow` fault profiles, long page walks, and the canary check.
 */
import { inspect } from "node:util";
import {
  createSipEndpointsClient,
  isNotFoundError,
  isRateLimitError,
  isServerError,
  isTimeoutError,
  isUnauthorizedError,
  isUnprocessableEntityError,
  type ClientExchange,
  type SipEndpointsClient,
  type SipEndpointsClientOptions,
  type UnprocessableEntityError,
} from "../../src/client";
import { startMockServer, type MockOptions, type MockServer } from "../../src/mock";
import { CANARY, expectNoCanary } from "../support/canary";
import { rejection } from "./fixtures";

const MISSING = "7b0c9a8e-0000-4000-8000-00000000dead";
const opened: MockServer[] = [];

async function mockWith(options: MockOptions = {}): Promise<MockServer> {
  const mock = await startMockServer({
    port: 0,
    projectId: CANARY.projectId,
    apiToken: CANARY.apiToken,
    env: {},
    ...options,
  });
  opened.push(mock);
  return mock;
}

function clientFor(mock: MockServer, options: SipEndpointsClientOptions = {}) {
  const sleeps: number[] = [];
  const exchanges: ClientExchange[] = [];
  const client = createSipEndpointsClient({
    baseUrl: mock.url,
    projectId: mock.credentials.projectId,
    apiToken: mock.credentials.apiToken,
    env: {},
    validateResponses: "throw",
    onExchange: (e) => exchanges.push(e),
    ...options,
    retry: { random: () => 0.5, sleep: async (ms) => void sleeps.push(ms), ...(options.retry || {}) },
  });
  return { client, sleeps, exchanges };
}

afterAll(async () => {
  await Promise.all(opened.map((m) => m.close()));
});

describe("every operation against the honest mock", () => {
  let mock: MockServer;
  let client: SipEndpointsClient;
  beforeAll(async () => {
    mock = await mockWith();
    client = clientFor(mock).client;
  });

  it("create, retrieve, list, update and delete a SIP endpoint", async () => {
    const created = await client.create({
      username: "alice",
      password: CANARY.password,
      call_handler: "relay_script",
      call_relay_script_url: "https://example.com/swml",
    });
    expect(created).toMatchObject({
      type: "sip_endpoint",
      username: "alice",
      call_handler: "relay_script",
      call_relay_script_url: "https://example.com/swml",
    });
    expect("password" in created).toBe(false);

    expect(await client.retrieve(created.id)).toEqual(created);
    const listed = await client.list({ filter_username: "ali" });
    expect(listed.data.map((e) => e.id)).toEqual([created.id]);

    const updated = await client.update(created.id, {
      caller_id: "Alice",
      call_handler: "laml_webhooks",
      call_request_url: "https://example.com/voice",
    });
    expect(updated).toMatchObject({
      id: created.id,
      caller_id: "Alice",
      call_handler: "laml_webhooks",
      username: "alice",
    });

    await expect(client.delete(created.id)).resolves.toBeUndefined();
    expect(isNotFoundError(await rejection(client.retrieve(created.id)))).toBe(true);
  });

  it("404 on retrieve, update and delete of an unknown id", async () => {
    for (const call of [
      () => client.retrieve(MISSING),
      () => client.update(MISSING, { caller_id: "x" }),
      () => client.delete(MISSING),
    ]) {
      const error = await rejection(call());
      expect(isNotFoundError(error)).toBe(true);
      expect(error).toMatchObject({ status: 404, error: "Not Found", attempts: 1 });
    }
  });

  it("422 with typed items on a duplicate username, an invalid update and a bad page size", async () => {
    await client.create({ username: "taken", password: "pw-123456" });
    const duplicate = (await rejection(
      client.create({ username: "taken", password: "pw-123456" }),
    )) as UnprocessableEntityError;
    expect(isUnprocessableEntityError(duplicate)).toBe(true);
    expect(duplicate.errors.map((e) => e.detail)).toEqual(["Username has already been taken"]);

    const [first] = (await client.list({ filter_username: "taken" })).data;
    const badUpdate = await rejection(client.update(first!.id, { encryption: "sometimes" as never }));
    expect(isUnprocessableEntityError(badUpdate)).toBe(true);
    expect((badUpdate as UnprocessableEntityError).errors.length).toBeGreaterThan(0);

    const badPage = await rejection(client.list({ page_size: 5000 }));
    expect(isUnprocessableEntityError(badPage)).toBe(true);
  });

  it("401 for every operation with a wrong token", async () => {
    const wrong = createSipEndpointsClient({
      baseUrl: mock.url,
      projectId: CANARY.projectId,
      apiToken: "PTwrong-token-0000",
      env: {},
    });
    const calls = [
      () => wrong.list(),
      () => wrong.retrieve(MISSING),
      () => wrong.create({ username: "x", password: "y" }),
      () => wrong.update(MISSING, {}),
      () => wrong.delete(MISSING),
    ];
    for (const call of calls) expect(isUnauthorizedError(await rejection(call()))).toBe(true);
  });

  it("send returns the same answers as data", async () => {
    const exchange = await client.send({ operationId: "retrieve_sip_endpoint", params: { id: MISSING } });
    expect(exchange).toMatchObject({ status: 404, operationId: "retrieve_sip_endpoint" });
    expect(JSON.parse(exchange.bodyText)).toEqual({ error: "Not Found" });
  });
});

describe("page walks", () => {
  it("walks 250 seeded endpoints 20 at a time, each once, newest first", async () => {
    const mock = await mockWith({ seedCount: 250, seed: "walk" });
    const { client, exchanges } = clientFor(mock);
    const ids: string[] = [];
    for await (const e of client.listAll({ page_size: 20 })) ids.push(e.id);
    expect(ids).toEqual(mock.endpoints().map((e) => e.id));
    expect(new Set(ids).size).toBe(250);
    expect(exchanges).toHaveLength(13);
  });

  it("walks with page_size 1000", async () => {
    const mock = await mockWith({ seedCount: 2_100, seed: "big" });
    const { client, exchanges } = clientFor(mock, { validateResponses: "off" });
    let count = 0;
    for await (const _ of client.listAll({ page_size: 1000 })) count++;
    expect(count).toBe(2_100);
    expect(exchanges).toHaveLength(3);
  });
});

describe("fault profiles", () => {
  it("rate-limit: retries after Retry-After and succeeds", async () => {
    const mock = await mockWith({
      fault: "rate-limit",
      faultOptions: { count: 2, retryAfterSeconds: 3 },
      seedCount: 1,
    });
    const { client, sleeps, exchanges } = clientFor(mock);
    const [only] = mock.endpoints();
    expect((await client.retrieve(only!.id)).id).toBe(only!.id);
    expect(sleeps).toEqual([3_000, 3_000]);
    expect(exchanges.map((e) => e.attempts)).toEqual([3]);
  });

  it("rate-limit: a create is retried on 429 too (the server did nothing)", async () => {
    const mock = await mockWith({ fault: "rate-limit", faultOptions: { count: 1, retryAfterSeconds: 1 } });
    const { client, sleeps } = clientFor(mock);
    await client.create({ username: "after-429", password: "pw-123456" });
    expect(sleeps).toEqual([1_000]);
    expect(mock.endpoints().map((e) => e.username)).toEqual(["after-429"]);
  });

  it("rate-limit: gives up with a RateLimitError when attempts run out", async () => {
    const mock = await mockWith({ fault: "rate-limit", faultOptions: { count: 5, retryAfterSeconds: 1 } });
    const { client, sleeps } = clientFor(mock, { retry: { maxAttempts: 3 } });
    const error = await rejection(client.list());
    expect(isRateLimitError(error)).toBe(true);
    expect(error).toMatchObject({ attempts: 3, retryAfter: "1" });
    expect(sleeps).toEqual([1_000, 1_000]);
  });

  it("flaky-500: a 500 is not retried by default", async () => {
    const mock = await mockWith({ fault: "flaky-500", seedCount: 3 });
    const { client, exchanges } = clientFor(mock);
    const error = await rejection(client.list());
    expect(isServerError(error)).toBe(true);
    expect(error).toMatchObject({ status: 500, attempts: 1 });
    expect(exchanges.map((e) => e.attempts)).toEqual([1]);
  });

  it("flaky-500: with 500 among the retried statuses, reads get through on the second attempt", async () => {
    const mock = await mockWith({ fault: "flaky-500", seedCount: 3 });
    const { client, sleeps, exchanges } = clientFor(mock, { retry: { statuses: [429, 500, 502, 503, 504] } });
    const ids: string[] = [];
    for await (const e of client.listAll({ page_size: 1 })) ids.push(e.id);
    expect(ids).toHaveLength(3);
    expect(exchanges.map((e) => e.attempts)).toEqual([2, 2, 2]);
    expect(sleeps).toEqual([100, 100, 100]);
  });

  it("slow: each attempt times out, GET is retried, and the call ends with a TimeoutError", async () => {
    const mock = await mockWith({ fault: "slow", faultOptions: { delayMs: 10_000 }, seedCount: 1 });
    const { client, sleeps } = clientFor(mock, { timeoutMs: 40 });
    const error = await rejection(client.retrieve(mock.endpoints()[0]!.id));
    expect(isTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ attempts: 3, timeoutMs: 40 });
    expect(sleeps).toEqual([100, 200]);
    // Only retrieve is slow: the same client still lists at once.
    expect((await client.list()).data).toHaveLength(1);
  });
});

it("the canary secrets appear in no error, exchange or finding on any error path", async () => {
  const mock = await mockWith({ seedCount: 1 });
  const findings: unknown[] = [];
  const { client, exchanges } = clientFor(mock, { onFindings: (f) => findings.push(f) });
  const wrongPassword = createSipEndpointsClient({
    baseUrl: mock.url,
    projectId: CANARY.projectId,
    apiToken: `${CANARY.apiToken}x`,
    env: {},
  });
  const errors = [
    await rejection(client.retrieve(MISSING)),
    await rejection(client.update(MISSING, { password: CANARY.password })),
    await rejection(client.create({ username: "has space", password: CANARY.password })),
    await rejection(
      client
        .create({ username: "dup", password: CANARY.password })
        .then(() => client.create({ username: "dup", password: CANARY.password })),
    ),
    await rejection(client.list({ page_size: 0 })),
    await rejection(wrongPassword.delete(MISSING)),
  ];
  for (const error of errors) {
    expectNoCanary(
      `${String(error)}\n${JSON.stringify(error)}\n${inspect(error, { depth: 8, showHidden: true })}`,
      (error as Error).name,
    );
  }
  expectNoCanary(JSON.stringify(exchanges) + JSON.stringify(findings), "exchanges and findings");
  expect(exchanges.some((e) => (JSON.stringify(e.requestBody) ?? "").includes("[REDACTED]"))).toBe(true);
});
