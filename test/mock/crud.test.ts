/**
 * Every operation's success and documented error paths over real HTTP. Each answer is also run
 * through the check catalogue by the test client (see test/support/mock.ts).
 */
import { startMockServer, type MockServer } from "../../src/mock";
import { basicAuthHeader } from "../../src/redact";
import { validate } from "../../src/spec/validators";
import { mockClient, newEndpointRequest, type MockClient } from "../support/mock";

let mock: MockServer;
let client: MockClient;

beforeAll(async () => {
  mock = await startMockServer({ env: {} });
  client = mockClient(mock, { checkSpec: true });
});
afterAll(() => mock.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const REQUEST_ONLY = ["password", "call_flow_id", "call_flow_version", "call_ai_agent_id"];

describe("create", () => {
  test("accepts a key the spec does not describe, and never stores or echoes it (the README's decision)", async () => {
    const created = await client.call("POST", "/endpoints/sip", {
      body: newEndpointRequest("create-unknown-key", {
        nickname: "desk",
        call_handler: "relay_context",
        call_relay_context: "office",
      }),
    });
    expect(created.status).toBe(200);
    expect(created.json).not.toHaveProperty("nickname");
    const updated = await client.call("PUT", `/endpoints/sip/${created.json.id}`, {
      body: { nickname: "front", caller_id: "Front" },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ caller_id: "Front", call_relay_context: "office" });
    expect(updated.json).not.toHaveProperty("nickname");
    expect((await client.call("GET", `/endpoints/sip/${created.json.id}`)).json).not.toHaveProperty("nickname");
  });

  test("answers 200 with all 25 keys, server-made fields and defaults, and never the request-only fields", async () => {
    const reply = await client.call("POST", "/endpoints/sip", {
      body: newEndpointRequest("create-full", {
        call_handler: "call_flow",
        call_flow_id: "0d7d2e5c-8b1f-4c3a-a6e2-5f9b7c1d3e24",
        call_flow_version: "working_copy",
      }),
    });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.json)).toHaveLength(25);
    expect(validate("strict_create_sip_endpoint_200", reply.json)).toEqual([]);
    expect(reply.json).toMatchObject({
      type: "sip_endpoint",
      username: "create-full",
      caller_id: null,
      call_handler: "call_flow",
      call_request_method: "POST",
      call_fallback_method: "POST",
      call_status_callback_method: "POST",
      call_request_url: null,
    });
    expect(reply.json.id).toMatch(UUID);
    expect(reply.json.calling_handler_resource_id).toMatch(UUID);
    for (const key of REQUEST_ONLY) expect(reply.json).not.toHaveProperty(key);
    expect(reply.text).not.toContain("correct-horse-battery");
  });

  test("without a handler, calling_handler_resource_id is null", async () => {
    const reply = await client.call("POST", "/endpoints/sip", { body: newEndpointRequest("create-plain") });
    expect(reply.json.call_handler).toBeNull();
    expect(reply.json.calling_handler_resource_id).toBeNull();
  });

  test("a duplicate username is refused with 422 and the store keeps one", async () => {
    await client.call("POST", "/endpoints/sip", { body: newEndpointRequest("create-dup") });
    const reply = await client.call("POST", "/endpoints/sip", { body: newEndpointRequest("create-dup") });
    expect(reply.status).toBe(422);
    expect(reply.json.errors).toEqual([
      expect.objectContaining({ detail: "Username has already been taken", status: "422" }),
    ]);
    expect(mock.endpoints().filter((e) => e.username === "create-dup")).toHaveLength(1);
  });

  test("an empty codec or cipher list restores the project's defaults", async () => {
    const given = await client.call("POST", "/endpoints/sip", {
      body: newEndpointRequest("create-codecs", { codecs: ["PCMU"], ciphers: ["AEAD_AES_256_GCM_8"] }),
    });
    expect(given.json).toMatchObject({ codecs: ["PCMU"], ciphers: ["AEAD_AES_256_GCM_8"] });
    const reverted = await client.call("PUT", `/endpoints/sip/${given.json.id}`, { body: { codecs: [], ciphers: [] } });
    const fresh = await client.call("POST", "/endpoints/sip", { body: newEndpointRequest("create-codecs-default") });
    expect(reverted.json.codecs).toEqual(fresh.json.codecs);
    expect(reverted.json.ciphers).toEqual(fresh.json.ciphers);
    expect(reverted.json.codecs.length).toBeGreaterThan(0);
  });
});

describe("retrieve", () => {
  test("answers 200 with the stored endpoint", async () => {
    const created = await client.call("POST", "/endpoints/sip", {
      body: newEndpointRequest("retrieve-me", { caller_id: "Front desk" }),
    });
    const reply = await client.call("GET", `/endpoints/sip/${created.json.id}`);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual(created.json);
  });

  test.each([
    ["an unknown UUID", "6f0f5b6e-3a4c-4f7e-9d3b-2b8e1c0a9f11"],
    ["a malformed id", "not-a-uuid"],
    ["an encoded slash", "a%2Fb"],
  ])("answers 404 Not Found for %s", async (_what, id) => {
    const reply = await client.call("GET", `/endpoints/sip/${id}`);
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({ error: "Not Found" });
  });
});

describe("update", () => {
  test("changes only the fields sent", async () => {
    const created = await client.call("POST", "/endpoints/sip", {
      body: newEndpointRequest("update-me", { caller_id: "Old", send_as: "+15551234567" }),
    });
    const reply = await client.call("PUT", `/endpoints/sip/${created.json.id}`, { body: { caller_id: "New" } });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ ...created.json, caller_id: "New" });
    expect((await client.call("GET", `/endpoints/sip/${created.json.id}`)).json.caller_id).toBe("New");
  });

  test("setting a handler makes a new handler resource id; leaving it alone keeps it", async () => {
    const created = await client.call("POST", "/endpoints/sip", { body: newEndpointRequest("update-handler") });
    const withHandler = await client.call("PUT", `/endpoints/sip/${created.json.id}`, {
      body: { call_handler: "relay_script", call_relay_script_url: "https://example.com/a.json" },
    });
    expect(withHandler.json.calling_handler_resource_id).toMatch(UUID);
    const renamed = await client.call("PUT", `/endpoints/sip/${created.json.id}`, { body: { caller_id: "x" } });
    expect(renamed.json.calling_handler_resource_id).toBe(withHandler.json.calling_handler_resource_id);
    const switched = await client.call("PUT", `/endpoints/sip/${created.json.id}`, {
      body: { call_handler: "relay_connector" },
    });
    expect(switched.json.calling_handler_resource_id).toMatch(UUID);
    expect(switched.json.calling_handler_resource_id).not.toBe(withHandler.json.calling_handler_resource_id);
  });

  test("renaming to a username another endpoint has is 422; keeping one's own username is fine", async () => {
    await client.call("POST", "/endpoints/sip", { body: newEndpointRequest("update-taken") });
    const created = await client.call("POST", "/endpoints/sip", { body: newEndpointRequest("update-rename") });
    const clash = await client.call("PUT", `/endpoints/sip/${created.json.id}`, { body: { username: "update-taken" } });
    expect(clash.status).toBe(422);
    expect(clash.json.errors[0].detail).toBe("Username has already been taken");
    const same = await client.call("PUT", `/endpoints/sip/${created.json.id}`, { body: { username: "update-rename" } });
    expect(same.status).toBe(200);
    const renamed = await client.call("PUT", `/endpoints/sip/${created.json.id}`, {
      body: { username: "update-renamed" },
    });
    expect(renamed.json.username).toBe("update-renamed");
    // The old name is free again.
    expect((await client.call("POST", "/endpoints/sip", { body: newEndpointRequest("update-rename") })).status).toBe(
      200,
    );
  });

  test("an unknown id is 404, even with a valid body", async () => {
    const reply = await client.call("PUT", "/endpoints/sip/6f0f5b6e-3a4c-4f7e-9d3b-2b8e1c0a9f11", {
      body: { caller_id: "x" },
    });
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({ error: "Not Found" });
  });
});

describe("delete", () => {
  test("answers 204 with no body; the endpoint is then gone", async () => {
    const created = await client.call("POST", "/endpoints/sip", { body: newEndpointRequest("delete-me") });
    const reply = await client.call("DELETE", `/endpoints/sip/${created.json.id}`);
    expect(reply.status).toBe(204);
    expect(reply.text).toBe("");
    expect((await client.call("GET", `/endpoints/sip/${created.json.id}`)).status).toBe(404);
    expect((await client.call("DELETE", `/endpoints/sip/${created.json.id}`)).json).toEqual({ error: "Not Found" });
    expect(mock.endpoints().some((e) => e.id === created.json.id)).toBe(false);
  });
});

describe("auth", () => {
  const ID = "6f0f5b6e-3a4c-4f7e-9d3b-2b8e1c0a9f11";
  const operations: Array<[string, string, unknown]> = [
    ["GET", "/endpoints/sip", undefined],
    ["POST", "/endpoints/sip", newEndpointRequest("auth-never-created")],
    ["GET", `/endpoints/sip/${ID}`, undefined],
    ["PUT", `/endpoints/sip/${ID}`, { caller_id: "x" }],
    ["DELETE", `/endpoints/sip/${ID}`, undefined],
  ];
  const wrong: Array<[string, () => string | null]> = [
    ["no credentials", () => null],
    ["a wrong token", () => basicAuthHeader(mock.credentials.projectId, "PTwrong")],
    ["a wrong project", () => basicAuthHeader("other-project", mock.credentials.apiToken)],
    ["a bearer token", () => `Bearer ${mock.credentials.apiToken}`],
    ["garbage", () => "Basic !!!"],
  ];
  const cases = operations.flatMap(([method, path, body]) =>
    wrong.map(([what, header]) => ({ method, path, body, what, header })),
  );

  test.each(cases)("$method $path with $what → 401 Unauthorized", async ({ method, path, body, header }) => {
    const reply = await client.call(method, path, { body, authorization: header() });
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual({ error: "Unauthorized" });
    expect(reply.text).not.toContain(mock.credentials.apiToken);
  });

  test("the scheme name is case-insensitive, as HTTP says", async () => {
    const header = basicAuthHeader(mock.credentials.projectId, mock.credentials.apiToken).replace("Basic", "basic");
    expect((await client.call("GET", "/endpoints/sip", { authorization: header })).status).toBe(200);
  });

  test("no failed request created anything", () => {
    expect(mock.endpoints().some((e) => e.username === "auth-never-created")).toBe(false);
  });
});
