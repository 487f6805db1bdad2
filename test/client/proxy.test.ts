/**
 * Behind a proxy: the client (and the drift job against a live target) reads HTTPS_PROXY,
 * HTTP_PROXY and NO_PROXY and tunnels through the proxy with CONNECT. The proxy here is a real
 * CONNECT proxy on 127.0.0.1 in front of the mock; it records what it was asked to reach.
 */
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage } from "node:http";
import { connect as tcpConnect, type Socket } from "node:net";
import { join } from "node:path";
import { createSipEndpointsClient, isConfigError, isNetworkError } from "../../src/client";
import { proxyFor, proxySettings } from "../../src/client/proxy";
import { startMockServer, type MockServer } from "../../src/mock";
import { CANARY, expectNoCanary } from "../support/canary";
import { runCliInProcess, tempDir } from "../drift/harness";
import { rejection } from "./fixtures";

interface ConnectProxy {
  url: string;
  /** `host:port` of each CONNECT, and the Proxy-Authorization it carried. */
  tunnels: { target: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

/**
 * A CONNECT proxy; with `requireAuth` it answers 407 to a tunnel without that Proxy-Authorization.
 * `hosts` maps names only the proxy knows (a service name in a compose network) to local ports.
 */
async function startConnectProxy(requireAuth?: string, hosts: Record<string, number> = {}): Promise<ConnectProxy> {
  const tunnels: ConnectProxy["tunnels"] = [];
  const sockets = new Set<Socket>();
  const server = createHttpServer((_req, res) => res.writeHead(405).end());
  server.on("connect", (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    const authorization = req.headers["proxy-authorization"];
    tunnels.push({ target: req.url ?? "", authorization });
    if (requireAuth !== undefined && authorization !== requireAuth) {
      client.end("HTTP/1.1 407 Proxy Authentication Required\r\ncontent-length: 0\r\n\r\n");
      return;
    }
    const [host = "", port] = (req.url ?? "").split(":");
    const mapped = hosts[host];
    const upstream = tcpConnect(mapped ?? Number(port), mapped === undefined ? host : "127.0.0.1", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    const drop = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on("error", drop);
    client.on("error", drop);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("which proxy a target uses", () => {
  const cases: { env: Record<string, string>; target: string; via: string | undefined }[] = [
    { env: {}, target: "https://example.signalwire.com/", via: undefined },
    { env: { HTTPS_PROXY: "http://p:3128" }, target: "https://example.signalwire.com/", via: "http://p:3128" },
    { env: { HTTPS_PROXY: "http://p:3128" }, target: "http://127.0.0.1:8080/", via: undefined },
    { env: { HTTP_PROXY: "http://p:3128" }, target: "https://example.signalwire.com/", via: "http://p:3128" },
    { env: { HTTP_PROXY: "p:3128" }, target: "http://127.0.0.1:8080/", via: "http://p:3128" },
    {
      env: { https_proxy: "http://lower:1", HTTPS_PROXY: "http://upper:2" },
      target: "https://a.example/",
      via: "http://lower:1",
    },
    {
      env: { HTTPS_PROXY: "http://p:1", NO_PROXY: "signalwire.com" },
      target: "https://example.signalwire.com/",
      via: undefined,
    },
    {
      env: { HTTPS_PROXY: "http://p:1", NO_PROXY: ".signalwire.com" },
      target: "https://example.signalwire.com/",
      via: undefined,
    },
    {
      env: { HTTPS_PROXY: "http://p:1", NO_PROXY: "*.signalwire.com" },
      target: "https://example.signalwire.com/",
      via: undefined,
    },
    {
      env: { HTTPS_PROXY: "http://p:1", NO_PROXY: "ample.signalwire.com" },
      target: "https://example.signalwire.com/",
      via: "http://p:1",
    },
    {
      env: { HTTPS_PROXY: "http://p:1", NO_PROXY: "localhost, example.signalwire.com:443" },
      target: "https://example.signalwire.com/",
      via: undefined,
    },
    {
      env: { HTTPS_PROXY: "http://p:1", NO_PROXY: "example.signalwire.com:8443" },
      target: "https://example.signalwire.com/",
      via: "http://p:1",
    },
    { env: { HTTP_PROXY: "http://p:1", NO_PROXY: "*" }, target: "http://mock:8080/", via: undefined },
    { env: { HTTP_PROXY: "http://p:1", NO_PROXY: "[::1]:8080" }, target: "http://[::1]:8080/", via: undefined },
    { env: { HTTP_PROXY: "http://p:1", NO_PROXY: "::1" }, target: "http://[::1]:8080/", via: undefined },
    { env: { HTTP_PROXY: "http://p:1", no_proxy: "127.0.0.1" }, target: "http://127.0.0.1:9/", via: undefined },
    { env: { HTTP_PROXY: "  " }, target: "http://127.0.0.1:9/", via: undefined },
    {
      env: { HTTPS_PROXY: "https://secure-proxy:8443" },
      target: "https://example.signalwire.com/",
      via: "https://secure-proxy:8443",
    },
    { env: { HTTP_PROXY: "http://p:1", NO_PROXY: "mock:80" }, target: "http://mock/", via: undefined },
    { env: { HTTP_PROXY: "http://p:1", NO_PROXY: "mock:443" }, target: "http://mock/", via: "http://p:1" },
    { env: { HTTP_PROXY: "http://p:1", NO_PROXY: "[::1]" }, target: "http://[::1]:8080/", via: undefined },
    { env: { HTTP_PROXY: "http://p:1", NO_PROXY: "[::1]:80x" }, target: "http://[::1]/", via: "http://p:1" },
    { env: { HTTP_PROXY: "http://p:1", NO_PROXY: "a[::1]" }, target: "http://[::1]/", via: "http://p:1" },
    // A scheme-less value is a host; a URL further on in it is no scheme of its own.
    { env: { HTTP_PROXY: "p:3128/?next=http://x" }, target: "http://mock/", via: "http://p:3128" },
  ];
  it.each(cases)("$target with $env → $via", ({ env, target, via }) => {
    const settings = proxySettings(env);
    const proxy = settings && proxyFor(settings, new URL(target));
    expect(proxy?.origin).toBe(via);
  });

  it("has no settings at all without a proxy variable, whatever NO_PROXY says", () => {
    expect(proxySettings({ NO_PROXY: "example.com" })).toBeUndefined();
    expect(proxySettings({ HTTPS_PROXY: "http://p:1" })).toMatchObject({
      http: undefined,
      https: { origin: "http://p:1" },
    });
  });

  it("sends a proxy's user and password as Proxy-Authorization, and keeps them out of its origin", () => {
    const proxy = proxySettings({ HTTPS_PROXY: "http://me:p%40ss@p:3128" })!.https!;
    expect(proxy.origin).toBe("http://p:3128");
    expect(proxy.authorization).toBe(`Basic ${Buffer.from("me:p@ss").toString("base64")}`);
  });

  it.each([
    ["not a URL", { HTTPS_PROXY: "http://[broken" }, /HTTPS_PROXY is not a proxy URL/],
    ["another scheme", { HTTP_PROXY: "socks5://p:1080" }, /HTTP_PROXY must be an http:\/\/ or https:\/\/ proxy/],
  ])("refuses a proxy variable that is %s, naming it without its value", (_name, env, message) => {
    let thrown: unknown;
    try {
      createSipEndpointsClient({
        baseUrl: "https://example.signalwire.com/api/relay/rest",
        projectId: "p",
        apiToken: CANARY.apiToken,
        env,
      });
    } catch (error) {
      thrown = error;
    }
    expect(isConfigError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ option: "proxy" });
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain(Object.values(env)[0]);
  });
});

describe("the client through a CONNECT proxy", () => {
  let mock: MockServer;
  let proxy: ConnectProxy;
  beforeEach(async () => {
    mock = await startMockServer({
      port: 0,
      seedCount: 2,
      projectId: CANARY.projectId,
      apiToken: CANARY.apiToken,
      env: {},
    });
  });
  afterEach(async () => {
    await proxy?.close();
    await mock.close();
  });
  const clientWith = (env: Record<string, string>) =>
    createSipEndpointsClient({
      baseUrl: mock.url,
      projectId: CANARY.projectId,
      apiToken: CANARY.apiToken,
      env,
      retry: false,
    });
  const mockHost = () => new URL(mock.url).host;

  it("tunnels every request through HTTP_PROXY, over tunnels kept open for the next", async () => {
    proxy = await startConnectProxy();
    const client = clientWith({ HTTP_PROXY: proxy.url });
    const first = await client.list({ page_size: 1 });
    const created = await client.create({ username: "via-proxy", password: CANARY.password });
    await client.delete(created.id);
    expect(first.data).toHaveLength(1);
    expect(new Set(proxy.tunnels.map((t) => t.target))).toEqual(new Set([mockHost()]));
    // undici's pool may open a second connection while it releases the first; an agent made anew
    // for each request would open a tunnel per request.
    expect(proxy.tunnels.length).toBeLessThan(mock.requests().length);
    expect(mock.requests().length).toBe(3);
  });

  it("goes direct to a host NO_PROXY names", async () => {
    proxy = await startConnectProxy();
    await clientWith({ HTTP_PROXY: proxy.url, NO_PROXY: "localhost,127.0.0.1" }).list();
    expect(proxy.tunnels).toEqual([]);
    expect(mock.requests()).toHaveLength(1);
  });

  it("authenticates to the proxy with the user and password of its URL", async () => {
    const expected = `Basic ${Buffer.from("corp-user:proxy-pass").toString("base64")}`;
    proxy = await startConnectProxy(expected);
    await clientWith({ HTTP_PROXY: proxy.url.replace("//", "//corp-user:proxy-pass@") }).list();
    expect(proxy.tunnels.map((t) => t.authorization)).toContain(expected);
  });

  it("reports a proxy that refuses the tunnel as a NetworkError, with no secret in it", async () => {
    proxy = await startConnectProxy("Basic something-else");
    const error = await rejection(
      clientWith({ HTTP_PROXY: proxy.url.replace("//", `//u:${CANARY.password}@`) }).list(),
    );
    expect(isNetworkError(error)).toBe(true);
    expectNoCanary(`${String(error)} ${JSON.stringify(error)}`, "the proxy failure");
    expect(mock.requests()).toHaveLength(0);
  });
});

describe("the drift job through a CONNECT proxy", () => {
  it("runs against a live target through HTTPS_PROXY/HTTP_PROXY from its environment", async () => {
    const mock = await startMockServer({ port: 0, seedCount: 3, env: {} });
    const proxy = await startConnectProxy();
    const out = tempDir("drift-proxy");
    try {
      const env = {
        SIGNALWIRE_PROJECT_ID: mock.credentials.projectId,
        SIGNALWIRE_API_TOKEN: mock.credentials.apiToken,
        HTTP_PROXY: proxy.url,
      };
      const run = await runCliInProcess(["--target", "live", "--base-url", mock.url, "--out", out.path], env);
      const report = JSON.parse(readFileSync(join(out.path, "report.json"), "utf8"));
      expect(report.outcome).toBe("pass");
      expect(run.code).toBe(0);
      expect(proxy.tunnels.length).toBeGreaterThanOrEqual(1);
      expect(new Set(proxy.tunnels.map((t) => t.target))).toEqual(new Set([new URL(mock.url).host]));
    } finally {
      out.remove();
      await proxy.close();
      await mock.close();
    }
  });

  it("reaches a plain http:// service name through the proxy with --allow-insecure-http, and refuses it without", async () => {
    const mock = await startMockServer({ port: 0, seedCount: 3, env: {}, publicUrl: "http://sip-mock" });
    const proxy = await startConnectProxy(undefined, { "sip-mock": Number(new URL(mock.url).port) });
    const out = tempDir("drift-insecure");
    try {
      const env = {
        SIGNALWIRE_PROJECT_ID: mock.credentials.projectId,
        SIGNALWIRE_API_TOKEN: mock.credentials.apiToken,
        HTTP_PROXY: proxy.url,
      };
      const baseUrl = "http://sip-mock/api/relay/rest";
      const refused = await runCliInProcess(["--target", "live", "--base-url", baseUrl, "--out", out.path], env);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/http:\/\/ for sip-mock; only https:\/\/ is allowed.*--allow-insecure-http/);
      expect(proxy.tunnels).toEqual([]);
      const run = await runCliInProcess(
        ["--target", "live", "--base-url", baseUrl, "--allow-insecure-http", "--out", out.path],
        env,
      );
      expect(JSON.parse(readFileSync(join(out.path, "report.json"), "utf8")).outcome).toBe("pass");
      expect(run.code).toBe(0);
      expect(new Set(proxy.tunnels.map((t) => t.target))).toEqual(new Set(["sip-mock:80"]));
    } finally {
      out.remove();
      await proxy.close();
      await mock.close();
    }
  });

  it("never sends the embedded mock's traffic to a proxy", async () => {
    const proxy = await startConnectProxy();
    const out = tempDir("drift-proxy-mock");
    try {
      const run = await runCliInProcess(["--out", out.path, "--mode", "read-only"], {
        HTTP_PROXY: proxy.url,
        HTTPS_PROXY: proxy.url,
      });
      expect(run.code).toBe(0);
      expect(proxy.tunnels).toEqual([]);
    } finally {
      out.remove();
      await proxy.close();
    }
  });
});
