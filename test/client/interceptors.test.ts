/**
 * A default client (no `fetch` given) is seen by the tools an app tests with, each installed after
 * the client was created; a request they do not answer fails the test, so none reaches the
 * network. MSW, and `MockAgent` with the default wire, are proved from the packed package with
 * plain node (test/package): jest's sandbox has a global object of its own, which Node's fetch
 * does not read its dispatcher from, and MSW's dependencies are ESM only.
 */
import { MockAgent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from "undici";
import { createSipEndpointsClient } from "../../src/client";
import { CANARY } from "../support/canary";
import { BASE, endpoint, ID } from "./fixtures";

const ORIGIN = new URL(BASE).origin;
const PATH = `${new URL(BASE).pathname}/endpoints/sip/${ID}`;

const defaultClient = () =>
  createSipEndpointsClient({
    baseUrl: BASE,
    projectId: CANARY.projectId,
    apiToken: CANARY.apiToken,
    env: {},
    retry: false,
  });

test("the global fetch is looked up at each request: one installed after the client was created answers it", async () => {
  const client = defaultClient();
  const original = globalThis.fetch;
  const seen: string[] = [];
  globalThis.fetch = async (input, init) => {
    seen.push(`${init?.method} ${String(input)}`);
    return Response.json(endpoint({ username: "from-patched-fetch" }));
  };
  try {
    expect((await client.retrieve(ID)).username).toBe("from-patched-fetch");
    expect(seen).toEqual([`GET ${BASE}/endpoints/sip/${ID}`]);
  } finally {
    globalThis.fetch = original;
  }
});

test("nock answers a client created before nock was loaded", async () => {
  const client = defaultClient();
  const { default: nock } = await import("nock");
  nock.disableNetConnect();
  const scope = nock(ORIGIN)
    .get(PATH)
    .basicAuth({ user: CANARY.projectId, pass: CANARY.apiToken })
    .reply(200, endpoint({ username: "from-nock" }));
  try {
    expect((await client.retrieve(ID)).username).toBe("from-nock");
    expect(scope.isDone()).toBe(true);
  } finally {
    nock.cleanAll();
    nock.enableNetConnect();
    nock.restore();
  }
});

describe("undici's MockAgent, installed after the client was created", () => {
  let original: Dispatcher;
  let agent: MockAgent;
  beforeEach(() => {
    original = getGlobalDispatcher();
    agent = new MockAgent();
    agent.disableNetConnect();
  });
  afterEach(async () => {
    setGlobalDispatcher(original);
    await agent.close();
  });

  it("answers the undici wire", async () => {
    const client = createSipEndpointsClient({
      baseUrl: BASE,
      projectId: CANARY.projectId,
      apiToken: CANARY.apiToken,
      env: {},
      retry: false,
      wire: "undici",
    });
    setGlobalDispatcher(agent);
    agent
      .get(ORIGIN)
      .intercept({ path: PATH, method: "GET" })
      .reply(200, endpoint({ username: "from-mock-agent" }), { headers: { "content-type": "application/json" } });
    expect((await client.retrieve(ID)).username).toBe("from-mock-agent");
    agent.assertNoPendingInterceptors();
  });
});
