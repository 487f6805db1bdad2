/**
 * The mock as a test fixture of an app's own suite: `reset()` between tests, `setFault()` to make
 * the API drift without a restart, and `requests()` to assert what the app sent.
 */
import { request } from "node:http";
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
    await call(
      "POST",
      "/endpoints/sip",
      { username: "alice", password: PASSWORD, caller_id: "Alice" },
      { "x-app": "billing" },
    );
    await call("GET", "/endpoints/sip?filter_username=ali&page_size=5&page_size=6");
    const [create, list] = mock.requests();
    expect(create).toMatchObject({
      method: "POST",
      path: "/endpoints/sip",
      query: {},
      body: { username: "alice", password: "[REDACTED]", caller_id: "Alice" },
      headers: { "content-type": "application/json", "x-app": "billing", authorization: "[REDACTED]" },
    });
    expect(list).toMatchObject({
      method: "GET",
      path: "/endpoints/sip",
      query: { filter_username: "ali", page_size: ["5", "6"] },
      body: undefined,
    });
    const everything = JSON.stringify(mock.requests());
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(basicAuthHeader("fixture-project", TOKEN).slice(6));
  });

  it("keeps a body that is not JSON as text, and returns copies the test may change", async () => {
    await fetch(`${mock.url}/endpoints/sip`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/json" },
      body: "{not json",
    });
    const [recorded] = mock.requests();
    expect(recorded!.body).toBe("{not json");
    recorded!.path = "changed";
    expect(mock.requests()[0]!.path).toBe("/endpoints/sip");
  });

  it("keeps the last 1,000 requests, oldest first", async () => {
    for (let batch = 0; batch < 21; batch++)
      await Promise.all(
        Array.from({ length: 50 }, (_, i) => call("GET", `/endpoints/sip?page_size=1&n=${batch * 50 + i}`)),
      );
    // One at a time, so their order is known: the newest come last after the ring has wrapped.
    for (const n of ["last-1", "last-2", "last-3"]) await call("GET", `/endpoints/sip?page_size=1&n=${n}`);
    const kept = mock.requests();
    expect(kept).toHaveLength(1000);
    expect(kept.slice(-3).map((r) => r.query.n)).toEqual(["last-1", "last-2", "last-3"]);
    expect(
      kept
        .slice(0, -3)
        .map((r) => Number(r.query.n))
        .sort((a, b) => a - b)[0],
    ).toBeGreaterThanOrEqual(53);
  });
});

describe("absolute page links", () => {
  const listVia = (port: number, host: string) =>
    new Promise<{ links: { self: string; next?: string } }>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port, path: "/api/relay/rest/endpoints/sip?page_size=1", headers: { host, ...auth() } },
        (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString()));
          res.on("end", () => resolve(JSON.parse(text)));
        },
      );
      req.on("error", reject);
      req.end();
    });

  it("point where the request came to (its Host header): a proxy, a port mapping, localhost", async () => {
    const { port } = mock;
    expect((await listVia(port, "proxy.example.test:8443")).links.next).toMatch(
      /^http:\/\/proxy\.example\.test:8443\/api\/relay\/rest\/endpoints\/sip\?/,
    );
    expect((await listVia(port, `localhost:${port}`)).links.self).toMatch(
      new RegExp(`^http://localhost:${port}/api/relay/rest/endpoints/sip\\?`),
    );
  });

  it("fall back to the listening address for a Host that is no plain authority", async () => {
    expect((await listVia(mock.port, "evil.test/<script>")).links.self!.startsWith(`${mock.url}/endpoints/sip?`)).toBe(
      true,
    );
  });

  it("start with publicUrl when it is given, and a bad one is refused", async () => {
    const proxied = await startMockServer({ seedCount: 2, publicUrl: "https://mock.example.test/api/relay/rest//" });
    try {
      const page = await (
        await fetch(`${proxied.url}/endpoints/sip?page_size=1`, {
          headers: { authorization: basicAuthHeader(proxied.credentials.projectId, proxied.credentials.apiToken) },
        })
      ).json();
      expect(page.links.next).toMatch(
        /^https:\/\/mock\.example\.test\/api\/relay\/rest\/endpoints\/sip\?page_number=1&/,
      );
    } finally {
      await proxied.close();
    }
    await expect(startMockServer({ publicUrl: "ftp://x" })).rejects.toThrow(MockConfigError);
  });
});
