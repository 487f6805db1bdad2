/**
 * Compile-time guarantees of the client, checked by `npm run typecheck` (not a jest file). Each
 * `@ts-expect-error` line must fail to compile; if a type ever lets it through, tsc reports the
 * directive as unused and the type check fails.
 */
import {
  createSipEndpointsClient,
  isUnprocessableEntityError,
  type SipEndpoint,
  type SipEndpointCreate,
  type ValidationErrorItem,
} from "../../src/client";

declare const client: ReturnType<typeof createSipEndpointsClient>;
declare const endpoint: SipEndpoint;

export async function createBodies(): Promise<void> {
  // The issue's own example compiles.
  await client.create({
    username: "alice",
    password: "pw",
    call_handler: "relay_script",
    call_relay_script_url: "https://example.com/swml",
  });
  await client.create({ username: "bob", password: "pw" });
  await client.create({ username: "carol", password: "pw", call_handler: "relay_connector" });
  await client.create({
    username: "dan",
    password: "pw",
    call_handler: "laml_webhooks",
    call_request_url: "https://example.com/voice",
  });

  // @ts-expect-error a create without password
  await client.create({ username: "alice" });
  // @ts-expect-error a create without username
  await client.create({ password: "pw" });
  // @ts-expect-error an unknown call_handler
  await client.create({ username: "alice", password: "pw", call_handler: "default" });
  // @ts-expect-error laml_webhooks without its companion call_request_url
  await client.create({ username: "alice", password: "pw", call_handler: "laml_webhooks" });
  // @ts-expect-error relay_script without call_relay_script_url
  await client.create({ username: "alice", password: "pw", call_handler: "relay_script" });
  // @ts-expect-error request fields are not nullable
  await client.create({ username: "alice", password: "pw", caller_id: null });
  // @ts-expect-error an enum field takes only its documented values
  await client.create({ username: "alice", password: "pw", encryption: "sometimes" });

  const body: SipEndpointCreate = {
    username: "e",
    password: "pw",
    call_handler: "video_room",
    call_video_room_id: "x",
  };
  await client.create(body);
}

export async function updateBodies(): Promise<void> {
  await client.update("id", {});
  await client.update("id", { caller_id: "Alice" });
  // @ts-expect-error an update that sets a handler still needs its companion
  await client.update("id", { call_handler: "dialogflow" });
  // @ts-expect-error update takes an id first
  await client.update({ caller_id: "Alice" });
}

export function responses(): void {
  // @ts-expect-error password is write-only: responses have no such field
  void endpoint.password;
  // @ts-expect-error caller_id is nullable and must be narrowed before use as a string
  const callerId: string = endpoint.caller_id;
  if (endpoint.caller_id !== null) {
    const narrowed: string = endpoint.caller_id;
    void narrowed;
  }
  // @ts-expect-error call_handler is nullable too
  const handler: string = endpoint.call_handler;
  // @ts-expect-error the object type is a constant
  const kind: "something_else" = endpoint.type;
  void callerId;
  void handler;
  void kind;
}

export async function methodResults(): Promise<void> {
  const got: SipEndpoint = await client.retrieve("id");
  const page = await client.list({ page_size: 1000 });
  const first: SipEndpoint | undefined = page.data[0];
  const next: string | undefined = page.links.next;
  // @ts-expect-error delete returns nothing to read
  (await client.delete("id")).id;
  // @ts-expect-error list takes only documented query parameters
  await client.list({ page: 2 });
  // @ts-expect-error page_size is a number
  await client.list({ page_size: "1000" });
  for await (const e of client.listAll({ filter_username: "ali" })) {
    const username: string = e.username;
    void username;
  }
  client.listAll({}, { maxPages: 3, atMaxPages: "throw" });
  // @ts-expect-error at maxPages a walk stops or throws, nothing else
  client.listAll({}, { maxPages: 3, atMaxPages: "warn" });
  void got;
  void first;
  void next;
}

export function errors(error: unknown): void {
  if (isUnprocessableEntityError(error)) {
    const items: ValidationErrorItem[] = error.errors;
    const detail: string | undefined = items[0]?.detail;
    const status: number = error.status;
    void detail;
    void status;
  }
  // @ts-expect-error without narrowing, an unknown error has no `errors`
  void error.errors;
}

export async function send(): Promise<void> {
  // Deliberately untyped bodies: send is for probing.
  await client.send({ operationId: "create_sip_endpoint", body: { username: 42 } });
  // @ts-expect-error the operation must be one of the spec's
  await client.send({ operationId: "drop_sip_endpoints" });
}

export async function rawAndMiddleware(): Promise<void> {
  // raw is openapi-fetch's own client type: its middleware API, its typed paths and params.
  client.raw.use({
    onRequest({ request, schemaPath }) {
      const path: string = schemaPath;
      void path;
      request.headers.set("x-trace-id", "1");
      return request;
    },
  });
  const { data } = await client.raw.GET("/endpoints/sip/{id}", { params: { path: { id: "x" } } });
  if (data) {
    const username: string = data.username;
    void username;
  }
  // @ts-expect-error raw knows the spec's paths only
  await client.raw.GET("/endpoints/sip/{id}/calls", { params: { path: { id: "x" } } });
  // @ts-expect-error a retrieve through raw needs its id
  await client.raw.GET("/endpoints/sip/{id}", {});
  // A page link's query goes verbatim as `search`; there is no free URL to send credentials elsewhere.
  await client.send({ operationId: "list_sip_endpoints", search: "?page_token=PA1" });
  // @ts-expect-error send has no url: requests go only to the operation's own path
  await client.send({ operationId: "list_sip_endpoints", url: "https://elsewhere.example/" });
}
