/**
 * What each error of the client says and carries, built directly: the message an app logs, the
 * guards that recognise an error from another copy of the package, and `toJSON`, which is what a
 * logger that serialises errors writes.
 */
import {
  AbortedError,
  ApiError,
  InvalidResponseError,
  isNotFoundError,
  isSipEndpointsError,
  isTimeoutError,
  NetworkError,
  NotFoundError,
  PaginationError,
  ResponseTooLargeError,
  SipEndpointsError,
  TimeoutError,
  type ClientExchange,
} from "../../src/client";
import type { Finding } from "../../src/checks";

const facts = (attempts: number) => ({
  method: "GET",
  url: "https://example.signalwire.com/api/relay/rest/endpoints/sip",
  attempts,
});

describe("the messages of call errors", () => {
  it.each([
    {
      error: () => new TimeoutError(facts(1), 250),
      want: "GET https://example.signalwire.com/api/relay/rest/endpoints/sip timed out after 250 ms (1 attempt)",
    },
    {
      error: () => new TimeoutError(facts(3), 250),
      want: "GET https://example.signalwire.com/api/relay/rest/endpoints/sip timed out after 250 ms (3 attempts)",
    },
    {
      error: () => new NetworkError(facts(2), "ECONNREFUSED"),
      want: "GET https://example.signalwire.com/api/relay/rest/endpoints/sip failed without an HTTP answer (ECONNREFUSED) after 2 attempts",
    },
    {
      error: () => new NetworkError(facts(1), undefined),
      want: "GET https://example.signalwire.com/api/relay/rest/endpoints/sip failed without an HTTP answer after 1 attempt",
    },
    {
      error: () => new ResponseTooLargeError(facts(1), 200, 1024),
      want: "GET https://example.signalwire.com/api/relay/rest/endpoints/sip answered 200 with a body larger than the 1024-byte limit",
    },
    {
      error: () => new AbortedError(facts(1)),
      want: "GET https://example.signalwire.com/api/relay/rest/endpoints/sip was aborted by the caller",
    },
    {
      error: () => new PaginationError("https://x.test/p?page=2", 2, "links.next repeats a page"),
      want: "stopped walking pages at https://x.test/p?page=2 after 2 pages: links.next repeats a page",
    },
    {
      error: () => new PaginationError("https://x.test/p", 1, "no data"),
      want: "stopped walking pages at https://x.test/p after 1 page: no data",
    },
  ])("$want", ({ error, want }) => {
    // Built in the test, not the table: code run while a test file loads is credited to no test.
    expect(error().message).toBe(want);
  });
});

const exchange = (over: Partial<ClientExchange> = {}): ClientExchange => ({
  operationId: "retrieve_sip_endpoint",
  method: "GET",
  url: "https://example.signalwire.com/api/relay/rest/endpoints/sip/abc",
  status: 404,
  headers: {},
  bodyText: "",
  requestHeaders: {},
  durationMs: 1,
  attempts: 1,
  ...over,
});

describe("the message of an API error", () => {
  it("names the call, the status, the server's detail, the attempts and the request id", () => {
    const error = new ApiError(
      {
        exchange: exchange({ attempts: 2, requestId: "req-7" }),
        body: { error: "Not Found" },
        findings: [],
        secrets: [],
        documented: { error: "Not Found" },
      },
      "Not Found",
    );
    expect(error.message).toBe(
      "GET https://example.signalwire.com/api/relay/rest/endpoints/sip/abc answered 404: Not Found after 2 attempts [request id req-7]",
    );
    expect(error).toMatchObject({
      status: 404,
      requestId: "req-7",
      error: "Not Found",
      attempts: 2,
      body: { error: "Not Found" },
    });
  });

  it("says only the status when there is no detail, and keeps a documented error that is no string out of `error`", () => {
    const error = new ApiError(
      { exchange: exchange(), body: { error: 7 }, findings: [], secrets: [], documented: { error: 7 as never } },
      undefined,
    );
    expect(error.message).toBe("GET https://example.signalwire.com/api/relay/rest/endpoints/sip/abc answered 404");
    expect(error.error).toBeUndefined();
  });

  it("scrubs the call's secrets from the detail, the body and the documented error", () => {
    const error = new ApiError(
      {
        exchange: exchange(),
        body: { error: "token tok-secret-1" },
        findings: [],
        secrets: ["tok-secret-1"],
        documented: { error: "token tok-secret-1" },
      },
      "token tok-secret-1",
    );
    expect(JSON.stringify([error.message, error.body, error.error])).not.toContain("tok-secret-1");
  });
});

describe("the message of an invalid response", () => {
  const finding = (n: number, pointer = `/f${n}`): Finding => ({
    id: `id${n}`,
    check: "field-missing",
    severity: "breaking",
    operationId: "retrieve_sip_endpoint",
    method: "GET",
    path: "/endpoints/sip/{id}",
    status: 200,
    pointer,
    expected: "present",
    actual: "absent",
    message: `m${n}`,
  });
  const messageOf = (findings: Finding[]) => new InvalidResponseError(exchange({ status: 200 }), findings, []).message;
  const head =
    "GET https://example.signalwire.com/api/relay/rest/endpoints/sip/abc answered 200 with a response that breaks the spec: ";

  it("lists three findings in full and counts the rest", () => {
    expect(messageOf([1, 2, 3].map((n) => finding(n)))).toBe(
      `${head}/f1 field-missing: m1; /f2 field-missing: m2; /f3 field-missing: m3`,
    );
    expect(messageOf([1, 2, 3, 4, 5].map((n) => finding(n)))).toBe(
      `${head}/f1 field-missing: m1; /f2 field-missing: m2; /f3 field-missing: m3; and 2 more`,
    );
  });

  it("names the root as / and says so when there is no finding to show", () => {
    expect(messageOf([finding(1, "")])).toBe(`${head}/ field-missing: m1`);
    expect(messageOf([])).toBe(`${head}unusable body`);
  });
});

describe("guards, names and toJSON", () => {
  it("recognise an error of another copy of the package by its kinds, and nothing else", () => {
    const kinds = Symbol.for("signalwire-sip-endpoints-contract.error-kinds");
    const foreign = { [kinds]: ["NotFoundError", "ApiError", "SipEndpointsError"] };
    expect([isNotFoundError(foreign), isSipEndpointsError(foreign), isTimeoutError(foreign)]).toEqual([
      true,
      true,
      false,
    ]);
    expect([null, undefined, "NotFoundError", 7, { [kinds]: "NotFoundError" }].map(isNotFoundError)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("carry every kind of the class chain, and a subclass without a kind keeps its own name", () => {
    class AppNotFound extends NotFoundError {}
    const error = new AppNotFound({ exchange: exchange(), body: undefined, findings: [], secrets: [] }, undefined);
    expect(error.name).toBe("AppNotFound");
    expect(isNotFoundError(error)).toBe(true);
    expect(
      new NotFoundError({ exchange: exchange(), body: undefined, findings: [], secrets: [] }, undefined).name,
    ).toBe("NotFoundError");
  });

  it("toJSON gives the own fields and the cause's name and message, scrubbed", () => {
    const cause = new TypeError("socket tok-secret-2 closed");
    const error = new TimeoutError(facts(1), 5, { cause, secrets: ["tok-secret-2"] });
    expect(error.toJSON()).toEqual({
      name: "TimeoutError",
      message: error.message,
      method: "GET",
      url: facts(1).url,
      attempts: 1,
      timeoutMs: 5,
      cause: { name: "TypeError", message: "socket [REDACTED] closed" },
    });
    expect(
      new SipEndpointsError("plain", { cause: "a string tok-secret-3", secrets: ["tok-secret-3"] }).toJSON(),
    ).toEqual({ name: "SipEndpointsError", message: "plain", cause: "a string [REDACTED]" });
    expect(new SipEndpointsError("plain").toJSON()).toEqual({ name: "SipEndpointsError", message: "plain" });
    expect(new SipEndpointsError("plain", { cause: 0 }).cause).toBe(0);
    expect("cause" in new SipEndpointsError("plain")).toBe(false);
  });
});
