/**
 * Request validation: each invalid request gets 422 with one item per problem, and each item's
 * detail names the attribute. Expected enum values are not spelled out here: the rule lives in the
 * spec, so the tests only pin the wording around it.
 */
import { startMockServer, type MockServer } from "../../src/mock";
import { mockClient, newEndpointRequest, type MockClient } from "../support/mock";

let mock: MockServer;
let client: MockClient;
let existingId: string;

beforeAll(async () => {
  mock = await startMockServer({ env: {}, seedCount: 3 });
  client = mockClient(mock, { checkSpec: true });
  existingId = mock.endpoints()[0]!.id;
});
afterAll(() => mock.close());

/** Each item's detail (the enum values are the spec's, so only the wording around them is pinned) and code. */
type Want = Array<[detail: string | RegExp]>;

const createCases: Array<{ given: string; body: unknown; want: Want }> = [
  { given: "an empty object", body: {}, want: [["Username can't be blank"], ["Password can't be blank"]] },
  { given: "an empty username", body: newEndpointRequest(""), want: [["Username can't be blank"]] },
  { given: "white space in the username", body: newEndpointRequest("a b"), want: [["Username is invalid"]] },
  { given: "a tab in the username", body: newEndpointRequest("a\tb"), want: [["Username is invalid"]] },
  { given: "an @ in the username", body: newEndpointRequest("alice@example.com"), want: [["Username is invalid"]] },
  {
    given: "a numeric username",
    body: newEndpointRequest(42 as unknown as string),
    want: [["Username must be a string"]],
  },
  { given: "an empty password", body: { username: "p", password: "" }, want: [["Password can't be blank"]] },
  {
    given: "an unknown encryption",
    body: newEndpointRequest("e", { encryption: "always" }),
    want: [[/^Encryption is not included in the list \(.+\)$/]],
  },
  {
    given: "an unknown call handler",
    body: newEndpointRequest("h", { call_handler: "default" }),
    want: [[/^Call handler is not included in the list/]],
  },
  {
    given: "an unknown webhook method",
    body: newEndpointRequest("m", { call_request_method: "PATCH" }),
    want: [[/^Call request method is not included in the list/]],
  },
  {
    given: "an unknown call flow version",
    body: newEndpointRequest("v", { call_flow_version: "latest" }),
    want: [[/^Call flow version is not included in the list/]],
  },
  {
    given: "laml_webhooks without its URL",
    body: newEndpointRequest("w", { call_handler: "laml_webhooks" }),
    want: [["Call request url can't be blank"]],
  },
  {
    given: "video_room without its room",
    body: newEndpointRequest("r", { call_handler: "video_room" }),
    want: [["Call video room id can't be blank"]],
  },
  {
    given: "ai_agent without its agent",
    body: newEndpointRequest("a", { call_handler: "ai_agent" }),
    want: [["Call ai agent id can't be blank"]],
  },
  {
    given: "a URL that is not one",
    body: newEndpointRequest("u", { call_request_url: "not a url" }),
    want: [["Call request url is not a valid URI"]],
  },
  {
    given: "a room id that is not a UUID",
    body: newEndpointRequest("i", { call_video_room_id: "room-1" }),
    want: [["Call video room id is not a valid UUID"]],
  },
  {
    given: "a null caller id",
    body: newEndpointRequest("n", { caller_id: null }),
    want: [["Caller id must be a string"]],
  },
  {
    given: "ciphers as a string",
    body: newEndpointRequest("c", { ciphers: "AEAD_AES_256_GCM_8" }),
    want: [["Ciphers must be an array"]],
  },
  {
    given: "a number among the codecs",
    body: newEndpointRequest("k", { codecs: ["OPUS", 9] }),
    want: [["Codecs (item 1) must be a string"]],
  },
  { given: "an array body", body: [newEndpointRequest("x")], want: [["The request body must be an object"]] },
  { given: "a string body", body: "alice", want: [["The request body must be an object"]] },
  {
    given: "two broken rules",
    body: { username: "a b", password: 5 },
    want: [["Username is invalid"], ["Password must be a string"]],
  },
];

const updateCases: Array<{ given: string; body: unknown; want: Want }> = [
  { given: "an empty username", body: { username: "" }, want: [["Username can't be blank"]] },
  {
    given: "dialogflow without its agent",
    body: { call_handler: "dialogflow" },
    want: [["Call dialogflow agent id can't be blank"]],
  },
  { given: "a null send_as", body: { send_as: null }, want: [["Send as must be a string"]] },
  {
    given: "an unknown encryption",
    body: { encryption: "sometimes" },
    want: [[/^Encryption is not included in the list/]],
  },
];

const listCases: Array<{ given: string; query: string; want: Want }> = [
  { given: "page_size 0", query: "page_size=0", want: [["Page size must be greater than or equal to 1"]] },
  { given: "page_size 1001", query: "page_size=1001", want: [["Page size must be less than or equal to 1000"]] },
  { given: "page_size that is no number", query: "page_size=ten", want: [["Page size must be an integer"]] },
  { given: "a fractional page_size", query: "page_size=2.5", want: [["Page size must be an integer"]] },
  {
    given: "a negative page_number",
    query: "page_number=-1",
    want: [["Page number must be greater than or equal to 0"]],
  },
  { given: "page_number 1 without a token", query: "page_number=1", want: [["Page token can't be blank"]] },
  { given: "an empty page_token", query: "page_token=", want: [["Page token can't be blank"]] },
  {
    given: "a token of no walk",
    query: "page_number=1&page_token=PA6f0f5b6e-3a4c-4f7e-9d3b-2b8e1c0a9f11",
    want: [["Page token is invalid"]],
  },
  { given: "a token without the PA prefix", query: "page_number=1&page_token=xyz", want: [["Page token is invalid"]] },
];

/** Items as every SignalWire example shows them: only `detail` differs. */
function expectItems(reply: { status: number; json: any }, want: Want): void {
  expect(reply.status).toBe(422);
  expect(reply.json.errors).toEqual(
    want.map(([detail]) => ({
      detail: typeof detail === "string" ? detail : expect.stringMatching(detail),
      status: "422",
      title: "Invalid Attribute",
      code: "422",
    })),
  );
}

describe("create", () => {
  test.each(createCases)("$given → 422", async ({ body, want }) => {
    const before = mock.endpoints().length;
    expectItems(await client.call("POST", "/endpoints/sip", { body }), want);
    expect(mock.endpoints()).toHaveLength(before);
  });
});

describe("update", () => {
  test.each(updateCases)("$given → 422, and the endpoint is unchanged", async ({ body, want }) => {
    const before = mock.endpoints().find((e) => e.id === existingId);
    expectItems(await client.call("PUT", `/endpoints/sip/${existingId}`, { body }), want);
    expect(mock.endpoints().find((e) => e.id === existingId)).toEqual(before);
  });
});

describe("list", () => {
  test.each(listCases)("$given → 422", async ({ query, want }) => {
    expectItems(await client.call("GET", `/endpoints/sip?${query}`), want);
  });

  test("unknown query parameters are ignored, as the spec does not forbid them", async () => {
    expect((await client.call("GET", "/endpoints/sip?sort=desc")).status).toBe(200);
  });
});
