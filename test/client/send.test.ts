/**
 * `send`, the probing door: any status, body or content type comes back as data; only transport
 * failures and refused URLs throw. The returned exchange is scrubbed like everything else.
 */
import { isArgumentError, type ClientExchange, type SendRequest } from "../../src/client";
import { CANARY, expectNoCanary } from "../support/canary";
import { BASE, endpoint, ID, json, rejection, scriptedFetch, testClient } from "./fixtures";

describe("building the request from the operation", () => {
  const cases: { given: SendRequest; method: string; url: string }[] = [
    { given: { operationId: "list_sip_endpoints" }, method: "GET", url: `${BASE}/endpoints/sip` },
    {
      given: { operationId: "list_sip_endpoints", query: { page_size: 0, filter_username: "a&b" } },
      method: "GET",
      url: `${BASE}/endpoints/sip?page_size=0&filter_username=a%26b`,
    },
    {
      given: { operationId: "retrieve_sip_endpoint", params: { id: "not a uuid" } },
      method: "GET",
      url: `${BASE}/endpoints/sip/not%20a%20uuid`,
    },
    {
      given: { operationId: "delete_sip_endpoint", params: { id: ID } },
      method: "DELETE",
      url: `${BASE}/endpoints/sip/${ID}`,
    },
    {
      given: { operationId: "list_sip_endpoints", search: "?page_number=1&page_token=PA%2B1+x" },
      method: "GET",
      url: `${BASE}/endpoints/sip?page_number=1&page_token=PA%2B1+x`,
    },
    { given: { operationId: "list_sip_endpoints", search: "" }, method: "GET", url: `${BASE}/endpoints/sip` },
  ];
  it.each(cases)("$method $url", async ({ given, method, url }) => {
    const { fetch, requests } = scriptedFetch(json(200, {}));
    await testClient(fetch).client.send(given);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method, url });
  });
});

describe("any answer is data", () => {
  const cases = [
    {
      name: "a 500 with an HTML body",
      reply: () => new Response("<h1>oops</h1>", { status: 500, headers: { "content-type": "text/html" } }),
      status: 500,
      bodyText: "<h1>oops</h1>",
    },
    { name: "an undocumented 418", reply: json(418, { error: "teapot" }), status: 418, bodyText: '{"error":"teapot"}' },
    { name: "a 204 without body", reply: () => new Response(null, { status: 204 }), status: 204, bodyText: "" },
    {
      name: "a redirect",
      reply: () => new Response(null, { status: 301, headers: { location: "https://other.example/" } }),
      status: 301,
      bodyText: "",
    },
    {
      name: "a 200 that is not JSON",
      reply: () => new Response("{truncated", { status: 200 }),
      status: 200,
      bodyText: "{truncated",
    },
  ];
  it.each(cases)("$name", async ({ reply, status, bodyText }) => {
    const { fetch } = scriptedFetch(reply);
    const exchange = await testClient(fetch).client.send({ operationId: "retrieve_sip_endpoint", params: { id: ID } });
    expect(exchange).toMatchObject({ operationId: "retrieve_sip_endpoint", status, bodyText, attempts: 1 });
  });

  it("still retries as the policy says before returning the last answer", async () => {
    const { fetch, requests } = scriptedFetch(json(503, { error: "x" }));
    const { client, sleeps } = testClient(fetch, { retry: { maxAttempts: 2 } });
    const exchange = await client.send({ operationId: "list_sip_endpoints" });
    expect(exchange).toMatchObject({ status: 503, attempts: 2 });
    expect(requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });
});

describe("bodies and auth are the caller's to choose", () => {
  it("sends an invalid body as JSON", async () => {
    const { fetch, requests } = scriptedFetch(json(422, { errors: [] }));
    const exchange = await testClient(fetch).client.send({
      operationId: "create_sip_endpoint",
      body: { username: 42, call_handler: "bogus" },
    });
    expect(JSON.parse(requests[0]!.body!)).toEqual({ username: 42, call_handler: "bogus" });
    expect(requests[0]!.headers["content-type"]).toBe("application/json");
    expect(exchange.requestBody).toEqual({ username: 42, call_handler: "bogus" });
  });

  it("sends bodyText verbatim", async () => {
    const { fetch, requests } = scriptedFetch(json(400, { error: "Bad Request" }));
    await testClient(fetch).client.send({
      operationId: "create_sip_endpoint",
      bodyText: "{not json",
      headers: { "Content-Type": "text/plain" },
    });
    expect(requests[0]!.body).toBe("{not json");
    expect(requests[0]!.headers["content-type"]).toBe("text/plain");
  });

  it("sends no Authorization with auth: none", async () => {
    const { fetch, requests } = scriptedFetch(json(401, { error: "Unauthorized" }));
    const exchange = await testClient(fetch).client.send({ operationId: "list_sip_endpoints", auth: "none" });
    expect(requests[0]!.headers.authorization).toBeUndefined();
    expect(exchange.status).toBe(401);
  });

  it("sends other credentials when given, and scrubs them from what it returns", async () => {
    const seen: ClientExchange[] = [];
    const other = { projectId: "someone-else", apiToken: "other-secret-token-1234" };
    const { fetch, requests } = scriptedFetch(json(401, { error: `Unauthorized ${other.apiToken}` }));
    const exchange = await testClient(fetch, { onExchange: (e) => seen.push(e) }).client.send({
      operationId: "list_sip_endpoints",
      auth: other,
    });
    expect(requests[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from("someone-else:other-secret-token-1234").toString("base64")}`,
    );
    for (const text of [JSON.stringify(exchange), JSON.stringify(seen)]) expect(text).not.toContain(other.apiToken);
  });

  it("returns the exchange with the password and token scrubbed, even when the server echoes them", async () => {
    const echo = { ...endpoint(), note: `${CANARY.password} ${CANARY.apiToken}` };
    const { fetch } = scriptedFetch(json(200, echo, { "set-cookie": `s=${CANARY.apiToken}` }));
    const exchange = await testClient(fetch).client.send({
      operationId: "create_sip_endpoint",
      body: { username: "a", password: CANARY.password },
    });
    expectNoCanary(JSON.stringify(exchange), "the exchange send returned");
    expect(exchange.requestBody).toEqual({ username: "a", password: "[REDACTED]" });
  });
});

describe("what send refuses, without sending anything", () => {
  const searchRule = (shown: string) =>
    `search ${JSON.stringify(shown)} must be empty or start with "?" and hold no fragment`;
  const cases: { name: string; given: SendRequest; message: string }[] = [
    {
      name: "both query and search",
      given: { operationId: "list_sip_endpoints", query: { page_size: 1 }, search: "?page_size=2" },
      message: "give either query or search, not both",
    },
    {
      name: "a search without its question mark",
      given: { operationId: "list_sip_endpoints", search: "page_size=2" },
      message: searchRule("page_size=2"),
    },
    {
      name: "a search with a fragment",
      given: { operationId: "list_sip_endpoints", search: "?a=1#b" },
      message: searchRule("?a=1#b"),
    },
    {
      name: "a long search, shown cut to 200 characters",
      given: { operationId: "list_sip_endpoints", search: `${"x".repeat(300)}#` },
      message: searchRule("x".repeat(200)),
    },
    {
      name: "an unknown operation",
      given: { operationId: "drop_everything" as never },
      message: 'unknown operationId "drop_everything"',
    },
    {
      name: "an operation inherited from Object",
      given: { operationId: "toString" as never },
      message: 'unknown operationId "toString"',
    },
    {
      name: "a missing path parameter",
      given: { operationId: "retrieve_sip_endpoint" },
      message: "path parameter id must be a non-empty string",
    },
    {
      name: "a dot-segment id",
      given: { operationId: "delete_sip_endpoint", params: { id: ".." } },
      message: 'path parameter id must not be ".."',
    },
  ];
  it.each(cases)("$name", async ({ given, message }) => {
    const { fetch, requests } = scriptedFetch(json(200, {}));
    const error = await rejection(testClient(fetch).client.send(given));
    expect(isArgumentError(error)).toBe(true);
    expect((error as Error).message).toBe(message);
    expectNoCanary(JSON.stringify(error) + String(error), "the refusal");
    expect(requests).toHaveLength(0);
  });

  it("a body that is not JSON-able, keeping the serializer's error as the cause", async () => {
    const { fetch, requests } = scriptedFetch(json(200, {}));
    const error = await rejection(
      testClient(fetch).client.send({ operationId: "create_sip_endpoint", body: { n: BigInt(1) } }),
    );
    expect(isArgumentError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^body cannot be sent as JSON: /);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain(((error as Error).cause as Error).message);
    expect(requests).toHaveLength(0);
  });
});

describe("send returns what comes back, whatever the validation mode", () => {
  it("an answer that breaks the spec is data, not an InvalidResponseError, with validateResponses: throw", async () => {
    const { fetch } = scriptedFetch(json(200, { ...endpoint(), username: 7 }));
    const exchange = await testClient(fetch, { validateResponses: "throw" }).client.send({
      operationId: "retrieve_sip_endpoint",
      params: { id: ID },
    });
    expect(exchange).toMatchObject({ status: 200, bodyText: JSON.stringify({ ...endpoint(), username: 7 }) });
  });
});
