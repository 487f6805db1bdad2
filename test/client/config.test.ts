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
    { given: { ...CREDS, baseUrl: "http://127.0.0.1:4010/api/relay/rest/" }, want: "http://127.0.0.1:4010/api/relay/rest" },
    { given: { ...CREDS, baseUrl: "http://localhost:8080/x" }, want: "http://localhost:8080/x" },
    { given: { ...CREDS, baseUrl: "http://[::1]:9/api" }, want: "http://[::1]:9/api" },
    { given: { ...CREDS, baseUrl: "http://127.9.8.7/api" }, want: "http://127.9.8.7/api" },
    { given: { ...CREDS, baseUrl: "http://sip-mock:8080/api/relay/rest", allowInsecureHttp: true }, want: "http://sip-mock:8080/api/relay/rest" },
    { given: { ...CREDS, allowInsecureHttp: true, env: { SIGNALWIRE_BASE_URL: "http://10.0.0.1/api" } }, want: "http://10.0.0.1/api" },
    { given: { ...CREDS, baseUrl: "https://proxy.example.org/api/relay/rest" }, want: "https://proxy.example.org/api/relay/rest" },
    { given: { ...CREDS, env: { SIGNALWIRE_SPACE: "fromenv" } }, want: "https://fromenv.signalwire.com/api/relay/rest" },
    { given: { ...CREDS, env: { SIGNALWIRE_BASE_URL: "http://127.0.0.1:1/api", SIGNALWIRE_SPACE: "ignored" } }, want: "http://127.0.0.1:1/api" },
    { given: { ...CREDS, space: "opt", env: { SIGNALWIRE_BASE_URL: "http://127.0.0.1:1/api" } }, want: "https://opt.signalwire.com/api/relay/rest" },
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
    { name: "options over the env object", given: { ...CREDS, env }, want: basic(`${CANARY.projectId}:${CANARY.apiToken}`) },
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
  const cases: { name: string; given: SipEndpointsClientOptions; option: string; message: RegExp }[] = [
    { name: "no Space at all", given: { ...CREDS }, option: "space", message: /no Space/ },
    { name: "a Space with a dot", given: { ...CREDS, space: "a.b" }, option: "space", message: /not a Space name/ },
    { name: "a Space with white space", given: { ...CREDS, space: "my space" }, option: "space", message: /not a Space name/ },
    { name: "a Space of another domain", given: { ...CREDS, space: "example.evil.com" }, option: "space", message: /not a Space name/ },
    { name: "an empty Space", given: { ...CREDS, space: "" }, option: "space", message: /not a Space name/ },
    { name: "both space and baseUrl", given: { ...CREDS, space: "a", baseUrl: "https://x.example" }, option: "baseUrl", message: /either/ },
    { name: "http to a remote host", given: { ...CREDS, baseUrl: "http://example.signalwire.com/api" }, option: "baseUrl", message: /only https.*allowInsecureHttp/ },
    { name: "http to a remote host with allowInsecureHttp false", given: { ...CREDS, baseUrl: "http://sip-mock/api", allowInsecureHttp: false }, option: "baseUrl", message: /only https/ },
    { name: "an allowInsecureHttp that is no boolean", given: { ...CREDS, baseUrl: "http://sip-mock/api", allowInsecureHttp: "yes" as never }, option: "allowInsecureHttp", message: /true or false/ },
    { name: "http to a look-alike of localhost", given: { ...CREDS, baseUrl: "http://localhost.evil.com/api" }, option: "baseUrl", message: /only https/ },
    { name: "a relative base URL", given: { ...CREDS, baseUrl: "/api/relay/rest" }, option: "baseUrl", message: /absolute URL/ },
    { name: "another scheme", given: { ...CREDS, baseUrl: "ftp://127.0.0.1/api" }, option: "baseUrl", message: /http\(s\)/ },
    { name: "a query in the base URL", given: { ...CREDS, baseUrl: "https://x.example/api?a=1" }, option: "baseUrl", message: /query/ },
    { name: "credentials in the base URL", given: { ...CREDS, baseUrl: `https://user:${CANARY.password}@x.example/api` }, option: "baseUrl", message: /credentials/ },
    { name: "a bad SIGNALWIRE_BASE_URL", given: { ...CREDS, env: { SIGNALWIRE_BASE_URL: "http://10.0.0.1/api" } }, option: "baseUrl", message: /SIGNALWIRE_BASE_URL/ },
    { name: "no project id", given: { apiToken: CANARY.apiToken, space: "a" }, option: "projectId", message: /SIGNALWIRE_PROJECT_ID/ },
    { name: "no token", given: { projectId: "p", space: "a" }, option: "apiToken", message: /SIGNALWIRE_API_TOKEN/ },
    { name: "an empty token", given: { projectId: "p", apiToken: "", space: "a" }, option: "apiToken", message: /missing apiToken/ },
    { name: "a token with a trailing newline", given: { projectId: "p", apiToken: `${CANARY.apiToken}\n`, space: "a" }, option: "apiToken", message: /white space/ },
    { name: "a token with a control character", given: { projectId: "p", apiToken: `${CANARY.apiToken}\u0000x`, space: "a" }, option: "apiToken", message: /control characters/ },
    { name: "a colon in the project id", given: { projectId: "a:b", apiToken: CANARY.apiToken, space: "a" }, option: "projectId", message: /':'/ },
    { name: "a zero timeout", given: { ...CREDS, space: "a", timeoutMs: 0 }, option: "timeoutMs", message: /positive/ },
    { name: "a negative size cap", given: { ...CREDS, space: "a", maxResponseBytes: -1 }, option: "maxResponseBytes", message: /positive/ },
    { name: "an unknown validation mode", given: { ...CREDS, space: "a", validateResponses: "strict" as never }, option: "validateResponses", message: /"off", "warn" or "throw"/ },
    { name: "zero attempts", given: { ...CREDS, space: "a", retry: { maxAttempts: 0 } }, option: "retry", message: /maxAttempts/ },
    { name: "a negative backoff", given: { ...CREDS, space: "a", retry: { baseDelayMs: -5 } }, option: "retry", message: /baseDelayMs/ },
    { name: "a user agent with a newline", given: { ...CREDS, space: "a", userAgent: "x\r\ny: z" }, option: "userAgent", message: /control/ },
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
    expect(error.message).toMatch(message);
    expectNoCanary(`${error.message}\n${inspect(error)}\n${JSON.stringify(error)}`, `ConfigError for ${option}`);
  });
});

it("accepts waits of zero, the smallest the retry settings allow", () => {
  expect(() => createSipEndpointsClient({ env: {}, ...CREDS, space: "a", retry: { baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0, maxAttempts: 1 } })).not.toThrow();
});

it("keeps the token out of the client object's own rendering", () => {
  const client = createSipEndpointsClient({ ...CREDS, space: "example", env: {} });
  expectNoCanary(inspect(client, { depth: 6, showHidden: true }), "util.inspect(client)");
});
