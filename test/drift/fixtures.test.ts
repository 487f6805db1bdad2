/**
 * The requests the scenarios send, as the spec's validators derive them: which handler kinds,
 * which companion field each needs and what value fills it, and which invalid requests exist with
 * the pointer a finding will carry. The scenario tests count these; here they are pinned whole.
 */
import {
  invalidCreateBodies,
  invalidListQueries,
  invalidUpdateBodies,
  isValidListQuery,
  validCreateBodies,
} from "../../src/drift/fixtures";
import { errorPointer } from "../../src/spec/schema-error";
import { validate, type ValidatorName } from "../../src/spec/validators";

const CREATE = "create_sip_endpoint_request" as ValidatorName;
const UPDATE = "update_sip_endpoint_request" as ValidatorName;
const LIST_QUERY = "list_sip_endpoints_query" as ValidatorName;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The message the validator gives at a pointer: the `rule` a fixture reports must be that one. */
function messageAt(validator: ValidatorName, data: unknown, pointer: string): string | undefined {
  return validate(validator, data).find((e) => errorPointer(e) === pointer)?.message;
}

describe("valid create bodies", () => {
  it("one with no handler, then one per handler kind of the spec's enum, each with its companion and the fields the spec marks x-handler for it", () => {
    const bodies = validCreateBodies("p-", () => "pw");
    const companions = Object.fromEntries(
      bodies.map(({ handler, body }) => [
        handler,
        Object.keys(body).filter((k) => !["username", "password", "caller_id", "call_handler"].includes(k)),
      ]),
    );
    expect(companions).toEqual({
      none: [],
      relay_context: ["call_relay_context", "call_relay_context_status_callback_url"],
      relay_topic: ["call_relay_topic", "call_relay_topic_status_callback_url"],
      relay_application: ["call_relay_application"],
      relay_connector: [],
      relay_script: ["call_relay_script_url"],
      laml_webhooks: ["call_request_url", "call_fallback_url", "call_status_callback_url"],
      laml_application: ["call_laml_application_id"],
      dialogflow: ["call_dialogflow_agent_id"],
      video_room: ["call_video_room_id"],
      call_flow: ["call_flow_id"],
      ai_agent: ["call_ai_agent_id"],
    });
    expect(bodies.map((b) => b.handler)).toEqual(Object.keys(companions));
  });

  it("names each body after the prefix and its handler, sets the handler, and is valid for the spec", () => {
    const bodies = validCreateBodies("p-", () => "pw");
    for (const { handler, body } of bodies) {
      expect(body).toMatchObject({ username: `p-${handler}`, password: "pw", caller_id: "drift check" });
      expect(body.call_handler).toBe(handler === "none" ? undefined : handler);
      expect(validate(CREATE, body)).toEqual([]);
    }
  });

  it("fills a companion with a UUID where the spec takes one, else with a URL naming the handler", () => {
    const byHandler = new Map(validCreateBodies("p-", () => "pw").map(({ handler, body }) => [handler, body]));
    expect(byHandler.get("laml_application")!.call_laml_application_id).toMatch(UUID);
    expect(byHandler.get("relay_context")!.call_relay_context).toMatch(UUID);
    expect(byHandler.get("relay_script")!.call_relay_script_url).toBe("https://example.com/drift/relay_script");
    expect(byHandler.get("laml_webhooks")!.call_request_url).toBe("https://example.com/drift/laml_webhooks");
  });

  it("asks for a fresh password per body", () => {
    let n = 0;
    const bodies = validCreateBodies("p-", () => `pw-${++n}`);
    expect(bodies.map((b) => b.body.password)).toEqual(bodies.map((_, i) => `pw-${i + 1}`));
  });
});

describe("invalid requests", () => {
  it("create bodies: each refused where the finding will point, the run's prefix kept in every username", () => {
    const invalid = invalidCreateBodies("p-", () => "pw");
    expect(invalid.map(({ name, body, pointer }) => ({ name, body, pointer }))).toEqual([
      { name: "a username with white space", body: { username: "p-invalid 1", password: "pw" }, pointer: "/username" },
      { name: "no password", body: { username: "p-invalid-2" }, pointer: "/password" },
      {
        name: "an encryption outside the enum",
        body: { username: "p-invalid-3", password: "pw", encryption: "sometimes" },
        pointer: "/encryption",
      },
      {
        name: "a caller_id that is not a string",
        body: { username: "p-invalid-4", password: "pw", caller_id: 42 },
        pointer: "/caller_id",
      },
      // The `if`/`then` wrapper errors point at the body; the fixture names the missing field.
      {
        name: "call_handler relay_context without its companion field",
        body: { username: "p-invalid-5", password: "pw", call_handler: "relay_context" },
        pointer: "/call_relay_context",
      },
    ]);
    for (const { body, pointer, rule } of invalid) expect(rule).toBe(messageAt(CREATE, body, pointer));
  });

  it("update bodies: an encryption outside the enum", () => {
    const invalid = invalidUpdateBodies();
    expect(invalid.map(({ name, body, pointer }) => ({ name, body, pointer }))).toEqual([
      { name: "an encryption outside the enum", body: { encryption: "sometimes" }, pointer: "/encryption" },
    ]);
    expect(invalid[0]!.rule).toBe(messageAt(UPDATE, invalid[0]!.body, "/encryption"));
  });

  it("list queries: page_size 0 and one above the spec's maximum", () => {
    const invalid = invalidListQueries();
    expect(invalid.map(({ name, query, pointer }) => ({ name, query, pointer }))).toEqual([
      { name: "page_size 0", query: { page_size: 0 }, pointer: "/page_size" },
      { name: "page_size 1001", query: { page_size: 1001 }, pointer: "/page_size" },
    ]);
    for (const { query, rule } of invalid) expect(rule).toBe(messageAt(LIST_QUERY, query, "/page_size"));
  });

  it("a list query is valid up to the maximum and not above", () => {
    expect(isValidListQuery({ page_size: 1000 })).toBe(true);
    expect(isValidListQuery({ page_size: 1001 })).toBe(false);
    expect(isValidListQuery({})).toBe(true);
  });
});
