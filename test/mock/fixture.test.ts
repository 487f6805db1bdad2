/**
 * The mock as a test fixture of an app's own suite: `reset()` between tests, `setFault()` to make
 * the API drift without a restart, and `requests()` to assert what the app sent.
 */
import { MockConfigError, startMockServer, type MockServer } from "../../src/mock";
import { basicAuthHeader } from "../../src/redact";

const TOKEN = "PTcanary-fixture-token-5d1c";
const PASSWORD = "canary-fixture-password-77ab";
let mock: MockServer;

const auth = () => ({ authorization: basicAuthHeader(mock.credentials.projectId, mock.credentials.apiToken) });
const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${mock.url}${path}`, {
    method,
    headers: { ...auth(), ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeEach(async () => {
  mock = await startMockServer({ seedCount: 3, seed: 7, projectId: "fixture-project", apiToken: TOKEN });
});
afterEach(() => mock.close());

describe("reset()", () => {
  it("empties the store, seeds it again with the same ids, and forgets the requests", async () => {
    const seeded = mock.endpoints().map((e) => e.id);
    expect((await call("POST", "/endpoints/sip", { username: "made-in-test", password: PASSWORD })).status).toBe(200);
    expect((await call("DELETE", `/endpoints/sip/${seeded[0]}`)).status).toBe(204);
    expect(mock.count()).toBe(3);
    expect(mock.requests()).toHaveLength(2);
    mock.reset();
    expect(mock.endpoints().map((e) => e.id)).toEqual(seeded);
    expect(mock.requests()).toEqual([]);
    const page = await (await call("GET", "/endpoints/sip")).json();
    expect(page.data.map((e: { id: string }) => e.id)).toEqual(seeded);
  });
});

describe("setFault()", () => {
  it("switches a running mock into a fault profile and back, keeping the store", async () => {
    const [first] = mock.endpoints();
    const honest = await (await call("GET", `/endpoints/sip/${first!.id}`)).json();
    expect(honest).not.toHaveProperty("created_at");
    mock.setFault("extra-field");
    expect(mock.fault).toBe("extra-field");
    const drifting = await (await call("GET", `/endpoints/sip/${first!.id}`)).json();
    expect(drifting).toHaveProperty("created_at");
    expect(drifting.id).toBe(first!.id);
    mock.setFault(null);
    expect(mock.fault).toBeUndefined();
    expect(await (await call("GET", `/endpoints/sip/${first!.id}`)).json()).toEqual(honest);
  });

  it("takes the fault's options, and refuses an unknown fault without changing anything", async () => {
    mock.setFault("rate-limit", { count: 1, retryAfterSeconds: 0 });
    expect((await call("GET", "/endpoints/sip")).status).toBe(429);
    expect((await call("GET", "/endpoints/sip")).status).toBe(200);
    expect(() => mock.setFault("lazy" as never)).toThrow(MockConfigError);
    expect(mock.fault).toBe("rate-limit");
  });
});

describe("requests()", () => {
  it("lists what was sent: method, path, query, parsed body and headers, with credentials and passwords scrubbed", async () => {
    await call("POST", "/endpoints/sip", { username: "alice", password: PASSWORD, caller_id: "Alice" }, { "x-app": "billing" });
    await call("GET", "/endpoints/sip?filter_username=ali&page_size=5&page_size=6");
    const [create, list] = mock.requests();
    expect(create).toMatchObject({
      method: "POST",
      path: "/endpoints/sip",
      query: {},
      body: { username: "alice", password: "[REDACTED]", caller_id: "Alice" },
      headers: { "content-type": "application/json", "x-app": "billing", authorization: "[REDACTED]" },
    });
    expect(list).toMatchObject({ method: "GET", path: "/endpoints/sip", query: { filter_username: "ali", page_size: ["5", "6"] }, body: undefined });
    const everything = JSON.stringify(mock.requests());
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(basicAuthHeader("fixture-project", TOKEN).slice(6));
  });

  it("keeps a body that is not JSON as text, and returns copies the test may change", async () => {
    await fetch(`${mock.url}/endpoints/sip`, { method: "POST", headers: { ...auth(), "content-type": "application/json" }, body: "{not json" });
    const [recorded] = mock.requests();
    expect(recorded!.body).toBe("{not json");
    recorded!.path = "changed";
    expect(mock.requests()[0]!.path).toBe("/endpoints/sip");
  });

  it("keeps the last 1,000 requests", async () => {
    for (let batch = 0; batch < 21; batch++) await Promise.all(Array.from({ length: 50 }, (_, i) => call("GET", `/endpoints/sip?page_size=1&n=${batch * 50 + i}`)));
    const kept = mock.requests();
    expect(kept).toHaveLength(1000);
    expect(kept.map((r) => Number(r.query.n)).sort((a, b) => a - b)[0]).toBeGreaterThanOrEqual(50);
  });
});
