/**
 * A server that answers as SignalWire's published spec allows, to the letter, where our mock does
 * not: relative query-only page links, 201 for create and update, `application/json;
 * charset=utf-8`, gzip-compressed bodies. The drift job must pass it with no warning.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { startMockServer, type MockServer } from "../../src/mock";
import { runCliInProcess, tempDir } from "./harness";
import { readFileSync } from "node:fs";
import { join } from "node:path";

let mock: MockServer;
let proxy: Server;
let baseUrl: string;

beforeAll(async () => {
  mock = await startMockServer({ seedCount: 7 });
  proxy = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const upstream = await fetch(`${mock.url.replace(/\/api\/relay\/rest$/, "")}${req.url}`, {
      method: req.method,
      headers: Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => ["authorization", "content-type"].includes(k)) as Array<
          [string, string]
        >,
      ),
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    let text = await upstream.text();
    let status = upstream.status;
    if (status === 200 && (req.method === "POST" || req.method === "PUT")) status = 201;
    if (text && req.method === "GET") {
      const body = JSON.parse(text);
      if (body.links) {
        for (const key of Object.keys(body.links)) body.links[key] = new URL(body.links[key]).search;
        text = JSON.stringify(body);
      }
    }
    if (status === 204) return res.writeHead(204).end();
    const gz = gzipSync(text);
    res
      .writeHead(status, {
        "content-type": "application/json; charset=utf-8",
        "content-encoding": "gzip",
        "content-length": gz.length,
      })
      .end(gz);
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", () => r()));
  baseUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/api/relay/rest`;
});

afterAll(async () => {
  await new Promise((r) => proxy.close(r));
  await mock.close();
});

test.each(["read-only", "read-write"])("%s: pass, exit 0, nothing at warning or above", async (mode) => {
  const out = tempDir("letter");
  try {
    const env = { SIGNALWIRE_PROJECT_ID: mock.credentials.projectId, SIGNALWIRE_API_TOKEN: mock.credentials.apiToken };
    const run = await runCliInProcess(
      ["--target", "live", "--base-url", baseUrl, "--mode", mode, "--out", out.path],
      env,
    );
    const report = JSON.parse(readFileSync(join(out.path, "report.json"), "utf8"));
    expect({ code: run.code, outcome: report.outcome, reasons: report.reasons }).toEqual({
      code: 0,
      outcome: "pass",
      reasons: [],
    });
    expect(report.findings.filter((f: { severity: string }) => f.severity !== "info")).toEqual([]);
    if (mode === "read-write")
      expect(report.findings.map((f: { check: string }) => f.check)).toContain("status-code-alternative");
  } finally {
    out.remove();
  }
});
