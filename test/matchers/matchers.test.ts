/**
 * The spec matchers in jest, against the honest mock (every operation and every status it gives:
 * pass) and against each fault profile that breaks a single response (fail, naming the check).
 */
import createClient from "openapi-fetch";
import type { paths } from "../../generated/openapi";
import { createSipEndpointsClient, type ClientExchange } from "../../src/client";
import { matchers, MatcherUsageError } from "../../src/matchers/jest";
import { FAULT_NAMES, FAULT_PROFILES, startMockServer, type FaultName, type MockServer } from "../../src/mock";
import { RESPONSE_CHECKS } from "../../src/checks";
import { basicAuthHeader } from "../../src/redact";

expect.extend(matchers);

const TOKEN = "PTcanary-matcher-token-9e41";
const PASSWORD = "canary-matcher-password-3f0a";
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

function session(mock: MockServer) {
  const authorization = basicAuthHeader(mock.credentials.projectId, mock.credentials.apiToken);
  const call = (method: string, path: string, body?: unknown, auth = true) =>
    fetch(`${mock.url}${path}`, {
      method,
      headers: {
        ...(auth ? { authorization } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { call, authorization };
}

/** One request of every operation, and each error status the mock gives, in an order that works. */
async function everyAnswer(mock: MockServer): Promise<Array<{ what: string; response: Response; method: string }>> {
  const { call } = session(mock);
  const out: Array<{ what: string; response: Response; method: string }> = [];
  const add = async (what: string, method: string, path: string, body?: unknown, auth = true) => {
    const response = await call(method, path, body, auth);
    out.push({ what, response, method });
    return response;
  };
  await add("list 200", "GET", "/endpoints/sip?page_size=2");
  const created = await add("create 200", "POST", "/endpoints/sip", {
    username: `m-${Date.now()}`,
    password: PASSWORD,
  });
  const id = created.ok ? ((await created.clone().json()) as { id: string }).id : mock.endpoints()[0]!.id;
  await add("retrieve 200", "GET", `/endpoints/sip/${id}`);
  await add("update 200", "PUT", `/endpoints/sip/${id}`, { caller_id: "Matcher" });
  await add("delete 204", "DELETE", `/endpoints/sip/${id}`);
  await add("retrieve 404", "GET", `/endpoints/sip/${UNKNOWN_ID}`);
  await add("list 401", "GET", "/endpoints/sip", undefined, false);
  await add("create 422", "POST", "/endpoints/sip", { username: "", password: PASSWORD });
  await add("list 422", "GET", "/endpoints/sip?page_size=5000");
  return out;
}

describe("against the honest mock", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ seedCount: 5, seed: 1, projectId: "matcher-project", apiToken: TOKEN });
  });
  afterAll(() => mock.close());

  it("every operation and every documented status the mock gives matches the spec, strict included", async () => {
    const answers = await everyAnswer(mock);
    expect(answers.map((a) => a.what)).toHaveLength(9);
    for (const { response, method } of answers) {
      await expect(response).toMatchSpec({ method });
      await expect(response).toMatchSpec({ method, strict: true });
    }
  });

  it("reads a clone: the body is still there for the test afterwards", async () => {
    const response = await session(mock).call("GET", "/endpoints/sip");
    await expect(response).toMatchSpec();
    expect((await response.json()).data).toHaveLength(5);
  });

  it("takes an openapi-fetch result, whose body openapi-fetch has read", async () => {
    const raw = createClient<paths>({ baseUrl: mock.url, headers: { authorization: session(mock).authorization } });
    const page = await raw.GET("/endpoints/sip", { params: { query: { page_size: 1 } } });
    await expect(page).toMatchSpec();
    const missing = await raw.GET("/endpoints/sip/{id}", { params: { path: { id: UNKNOWN_ID } } });
    await expect(missing).toMatchSpec();
  });

  it("takes the results of this package's own client.raw, as the README says (their Response carries the request's URL)", async () => {
    const client = createSipEndpointsClient({
      baseUrl: mock.url,
      projectId: mock.credentials.projectId,
      apiToken: mock.credentials.apiToken,
      env: {},
    });
    const page = await client.raw.GET("/endpoints/sip", { params: { query: { page_size: 1 } } });
    expect(page.response.url).toBe(`${mock.url}/endpoints/sip?page_size=1`);
    await expect(page).toMatchSpec();
    const missing = await client.raw.GET("/endpoints/sip/{id}", { params: { path: { id: UNKNOWN_ID } } });
    await expect(missing).toMatchSpec();
    expect(missing.response.status).toBe(404);
  });

  it("takes the client's exchange record", async () => {
    const seen: ClientExchange[] = [];
    const client = createSipEndpointsClient({
      baseUrl: mock.url,
      projectId: "matcher-project",
      apiToken: TOKEN,
      onExchange: (e) => seen.push(e),
    });
    await client.create({ username: `x-${Date.now()}`, password: PASSWORD });
    await expect(seen[0]).toMatchSpec();
  });

  it("a plain value against a named schema, and .not with a message that says it matched", () => {
    const [endpoint] = mock.endpoints();
    expect(endpoint).toMatchSchema("SipEndpoint");
    expect(endpoint).toMatchSchema("SipEndpoint", { strict: true });
    expect({ ...endpoint, surprise: 1 }).toMatchSchema("SipEndpoint");
    expect({ ...endpoint, surprise: 1 }).not.toMatchSchema("SipEndpoint", { strict: true });
    expect({ data: [endpoint], links: { self: "x" } }).not.toMatchSchema("SipEndpointList", { strict: true });
    expect(() => expect(endpoint).not.toMatchSchema("SipEndpoint")).toThrow(
      /expected schema SipEndpoint not to match it, but it does/,
    );
  });

  it("a failure lists each finding with its check, pointer, expected and actual, and never a secret", () => {
    const broken = { ...mock.endpoints()[0]!, caller_id: 42, encryption: `leak ${TOKEN} ${PASSWORD}` };
    let message = "";
    try {
      expect(broken).toMatchSchema("SipEndpoint", { secrets: [PASSWORD, TOKEN] });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/field-type-mismatch at \/caller_id: expected string or null, got integer/);
    expect(message).toMatch(/enum-value-unknown at \/encryption: expected /);
    expect(message).not.toContain(TOKEN);
    expect(message).not.toContain(PASSWORD);
  });

  it("one drift in every item of a 1,000-item page is one line with its count, and the message stays short", async () => {
    const page = {
      data: Array.from({ length: 1000 }, (_, i) => ({
        ...mock.endpoints()[0]!,
        id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
        created_at: "2024-01-01T00:00:00Z",
      })),
      links: { self: "x", first: "x" },
    };
    let message = "";
    try {
      expect(page).toMatchSchema("SipEndpointList", { strict: true });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("1000 findings");
    expect(message).toContain(
      "field-undocumented at /data/0/created_at (×1000; the first shown): expected no such key, got key present (string)",
    );
    expect(message.length).toBeLessThan(2_000);
  });

  it("lists at most 20 findings and counts the rest", () => {
    const broken = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`extra_${i}`, i]));
    let message = "";
    try {
      expect({ ...mock.endpoints()[0]!, ...broken }).toMatchSchema("SipEndpoint", { strict: true });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.match(/^ {2}field-undocumented at /gm)).toHaveLength(20);
    expect(message).toContain("  … and 5 more finding(s)");
  });

  it("stays a few thousand characters whatever the page holds: long keys, long values, 1,000 items", async () => {
    const item = { ...mock.endpoints()[0]!, caller_id: ["x".repeat(200)] };
    const first = {
      ...item,
      caller_id: ["x".repeat(50_000)],
      ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`${"k".repeat(2_000)}${i}`, "v".repeat(5_000)])),
    };
    const data = [first, ...Array.from({ length: 999 }, () => item)];
    const res = new Response(
      JSON.stringify({ links: { self: `${mock.url}/endpoints/sip`, first: `${mock.url}/endpoints/sip` }, data }),
      {
        status: 200,
        headers: { "content-type": "application/json" },
      },
    );
    Object.defineProperty(res, "url", { value: `${mock.url}/endpoints/sip` });
    let message = "";
    try {
      await expect(res).toMatchSpec({ strict: true });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/field-type-mismatch at \/data\/0\/caller_id \(×1000; the first shown\)/);
    expect(message).toMatch(/… and \d+ more finding\(s\)$/);
    expect(message.length).toBeLessThan(5_000);
  });

  it("refuses what it cannot judge, saying why", async () => {
    await expect(expect({ status: 200 }).toMatchSpec()).rejects.toThrow(MatcherUsageError);
    await expect(expect(new Response("{}", { status: 200 })).toMatchSpec()).rejects.toThrow(
      /no URL.*pass \{ operationId \}/,
    );
    await expect(
      expect(new Response("{}", { status: 200 })).toMatchSpec({ operationId: "nope" as never }),
    ).rejects.toThrow(/unknown operationId "nope"/);
    expect(() => expect({}).toMatchSchema("Nope" as never)).toThrow(/"Nope" is not a schema/);
  });
});

describe("with the secret in the environment", () => {
  it("scrubs SIGNALWIRE_API_TOKEN from the message without being told", () => {
    const before = process.env.SIGNALWIRE_API_TOKEN;
    process.env.SIGNALWIRE_API_TOKEN = TOKEN;
    try {
      expect(() =>
        expect({ username: 7, note: TOKEN }).toMatchSchema("SipEndpointWritable", { strict: true }),
      ).toThrow();
      try {
        expect({ username: TOKEN, password: 1 }).toMatchSchema("SipEndpointWritable");
      } catch (error) {
        expect((error as Error).message).toContain("field-type-mismatch at /password");
        expect((error as Error).message).not.toContain(TOKEN);
      }
    } finally {
      if (before === undefined) delete process.env.SIGNALWIRE_API_TOKEN;
      else process.env.SIGNALWIRE_API_TOKEN = before;
    }
  });
});

const responseChecks = new Set<string>(RESPONSE_CHECKS.map((c) => c.id));
const RESPONSE_FAULTS = FAULT_NAMES.filter((name) => {
  const checks = FAULT_PROFILES[name].checks;
  return (
    checks.length > 0 &&
    checks.every((c) => responseChecks.has(c)) &&
    checks.some((c) => RESPONSE_CHECKS.find((r) => r.id === c)!.severity !== "info")
  );
});

/** No real wait for a fault's 429s, where the fault sends them with a Retry-After. */
const noWaits = (fault: FaultName) =>
  FAULT_PROFILES[fault].options?.includes("retryAfterSeconds") ? { faultOptions: { retryAfterSeconds: 0 } } : {};

describe.each(RESPONSE_FAULTS.map((name) => [name] as [FaultName]))("against the mock with fault %s", (fault) => {
  it("some answer fails toMatchSpec with the fault's check id in the message", async () => {
    const mock = await startMockServer({ seedCount: 3, seed: 1, fault, ...noWaits(fault) });
    try {
      const messages: string[] = [];
      for (const { response, method } of await everyAnswer(mock)) {
        try {
          await expect(response).toMatchSpec({ method, strict: true });
        } catch (error) {
          messages.push((error as Error).message);
        }
      }
      const all = messages.join("\n");
      for (const check of FAULT_PROFILES[fault].checks)
        expect({ fault, check, named: all.includes(`${check} at `) }).toEqual({ fault, check, named: true });
    } finally {
      await mock.close();
    }
  });
});

test.each([
  { fault: "rate-limit" as const, status: 429 },
  { fault: "flaky-500" as const, status: 500 },
])("the $status the mock gives with $fault is documented, and matches", async ({ fault, status }) => {
  const mock = await startMockServer({ seedCount: 1, fault, ...noWaits(fault) });
  try {
    const response = await session(mock).call("GET", "/endpoints/sip");
    expect(response.status).toBe(status);
    await expect(response).toMatchSpec({ strict: true });
  } finally {
    await mock.close();
  }
});

test("a 201 for a create (created-201) is documented, so it matches", async () => {
  const mock = await startMockServer({ fault: "created-201" });
  try {
    const response = await session(mock).call("POST", "/endpoints/sip", { username: "c201", password: PASSWORD });
    expect(response.status).toBe(201);
    await expect(response).toMatchSpec({ method: "POST" });
  } finally {
    await mock.close();
  }
});
