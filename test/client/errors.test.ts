/**
 * Typed errors: one class per status family, the facts they carry, messages naming METHOD, URL
 * and status, and the canary check: no error path lets the token, the password or an
 * Authorization value into a message, `toJSON`, `util.inspect` output or a hook.
 */
import { inspect } from "node:util";
import * as client from "../../src/client";
import {
  ApiError,
  ArgumentError,
  isArgumentError,
  isSipEndpointsError,
  isTimeoutError,
  BadRequestError,
  InvalidResponseError,
  NotFoundError,
  RateLimitError,
  ServerError,
  SipEndpointsError,
  UnauthorizedError,
  UnprocessableEntityError,
  type ClientExchange,
  type SipEndpointsClientOptions,
} from "../../src/client";
import type { Finding } from "../../src/checks";
import { CANARY, expectNoCanary } from "../support/canary";
import { BASE, endpoint, ID, json, rejection, scriptedFetch, testClient, type Reply } from "./fixtures";

const URL_OF_ID = `${BASE}/endpoints/sip/${ID}`;

describe("one error class per documented status family", () => {
  const cases: {
    status: number;
    body: unknown;
    type: new (...args: never[]) => ApiError;
    guard: (e: unknown) => boolean;
    message: string;
  }[] = [
    {
      status: 400,
      body: { error: "Bad Request" },
      type: BadRequestError,
      guard: client.isBadRequestError,
      message: `DELETE ${URL_OF_ID} answered 400: Bad Request`,
    },
    {
      status: 401,
      body: { error: "Unauthorized" },
      type: UnauthorizedError,
      guard: client.isUnauthorizedError,
      message: `DELETE ${URL_OF_ID} answered 401: Unauthorized`,
    },
    {
      status: 404,
      body: { error: "Not Found" },
      type: NotFoundError,
      guard: client.isNotFoundError,
      message: `DELETE ${URL_OF_ID} answered 404: Not Found`,
    },
    {
      status: 429,
      body: { error: "Too Many Requests" },
      type: RateLimitError,
      guard: client.isRateLimitError,
      message: `DELETE ${URL_OF_ID} answered 429: Too Many Requests`,
    },
    {
      status: 500,
      body: { error: "Internal Server Error" },
      type: ServerError,
      guard: client.isServerError,
      message: `DELETE ${URL_OF_ID} answered 500: Internal Server Error`,
    },
    {
      status: 503,
      body: "<html>down</html>",
      type: ServerError,
      guard: client.isServerError,
      message: `DELETE ${URL_OF_ID} answered 503`,
    },
    {
      status: 418,
      body: { error: "I'm a teapot" },
      type: ApiError,
      guard: client.isApiError,
      message: `DELETE ${URL_OF_ID} answered 418`,
    },
  ];
  it.each(cases)("$status → $type.name", async ({ status, body, type, guard, message }) => {
    const reply: Reply =
      typeof body === "string" ? () => new Response(body, { status }) : json(status, body, { "x-request-id": "rid-1" });
    const { fetch } = scriptedFetch(reply);
    const error = await rejection(testClient(fetch, { retry: false }).client.delete(ID));
    expect(error).toBeInstanceOf(type);
    // Exactly that class: an undocumented 4xx is no ServerError, though both are ApiErrors.
    expect((error as ApiError).constructor).toBe(type);
    expect(guard(error)).toBe(true);
    expect(client.isApiError(error) && client.isSipEndpointsError(error)).toBe(true);
    expect(client.isInvalidResponseError(error) || client.isTimeoutError(error) || client.isNetworkError(error)).toBe(
      false,
    );
    const apiError = error as ApiError;
    expect(apiError.message.startsWith(message)).toBe(true);
    expect(apiError).toMatchObject({
      operationId: "delete_sip_endpoint",
      method: "DELETE",
      url: URL_OF_ID,
      status,
      body,
      attempts: 1,
    });
    expect(apiError.requestId).toBe(typeof body === "string" ? undefined : "rid-1");
  });

  it("gives the documented error string only when the body is the documented shape", async () => {
    const { fetch } = scriptedFetch(json(404, { error: 404, detail: "nope" }));
    const error = (await rejection(testClient(fetch).client.retrieve(ID))) as NotFoundError;
    expect(error.error).toBeUndefined();
    expect(error.body).toEqual({ error: 404, detail: "nope" });
  });
});

describe("422 carries its typed errors", () => {
  it("exposes each documented item", async () => {
    const items = [
      { detail: "Username can't be blank", status: "422", title: "Invalid Attribute", code: "422" },
      { detail: "Password is too short", status: "422", title: "Invalid Attribute", code: "invalid_parameter" },
    ];
    const { fetch } = scriptedFetch(json(422, { errors: items }));
    const error = await rejection(testClient(fetch).client.create({ username: "", password: "x" }));
    expect(client.isUnprocessableEntityError(error)).toBe(true);
    const unprocessable = error as UnprocessableEntityError;
    expect(unprocessable.errors).toEqual(items);
    // Typed: each item's fields are strings the compiler knows.
    const details: string[] = unprocessable.errors.map((item) => item.detail);
    expect(details).toEqual(["Username can't be blank", "Password is too short"]);
    expect(unprocessable.message).toBe(
      `POST ${BASE}/endpoints/sip answered 422: Username can't be blank; Password is too short`,
    );
  });

  it("gives no items for a 422 that is not the documented shape, and keeps the body", async () => {
    const { fetch } = scriptedFetch(json(422, { errors: [{ type: "x", message: "other API's item" }] }));
    const error = (await rejection(
      testClient(fetch).client.create({ username: "a", password: "b" }),
    )) as UnprocessableEntityError;
    expect(error.errors).toEqual([]);
    expect(error.body).toEqual({ errors: [{ type: "x", message: "other API's item" }] });
  });
});

describe("the canary never leaks, on any error path", () => {
  const echo = `${CANARY.apiToken} ${CANARY.password} ${Buffer.from(`${CANARY.projectId}:${CANARY.apiToken}`).toString("base64")}`;
  const failing = new TypeError(
    `fetch failed for Basic ${Buffer.from(`${CANARY.projectId}:${CANARY.apiToken}`).toString("base64")} ${CANARY.password}`,
  );
  const create = { username: "alice", password: CANARY.password };
  const cases: {
    name: string;
    reply: Reply;
    options?: SipEndpointsClientOptions;
    want: new (...args: never[]) => SipEndpointsError;
  }[] = [
    { name: "400", reply: json(400, { error: echo }), want: BadRequestError },
    {
      name: "401",
      reply: json(401, { error: echo }, { "www-authenticate": `Basic ${echo}` }),
      want: UnauthorizedError,
    },
    { name: "404", reply: json(404, { error: echo }), want: NotFoundError },
    {
      name: "422",
      reply: json(422, { errors: [{ detail: `Password ${echo} is weak`, status: "422", title: echo, code: "x" }] }),
      want: UnprocessableEntityError,
    },
    { name: "429", reply: json(429, { error: echo }, { "retry-after": "999" }), want: RateLimitError },
    { name: "500", reply: json(500, { error: echo }), want: ServerError },
    {
      name: "a 302 pointing at a URL with the token",
      reply: () =>
        new Response(null, { status: 302, headers: { location: `https://x.example/?t=${CANARY.apiToken}` } }),
      want: ApiError,
    },
    {
      name: "a body breaking the spec",
      reply: json(200, { ...endpoint(), username: 7, leaked: echo }),
      options: { validateResponses: "throw" },
      want: InvalidResponseError,
    },
    { name: "an unusable success", reply: () => new Response(echo, { status: 200 }), want: InvalidResponseError },
    { name: "a network failure whose cause holds the secrets", reply: failing, want: client.NetworkError },
    {
      name: "a timeout",
      reply: () => new Promise<Response>(() => undefined),
      options: { timeoutMs: 10 },
      want: client.TimeoutError,
    },
    {
      name: "a body above the cap",
      reply: () => new Response(echo.repeat(100), { status: 200 }),
      options: { maxResponseBytes: 100 },
      want: client.ResponseTooLargeError,
    },
  ];
  const expectScrubbed = (error: unknown, exchanges: ClientExchange[], findings: Finding[][]) => {
    const renderings = [
      String(error),
      (error as Error).stack ?? "",
      JSON.stringify(error),
      inspect(error, { depth: 8 }),
      inspect(error, { depth: 8, showHidden: true }),
      JSON.stringify(exchanges),
      JSON.stringify(findings),
    ];
    renderings.forEach((text, i) => expectNoCanary(text, `rendering ${i} of the ${(error as Error).name}`));
  };

  // A create carries the password in its body; an update of an id that is the token carries the
  // token in the URL too, which every error message names.
  const calls = [
    { call: "a create", send: (c: client.SipEndpointsClient) => c.create(create) },
    {
      call: "an update whose URL holds the token",
      send: (c: client.SipEndpointsClient) => c.update(CANARY.apiToken, { password: CANARY.password }),
    },
  ];
  it.each(cases.flatMap((c) => calls.map((call) => ({ ...c, ...call }))))(
    "$name, for $call",
    async ({ reply, options, want, send }) => {
      const exchanges: ClientExchange[] = [];
      const findings: Finding[][] = [];
      const { fetch } = scriptedFetch(reply);
      const { client: c } = testClient(fetch, {
        retry: false,
        onExchange: (e) => exchanges.push(e),
        onFindings: (f) => findings.push(f),
        ...options,
      });
      const error = await rejection(send(c));
      expect(error).toBeInstanceOf(want);
      expectScrubbed(error, exchanges, findings);
    },
  );

  it.each(calls)("a body above the cap substituted by middleware, for $call", async ({ send }) => {
    // The server's own answer stays under the cap: only the substituted body is too large.
    const { fetch } = scriptedFetch(json(200, {}));
    const { client: c } = testClient(fetch, { retry: false, maxResponseBytes: 100 });
    c.raw.use({ onResponse: () => new Response(echo.repeat(100), { status: 200 }) });
    const error = await rejection(send(c));
    expect(error).toBeInstanceOf(client.ResponseTooLargeError);
    expectScrubbed(error, [], []);
  });

  it.each([
    ["in flight", () => new Promise<Response>(() => undefined), undefined],
    [
      "while waiting to retry",
      json(503, { error: "down" }),
      (controller: AbortController) => async () => controller.abort(new Error(`stop ${CANARY.apiToken}`)),
    ],
  ])("an abort %s, its reason holding the token, for a list whose URL holds it too", async (_when, reply, sleepFor) => {
    const controller = new AbortController();
    const { fetch } = scriptedFetch(reply);
    const sleep = sleepFor?.(controller);
    const { client: c } = testClient(fetch, sleep ? { retry: { sleep } } : {});
    const pending = rejection(c.list({ filter_username: CANARY.apiToken }, { signal: controller.signal }));
    if (!sleep) setTimeout(() => controller.abort(new Error(`stop ${CANARY.apiToken}`)), 5);
    const error = await pending;
    expect(error).toBeInstanceOf(client.AbortedError);
    expectScrubbed(error, [], []);
  });

  it("still keeps the original failure as the cause", async () => {
    const { fetch } = scriptedFetch(failing);
    const error = (await rejection(testClient(fetch, { retry: false }).client.retrieve(ID))) as client.NetworkError;
    expect(error.cause).toBe(failing);
  });
});

describe("guards across copies of the package", () => {
  // What an error of another copy (the other build, another version) looks like to this one: a
  // different class, with the same kind list under the same global symbol.
  const foreign = (error: Error) =>
    Object.assign(
      Object.create(Error.prototype) as Error,
      { name: error.name },
      {
        [Symbol.for("signalwire-sip-endpoints-contract.error-kinds")]: (error as unknown as Record<symbol, unknown>)[
          Symbol.for("signalwire-sip-endpoints-contract.error-kinds")
        ],
      },
    );

  it("recognise an error by its kinds, not only by instanceof", async () => {
    const error = new ArgumentError("an empty id");
    const copy = foreign(error);
    expect(copy instanceof ArgumentError).toBe(false);
    expect(isArgumentError(copy)).toBe(true);
    expect(isSipEndpointsError(copy)).toBe(true);
    expect(isTimeoutError(copy)).toBe(false);
  });

  it("a subclass of the user's own keeps its name and still passes the guards of its base classes", () => {
    class AppArgumentError extends ArgumentError {}
    const error = new AppArgumentError("bad");
    expect(error.name).toBe("AppArgumentError");
    expect(isArgumentError(foreign(error))).toBe(true);
  });

  it("a look-alike without the kinds is not taken for one", () => {
    const lookalike = Object.assign(new Error("x"), { name: "NotFoundError", status: 404 });
    expect(isSipEndpointsError(lookalike)).toBe(false);
  });
});

describe("what an unfollowed redirect says", () => {
  it.each([
    { status: 300, location: "https://a.example/", want: "redirect to https://a.example/ not followed" },
    { status: 308, location: undefined, want: "redirect to nowhere not followed" },
    { status: 399, location: "https://b.example/", want: "redirect to https://b.example/ not followed" },
  ])("$status", async ({ status, location, want }) => {
    const { fetch } = scriptedFetch(() => new Response(null, { status, headers: location ? { location } : {} }));
    const error = await rejection(testClient(fetch).client.retrieve(ID));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toContain(`answered ${status}: ${want}`);
  });

  it("a status past the redirects is no redirect", async () => {
    const { fetch } = scriptedFetch(
      () => new Response(null, { status: 418, headers: { location: "https://c.example/" } }),
    );
    const error = await rejection(testClient(fetch).client.retrieve(ID));
    expect((error as ApiError).message).not.toContain("redirect");
  });
});
