/**
 * Setting up a client: where the base URL and credentials come from, and the specific error for
 * each way the setup can be wrong, raised before any request and without echoing a secret.
 */
import { inspect } from "node:util";
import { ConfigError, createSipEndpointsClient, isConfigError, type SipEndpointsClientOptions } from "../../src/client";
import { CANARY, expectNoCanary } from "../support/canary";

const CREDS = { projectId: CANARY.projectId, apiToken: CANARY.apiToken };

describe("base URL", () => {
  const cases: { given: SipEndpointsClientOptions; want: string }[] = [
    { given: { ...CREDS, space: "example" }, want: "https://example.signalwire.com/api/relay/rest" },
    { given: { ...CREDS, space: "Example.SignalWire.com" }, want: "https://example.signalwire.com/api/relay/rest" },
    { given: { ...CREDS, space: "my-space-1" }, want: "https://my-space-1.signalwire.com/api/relay/rest" },
    {
      given: { ...CREDS, baseUrl: "http://127.0.0.1:4010/api/relay/rest/" },
      want: "http://127.0.0.1:4010/api/relay/rest",
    },
    { given: { ...CREDS, baseUrl: "https://x.example/api//" }, want: "https://x.example/api" },
    { given: { ...CREDS, baseUrl: "http://localhost:8080/x" }, want: "http://localhost:8080/x" },
    { given: { ...CREDS, baseUrl: "http://[::1]:9/api" }, want: "http://[::1]:9/api" },
    { given: { ...CREDS, baseUrl: "http://127.9.8.7/api" }, want: "http://127.9.8.7/api" },
    { given: { ...CREDS, baseUrl: "http://127.10.200.255:8080/api" }, want: "http://127.10.200.255:8080/api" },
    { given: { ...CREDS, baseUrl: "http://LOCALHOST:8080/api" }, want: "http://localhost:8080/api" },
    {
      given: { ...CREDS, baseUrl: "http://sip-mock:8080/api/relay/rest", allowInsecureHttp: true },
      want: "http://sip-mock:8080/api/relay/rest",
    },
    {
      given: { ...CREDS, allowInsecureHttp: true, env: { SIGNALWIRE_BASE_URL: "http://10.0.0.1/api" } },
      want: "http://10.0.0.1/api",
    },
    {
      given: { ...CREDS, baseUrl: "https://proxy.example.org/api/relay/rest" },
      want: "https://proxy.example.org/api/relay/rest",
    },
    {
      given: { ...CREDS, env: { SIGNALWIRE_SPACE: "fromenv" } },
      want: "https://fromenv.signalwire.com/api/relay/rest",
    },
    {
      given: { ...CREDS, env: { SIGNALWIRE_BASE_URL: "http://127.0.0.1:1/api", SIGNALWIRE_SPACE: "ignored" } },
      want: "http://127.0.0.1:1/api",
    },
    {
      given: { ...CREDS, space: "opt", env: { SIGNALWIRE_BASE_URL: "http://127.0.0.1:1/api" } },
      want: "https://opt.signalwire.com/api/relay/rest",
    },
  ];
  it.each(cases)("%# → $want", ({ given, want }) => {
    expect(createSipEndpointsClient({ env: {}, ...given }).baseUrl).toBe(want);
  });
});

describe("credentials come from options first, then the environment", () => {
  const basic = (pair: string) => `Basic ${Buffer.from(pair).toString("base64")}`;
  const env = { SIGNALWIRE_PROJECT_ID: "env-project", SIGNALWIRE_API_TOKEN: "env-token-value" };
  const cases: { name: string; given: SipEndpointsClientOptions; want: string }[] = [
    { name: "the env object", given: { env }, want: basic("env-project:env-token-value") },
    {
      name: "options over the env object",
      given: { ...CREDS, env },
      want: basic(`${CANARY.projectId}:${CANARY.apiToken}`),
    },
    { name: "one from each", given: { projectId: "opt-project", env }, want: basic("opt-project:env-token-value") },
  ];
  it.each(cases)("$name", async ({ given, want }) => {
    let authorization: string | undefined;
    const client = createSipEndpointsClient({
      space: "example",
      ...given,
      fetch: async (_url, init) => {
        authorization = (init.headers as Record<string, string>).authorization;
        return new Response(null, { status: 204 });
      },
    });
    await client.delete("x1");
    expect(authorization).toBe(want);
  });
});

describe("a setup that cannot work fails at once with a ConfigError naming the option", () => {
  const insecure = (source: string, host: string) =>
    `${source} uses http:// for ${host}; only https:// is allowed, except for loopback hosts, unless plain http is allowed explicitly (allowInsecureHttp: true, or the drift command's --allow-insecure-http)`;
  const notASpace = (shown: string) => `${shown} is not a Space name: use "example" or "example.signalwire.com"`;
  const cases: { name: string; given: SipEndpointsClientOptions; option: string; message: string }[] = [
    {
      name: "no Space at all",
      given: { ...CREDS },
      option: "space",
      message: 'no Space: pass options.space (e.g. "example") or options.baseUrl, or set SIGNALWIRE_SPACE',
    },
    {
      name: "a Space with a dot",
      given: { ...CREDS, space: "a.b" },
      option: "space",
      message: notASpace('space "a.b"'),
    },
    {
      name: "a Space with white space",
      given: { ...CREDS, space: "my space" },
      option: "space",
      message: notASpace('space "my space"'),
    },
    {
      name: "a Space of another domain",
      given: { ...CREDS, space: "example.evil.com" },
      option: "space",
      message: notASpace('space "example.evil.com"'),
    },
    { name: "an empty Space", given: { ...CREDS, space: "" }, option: "space", message: notASpace('space ""') },
    {
      name: "both space and baseUrl",
      given: { ...CREDS, space: "a", baseUrl: "https://x.example" },
      option: "baseUrl",
      message: "give either baseUrl or space, not both",
    },
    {
      name: "http to a remote host",
      given: { ...CREDS, baseUrl: "http://example.signalwire.com/api" },
      option: "baseUrl",
      message: insecure("baseUrl", "example.signalwire.com"),
    },
    {
      name: "http to a remote host with allowInsecureHttp false",
      given: { ...CREDS, baseUrl: "http://sip-mock/api", allowInsecureHttp: false },
      option: "baseUrl",
      message: insecure("baseUrl", "sip-mock"),
    },
    {
      name: "an allowInsecureHttp that is no boolean",
      given: { ...CREDS, baseUrl: "http://sip-mock/api", allowInsecureHttp: "yes" as never },
      option: "allowInsecureHttp",
      message: "allowInsecureHttp must be true or false",
    },
    {
      name: "http to a look-alike of localhost",
      given: { ...CREDS, baseUrl: "http://localhost.evil.com/api" },
      option: "baseUrl",
      message: insecure("baseUrl", "localhost.evil.com"),
    },
    {
      name: "http to a look-alike of a loopback address",
      given: { ...CREDS, baseUrl: "http://127.0.0.1.evil.example/api" },
      option: "baseUrl",
      message: insecure("baseUrl", "127.0.0.1.evil.example"),
    },
    {
      name: "http to a host named like the loopback net",
      given: { ...CREDS, baseUrl: "http://127.evil.example/api" },
      option: "baseUrl",
      message: insecure("baseUrl", "127.evil.example"),
    },
    {
      name: "http to another private address",
      given: { ...CREDS, baseUrl: "http://10.127.0.1/api" },
      option: "baseUrl",
      message: insecure("baseUrl", "10.127.0.1"),
    },
    {
      name: "a relative base URL",
      given: { ...CREDS, baseUrl: "/api/relay/rest" },
      option: "baseUrl",
      message: "baseUrl is not an absolute URL",
    },
    {
      name: "another scheme",
      given: { ...CREDS, baseUrl: "ftp://127.0.0.1/api" },
      option: "baseUrl",
      message: "baseUrl must be an http(s) URL, not ftp:",
    },
    {
      name: "a query in the base URL",
      given: { ...CREDS, baseUrl: "https://x.example/api?a=1" },
      option: "baseUrl",
      message: "baseUrl must not have a query or fragment",
    },
    {
      name: "credentials in the base URL",
      given: { ...CREDS, baseUrl: `https://user:${CANARY.password}@x.example/api` },
      option: "baseUrl",
      message: "baseUrl must not carry credentials; pass projectId and apiToken instead",
    },
    {
      name: "a bad SIGNALWIRE_BASE_URL",
      given: { ...CREDS, env: { SIGNALWIRE_BASE_URL: "http://10.0.0.1/api" } },
      option: "baseUrl",
      message: insecure("SIGNALWIRE_BASE_URL", "10.0.0.1"),
    },
    {
      name: "no project id",
      given: { apiToken: CANARY.apiToken, space: "a" },
      option: "projectId",
      message: "missing projectId: pass options.projectId or set SIGNALWIRE_PROJECT_ID",
    },
    {
      name: "no token",
      given: { projectId: "p", space: "a" },
      option: "apiToken",
      message: "missing apiToken: pass options.apiToken or set SIGNALWIRE_API_TOKEN",
    },
    {
      name: "an empty token",
      given: { projectId: "p", apiToken: "", space: "a" },
      option: "apiToken",
      message: "missing apiToken: pass options.apiToken or set SIGNALWIRE_API_TOKEN",
    },
    {
      name: "a token with a trailing newline",
      given: { projectId: "p", apiToken: `${CANARY.apiToken}\n`, space: "a" },
      option: "apiToken",
      message: "options.apiToken has leading or trailing white space",
    },
    {
      name: "a token with a control character",
      given: { projectId: "p", apiToken: `${CANARY.apiToken}\u0000x`, space: "a" },
      option: "apiToken",
      message: "options.apiToken contains control characters",
    },
    {
      name: "a colon in the project id",
      given: { projectId: "a:b", apiToken: CANARY.apiToken, space: "a" },
      option: "projectId",
      message: "projectId must not contain ':' (it is the user name of HTTP Basic auth)",
    },
    {
      name: "a zero timeout",
      given: { ...CREDS, space: "a", timeoutMs: 0 },
      option: "timeoutMs",
      message: "timeoutMs must be a positive number, got 0",
    },
    {
      name: "a negative size cap",
      given: { ...CREDS, space: "a", maxResponseBytes: -1 },
      option: "maxResponseBytes",
      message: "maxResponseBytes must be a positive number, got -1",
    },
    {
      name: "an unknown validation mode",
      given: { ...CREDS, space: "a", validateResponses: "strict" as never },
      option: "validateResponses",
      message: 'validateResponses must be "off", "warn" or "throw", got "strict"',
    },
    {
      name: "zero attempts",
      given: { ...CREDS, space: "a", retry: { maxAttempts: 0 } },
      option: "retry",
      message: "retry.maxAttempts must be a whole number of at least 1, got 0",
    },
    {
      name: "a negative backoff",
      given: { ...CREDS, space: "a", retry: { baseDelayMs: -5 } },
      option: "retry",
      message: "retry.baseDelayMs must be a number of milliseconds >= 0, got -5",
    },
    {
      name: "a user agent with a newline",
      given: { ...CREDS, space: "a", userAgent: "x\r\ny: z" },
      option: "userAgent",
      message: "userAgent must be text without control characters",
    },
    // What a JavaScript caller (no type checker) or a mistyped environment can hand over.
    {
      name: "a user agent that is no string",
      given: { ...CREDS, space: "a", userAgent: 42 as never },
      option: "userAgent",
      message: "userAgent must be text without control characters",
    },
    {
      name: "a fetch that is no function",
      given: { ...CREDS, space: "a", fetch: "https://x.example" as never },
      option: "fetch",
      message: "fetch must be a function",
    },
    {
      name: "an unknown wire",
      given: { ...CREDS, space: "a", wire: "http2" as never },
      option: "wire",
      message: 'wire must be "fetch" or "undici", got "http2"',
    },
    {
      name: "a wire beside an injected fetch",
      given: { ...CREDS, space: "a", wire: "fetch", fetch: globalThis.fetch },
      option: "wire",
      message: "give either fetch or wire, not both: an injected fetch is the wire",
    },
    {
      name: "a Space that is no string",
      given: { ...CREDS, space: 42 as never },
      option: "space",
      message: notASpace("space number"),
    },
    {
      name: "a long Space, shown cut short",
      given: { ...CREDS, space: `${"x".repeat(100)} y` },
      option: "space",
      message: notASpace(`space "${"x".repeat(80)}"`),
    },
    {
      name: "a bad SIGNALWIRE_SPACE",
      given: { ...CREDS, env: { SIGNALWIRE_SPACE: "a b" } },
      option: "space",
      message: notASpace('SIGNALWIRE_SPACE "a b"'),
    },
    {
      name: "a user alone in the base URL",
      given: { ...CREDS, baseUrl: "https://user@x.example/api" },
      option: "baseUrl",
      message: "baseUrl must not carry credentials; pass projectId and apiToken instead",
    },
    {
      name: "a fragment in the base URL",
      given: { ...CREDS, baseUrl: "https://x.example/api#a" },
      option: "baseUrl",
      message: "baseUrl must not have a query or fragment",
    },
    {
      name: "a project id that is no string",
      given: { projectId: 5 as never, apiToken: CANARY.apiToken, space: "a" },
      option: "projectId",
      message: "options.projectId must be a string",
    },
    {
      name: "a SIGNALWIRE_PROJECT_ID with white space",
      given: { apiToken: CANARY.apiToken, space: "a", env: { SIGNALWIRE_PROJECT_ID: " p" } },
      option: "projectId",
      message: "SIGNALWIRE_PROJECT_ID has leading or trailing white space",
    },
    {
      name: "a SIGNALWIRE_API_TOKEN with a control character",
      given: { projectId: "p", space: "a", env: { SIGNALWIRE_API_TOKEN: "t\u0001" } },
      option: "apiToken",
      message: "SIGNALWIRE_API_TOKEN contains control characters",
    },
    {
      name: "a timeout that is no number",
      given: { ...CREDS, space: "a", timeoutMs: NaN },
      option: "timeoutMs",
      message: "timeoutMs must be a positive number, got NaN",
    },
    {
      name: "an endless timeout",
      given: { ...CREDS, space: "a", timeoutMs: Infinity },
      option: "timeoutMs",
      message: "timeoutMs must be a positive number, got Infinity",
    },
    {
      name: "a size cap given as text",
      given: { ...CREDS, space: "a", maxResponseBytes: "5" as never },
      option: "maxResponseBytes",
      message: 'maxResponseBytes must be a positive number, got "5"',
    },
  ];
  it.each(cases)("$name", ({ given, option, message }) => {
    let caught: unknown;
    try {
      createSipEndpointsClient({ env: {}, ...given });
    } catch (error) {
      caught = error;
    }
    expect(isConfigError(caught)).toBe(true);
    const error = caught as ConfigError;
    expect(error.option).toBe(option);
    expect(error.message).toBe(message);
    expectNoCanary(`${error.message}\n${inspect(error)}\n${JSON.stringify(error)}`, `ConfigError for ${option}`);
  });
});

it("accepts waits of zero, the smallest the retry settings allow", () => {
  expect(() =>
    createSipEndpointsClient({
      env: {},
      ...CREDS,
      space: "a",
      retry: { baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0, maxAttempts: 1 },
    }),
  ).not.toThrow();
});

it("keeps the token out of the client object's own rendering", () => {
  const client = createSipEndpointsClient({ ...CREDS, space: "example", env: {} });
  expectNoCanary(inspect(client, { depth: 6, showHidden: true }), "util.inspect(client)");
});
