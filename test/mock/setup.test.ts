/**
 * Starting mocks: deterministic seeding, which credentials are accepted, option errors, and
 * several mocks side by side.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DEMO_CREDENTIALS, MockConfigError, startMockServer, type MockOptions, type MockServer } from "../../src/mock";
import { seedUsername } from "../../src/mock/seed";
import { basicAuthHeader } from "../../src/redact";
import { mockClient, newEndpointRequest } from "../support/mock";

const started: MockServer[] = [];
async function start(options: MockOptions): Promise<MockServer> {
  const mock = await startMockServer(options);
  started.push(mock);
  return mock;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((m) => m.close()));
});

describe("seeding", () => {
  test("the same seed gives the same store, and the same ids for later creates", async () => {
    const [a, b] = await Promise.all([
      start({ env: {}, seedCount: 40, seed: 42 }),
      start({ env: {}, seedCount: 40, seed: 42 }),
    ]);
    expect(a.endpoints()).toEqual(b.endpoints());
    expect(a.count()).toBe(40);
    const [ca, cb] = [mockClient(a, { checkSpec: true }), mockClient(b, { checkSpec: true })];
    const created = await Promise.all(
      [ca, cb].map((c) =>
        c.call("POST", "/endpoints/sip", { body: newEndpointRequest("later", { call_handler: "relay_connector" }) }),
      ),
    );
    expect(created[0]!.json).toEqual(created[1]!.json);
  });

  test("another seed, or none, gives other ids but the same usernames and fields", async () => {
    const [a, b, c] = await Promise.all([
      start({ env: {}, seedCount: 8, seed: 1 }),
      start({ env: {}, seedCount: 8, seed: "1" }),
      start({ env: {}, seedCount: 8 }),
    ]);
    const strip = (m: MockServer) =>
      m.endpoints().map(({ id: _id, calling_handler_resource_id, ...rest }) => ({
        ...rest,
        handler: calling_handler_resource_id !== null,
      }));
    expect(strip(b)).toEqual(strip(a));
    expect(strip(c)).toEqual(strip(a));
    const ids = [a, b, c].map((m) => m.endpoints()[0]!.id);
    expect(new Set(ids).size).toBe(3);
  });

  test("seeded endpoints are numbered from the oldest, valid by the spec, and listed newest first", async () => {
    const mock = await start({ env: {}, seedCount: 12, seed: "shape" });
    expect(mock.endpoints().map((e) => e.username)).toEqual(Array.from({ length: 12 }, (_, i) => seedUsername(12 - i)));
    expect(seedUsername(1)).toBe("seed-00001");
    // The checking client fails on any endpoint the spec would not accept.
    const page = await mockClient(mock, { checkSpec: true }).call("GET", "/endpoints/sip");
    expect(page.json.data.map((e: { id: string }) => e.id)).toEqual(mock.endpoints().map((e) => e.id));
    expect(new Set(page.json.data.map((e: { call_handler: unknown }) => e.call_handler)).size).toBeGreaterThan(1);
  });

  test("without seedCount the store starts empty", async () => {
    const mock = await start({ env: {} });
    expect(mock.endpoints()).toEqual([]);
    expect(mock.count()).toBe(0);
  });
});

describe("credentials", () => {
  const ENV_TOKEN = "PTcanary-env-token-93c1";

  const accepts = async (mock: MockServer, projectId: string, apiToken: string) =>
    (await fetch(`${mock.url}/endpoints/sip`, { headers: { authorization: basicAuthHeader(projectId, apiToken) } }))
      .status === 200;

  test("the environment's pair, when both are set, replaces the demo pair", async () => {
    const mock = await start({ env: { SIGNALWIRE_PROJECT_ID: "env-project", SIGNALWIRE_API_TOKEN: ENV_TOKEN } });
    expect(mock.credentialSource).toBe("environment");
    expect(await accepts(mock, "env-project", ENV_TOKEN)).toBe(true);
    expect(await accepts(mock, DEMO_CREDENTIALS.projectId, DEMO_CREDENTIALS.apiToken)).toBe(false);
  });

  test.each([
    {
      given: "only the project id",
      env: { SIGNALWIRE_PROJECT_ID: "env-project" },
      missing: "SIGNALWIRE_API_TOKEN is not",
    },
    { given: "only the token", env: { SIGNALWIRE_API_TOKEN: ENV_TOKEN }, missing: "SIGNALWIRE_PROJECT_ID is not" },
  ])("with $given set, the mock refuses to start instead of silently using the demo pair", async ({ env, missing }) => {
    const started = startMockServer({ port: 0, env });
    await expect(started).rejects.toThrow(MockConfigError);
    await expect(started).rejects.toThrow(missing);
    await expect(started).rejects.not.toThrow(ENV_TOKEN);
  });

  test("explicit options win over the environment", async () => {
    const mock = await start({
      projectId: "opt",
      apiToken: "PTopt-token",
      env: { SIGNALWIRE_PROJECT_ID: "env-project", SIGNALWIRE_API_TOKEN: ENV_TOKEN },
    });
    expect(mock.credentialSource).toBe("options");
    expect(await accepts(mock, "opt", "PTopt-token")).toBe(true);
    expect(await accepts(mock, "env-project", ENV_TOKEN)).toBe(false);
  });
});

describe("options", () => {
  test.each<[string, MockOptions, RegExp]>([
    ["a negative port", { port: -1 }, /^port must be a whole number from 0 to 65535, not -1$/],
    ["a port too high", { port: 70000 }, /^port must be/],
    ["a fractional port", { port: 1.5 }, /^port must be/],
    ["an empty host", { host: " " }, /^host must be a non-empty string$/],
    [
      "an unknown fault",
      { fault: "lazy" as never },
      /^unknown fault "lazy"; known faults: extra-field, missing-field, /,
    ],
    ["a negative seedCount", { seedCount: -3 }, /^seedCount must be a whole number/],
    ["a seed that is an object", { seed: {} as never }, /^seed must be a string or a finite number$/],
    ["a negative delay", { faultOptions: { delayMs: -5 } }, /^faultOptions.delayMs must be a whole number/],
    ["a project id without a token", { projectId: "p" }, /^projectId and apiToken must be given together/],
    ["a host that is no string", { host: 4010 as never }, /^host must be a non-empty string$/],
    ["a seed that is not finite", { seed: Number.NaN }, /^seed must be a string or a finite number$/],
    [
      "an unknown fault option",
      { faultOptions: { jitter: 1 } as never },
      /^unknown fault option "jitter"; known options: delayMs, /,
    ],
    [
      "a fault option the fault does not read",
      { fault: "rate-limit", faultOptions: { delayMs: 10 } },
      /^faultOptions\.delayMs has no effect on the rate-limit fault, which reads count, retryAfterSeconds$/,
    ],
    [
      "a fault option for a fault that reads none",
      { fault: "extra-field", faultOptions: { count: 1 } },
      /^faultOptions\.count has no effect on the extra-field fault, which reads no option$/,
    ],
    [
      "a fault option without a fault",
      { faultOptions: { failEvery: 2 } },
      /^faultOptions\.failEvery has no effect without a fault$/,
    ],
    [
      "an onInternalError that is no function",
      { onInternalError: "stderr" as never },
      /^onInternalError must be a function$/,
    ],
    [
      "a publicUrl that is no URL",
      { publicUrl: "mock.example.test/api" },
      /^publicUrl must be an absolute http:\/\/ or https:\/\/ URL, not "mock.example.test\/api"$/,
    ],
    [
      "a publicUrl that is no string",
      { publicUrl: 42 as never },
      /^publicUrl must be an absolute http:\/\/ or https:\/\/ URL, not "42"$/,
    ],
    ["a publicUrl with a query", { publicUrl: "https://mock.example.test/api?x=1" }, /^publicUrl must be/],
    ["a publicUrl with a fragment", { publicUrl: "https://mock.example.test/api#x" }, /^publicUrl must be/],
  ])("%s is refused with MockConfigError naming the option", async (_what, options, message) => {
    const attempt = startMockServer({ env: {}, ...options });
    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.toBeInstanceOf(MockConfigError);
  });

  test("a fault option left undefined is no option at all", async () => {
    const mock = await start({ env: {}, fault: "slow", faultOptions: { delayMs: undefined } });
    expect(mock.fault).toBe("slow");
  });

  test("a port in use is refused with a clear error", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const attempt = startMockServer({ env: {}, port });
      await expect(attempt).rejects.toThrow(`cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
      await expect(attempt).rejects.toMatchObject({ cause: { code: "EADDRINUSE" } });
    } finally {
      blocker.close();
    }
  });

  test("several mocks run side by side on their own ports with their own stores", async () => {
    const [a, b] = await Promise.all([start({ env: {} }), start({ env: {} })]);
    expect(a.port).not.toBe(b.port);
    expect(a.url).toBe(`http://127.0.0.1:${a.port}/api/relay/rest`);
    await mockClient(a, { checkSpec: true }).call("POST", "/endpoints/sip", { body: newEndpointRequest("only-in-a") });
    expect(a.endpoints()).toHaveLength(1);
    expect(b.endpoints()).toHaveLength(0);
  });

  test("endpoints() is a copy: changing it does not change the store", async () => {
    const mock = await start({ env: {}, seedCount: 1 });
    const snapshot = mock.endpoints();
    snapshot[0]!.username = "changed";
    snapshot[0]!.codecs.push("X");
    expect(mock.endpoints()[0]!.username).toBe(seedUsername(1));
    expect(mock.endpoints()[0]!.codecs).not.toContain("X");
  });
});
