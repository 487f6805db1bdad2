/**
 * A target that is not this API (a wrong base URL, a proxy's page) is no drift: the run ends
 * inconclusive with a reason naming the base URL, exit 2, and no finding the nightly job would
 * turn into an issue.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { startMockServer, type MockServer } from "../../src/mock";
import { runCliInProcess, tempDir } from "./harness";

let mock: MockServer;
let html: Server;
let htmlUrl: string;

beforeAll(async () => {
  mock = await startMockServer({ seedCount: 3 });
  html = createServer((_req, res) =>
    res.writeHead(200, { "content-type": "text/html" }).end("<html>Welcome to nginx!</html>"),
  );
  await new Promise<void>((r) => html.listen(0, "127.0.0.1", () => r()));
  htmlUrl = `http://127.0.0.1:${(html.address() as AddressInfo).port}/api/relay/rest`;
});
afterAll(async () => {
  await mock.close();
  await new Promise((r) => html.close(r));
});

const cases = () => [
  {
    given: "a base URL without /api/relay/rest",
    baseUrl: mock.url.replace(/\/api\/relay\/rest$/, ""),
    why: /the list answered 404/,
  },
  { given: "the full /endpoints/sip URL", baseUrl: `${mock.url}/endpoints/sip`, why: /the list answered 404/ },
  { given: "a web server's HTML page", baseUrl: htmlUrl, why: /answered 200 with a body that is not JSON/ },
];

test.each(["a base URL without /api/relay/rest", "the full /endpoints/sip URL", "a web server's HTML page"])(
  "%s: inconclusive, exit 2, the base URL named, no findings",
  async (given) => {
    const { baseUrl, why } = cases().find((c) => c.given === given)!;
    const out = tempDir("wrong-target");
    try {
      const env = {
        SIGNALWIRE_PROJECT_ID: mock.credentials.projectId,
        SIGNALWIRE_API_TOKEN: mock.credentials.apiToken,
      };
      const run = await runCliInProcess(["--target", "live", "--base-url", baseUrl, "--out", out.path], env);
      expect(run.code).toBe(2);
      const report = JSON.parse(readFileSync(join(out.path, "report.json"), "utf8"));
      expect(report.outcome).toBe("inconclusive");
      expect(report.findings).toEqual([]);
      expect(report.reasons.join("\n")).toMatch(why);
      expect(report.reasons.join("\n")).toContain(`${baseUrl} does not look like the SIP endpoint API`);
      expect(run.stdout + run.stderr).not.toContain("DRIFT");
    } finally {
      out.remove();
    }
  },
);
