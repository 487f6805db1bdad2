/**
 * Runtime validation through the check catalogue: `off` returns what came, `warn` reports findings
 * through the hook, `throw` raises InvalidResponseError with JSON pointers. A success the typed
 * methods cannot return at all is an InvalidResponseError in every mode.
 */
import {
  InvalidResponseError,
  isInvalidResponseError,
  isNotFoundError,
  type ClientExchange,
  type ValidationMode,
} from "../../src/client";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Finding } from "../../src/checks";
import { endpoint, ID, json, page, rejection, scriptedFetch, testClient } from "./fixtures";

function validating(mode: ValidationMode, reply: ReturnType<typeof json>) {
  const reports: { findings: Finding[]; exchange: ClientExchange }[] = [];
  const { fetch } = scriptedFetch(reply);
  const { client } = testClient(fetch, {
    validateResponses: mode,
    onFindings: (findings, exchange) => reports.push({ findings, exchange }),
  });
  return { client, reports };
}

const drifted = { ...endpoint(), caller_id: 42, encryption: "sometimes", surprise: true };

describe("a response that breaks the spec", () => {
  it("off: returned as it came, no findings", async () => {
    const { client, reports } = validating("off", json(200, drifted));
    expect(await client.retrieve(ID)).toEqual(drifted);
    expect(reports).toEqual([]);
  });

  it("warn: returned, and the hook hears each finding with its pointer", async () => {
    const { client, reports } = validating("warn", json(200, drifted));
    expect(await client.retrieve(ID)).toEqual(drifted);
    expect(reports).toHaveLength(1);
    const found = reports[0]!.findings.map((f) => [f.check, f.pointer]);
    expect(found).toEqual(
      expect.arrayContaining([
        ["field-type-mismatch", "/caller_id"],
        ["enum-value-unknown", "/encryption"],
        ["field-undocumented", "/surprise"],
      ]),
    );
    expect(reports[0]!.exchange).toMatchObject({ operationId: "retrieve_sip_endpoint", status: 200 });
  });

  it("throw: raises InvalidResponseError listing the breaking findings with pointers", async () => {
    const { client, reports } = validating("throw", json(200, drifted));
    const error = await rejection(client.retrieve(ID));
    expect(isInvalidResponseError(error)).toBe(true);
    const invalid = error as InvalidResponseError;
    expect(invalid).toMatchObject({ operationId: "retrieve_sip_endpoint", method: "GET", status: 200 });
    expect(invalid.findings.map((f) => f.pointer)).toEqual(
      expect.arrayContaining(["/caller_id", "/encryption", "/surprise"]),
    );
    expect(invalid.message).toMatch(
      /^GET \S+ answered 200 with a response that breaks the spec: .*\/caller_id field-type-mismatch/,
    );
    expect(reports).toHaveLength(1);
  });

  it("throw: an undocumented field alone (a warning) does not throw, but is reported", async () => {
    const { client, reports } = validating("throw", json(200, { ...endpoint(), surprise: 1 }));
    await client.retrieve(ID);
    expect(reports[0]!.findings.map((f) => [f.check, f.severity])).toEqual([["field-undocumented", "warning"]]);
  });

  it("throw: an error status still raises its ApiError, carrying the findings", async () => {
    const { client } = validating("throw", json(404, { message: "gone" }));
    const error = await rejection(client.retrieve(ID));
    expect(isNotFoundError(error)).toBe(true);
    expect((error as { findings: Finding[] }).findings.map((f) => f.check)).toContain("field-missing");
  });

  it("throw: validates pages of a list, too", async () => {
    const { client } = validating(
      "throw",
      json(200, page([endpoint(), { ...endpoint(), call_handler: "default" as never }])),
    );
    const error = (await rejection(client.list())) as InvalidResponseError;
    expect(error.findings.map((f) => [f.check, f.pointer])).toContainEqual([
      "enum-value-unknown",
      "/data/1/call_handler",
    ]);
  });
});

it("a conforming response gives no findings in any mode", async () => {
  for (const mode of ["warn", "throw"] as const) {
    const { client, reports } = validating(mode, json(200, endpoint()));
    expect(await client.retrieve(ID)).toEqual(endpoint());
    expect(reports).toEqual([]);
  }
});

describe("a success the typed methods cannot use is an InvalidResponseError even with validation off", () => {
  const cases = [
    {
      name: "not JSON",
      reply: () => new Response("<html>", { status: 200, headers: { "content-type": "text/html" } }),
      check: "body-not-json",
    },
    {
      name: "empty",
      reply: () => new Response("", { status: 200, headers: { "content-type": "application/json" } }),
      check: "body-not-json",
    },
    { name: "an array", reply: json(200, [endpoint()]), check: "field-type-mismatch" },
  ];
  it.each(cases)("retrieve answering $name", async ({ reply, check }) => {
    const { client } = validating("off", reply);
    const error = (await rejection(client.retrieve(ID))) as InvalidResponseError;
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.findings.map((f) => f.check)).toContain(check);
  });

  it("a list page without a data array", async () => {
    const { client } = validating("off", json(200, { links: { self: "x", first: "x" }, items: [] }));
    const error = (await rejection(client.list())) as InvalidResponseError;
    expect(error.findings.map((f) => [f.check, f.pointer])).toContainEqual(["field-missing", "/data"]);
  });
});

describe('validateResponses: "warn" without onFindings', () => {
  it("writes each finding once per finding id to Node's warning channel (stderr), never dropping it", () => {
    // A process of its own: the warning channel is the real process's, which a test sandbox is not.
    const script = `
      import { createSipEndpointsClient } from ${JSON.stringify(resolve(__dirname, "../../src/client/index.ts"))};
      const endpoint = ${JSON.stringify({ ...endpoint, created_at: "2024-01-01", surprise: 1 })};
      const fetch = async () => new Response(JSON.stringify(endpoint), { status: 200, headers: { "content-type": "application/json" } });
      const client = createSipEndpointsClient({ baseUrl: "https://example.signalwire.com/api/relay/rest", projectId: "p", apiToken: "PTwarn-canary-token", fetch, validateResponses: "warn" });
      for (let i = 0; i < 3; i++) await client.retrieve(${JSON.stringify(ID)});
    `;
    const dir = mkdtempSync(join(tmpdir(), "warn-"));
    const file = join(dir, "warn.mts");
    writeFileSync(file, script);
    const run = spawnSync(process.execPath, ["--import", "tsx", file], {
      cwd: resolve(__dirname, "../.."),
      encoding: "utf8",
      timeout: 30_000,
    });
    rmSync(dir, { recursive: true, force: true });
    expect(run.status).toBe(0);
    const count = (text: string) => run.stderr.split(text).length - 1;
    expect(count("field-undocumented at /created_at")).toBe(1);
    expect(count("field-undocumented at /surprise")).toBe(1);
    expect(run.stderr).toContain("SipEndpointsSpecWarning");
    expect(run.stderr).not.toContain("PTwarn-canary-token");
  });
});

describe("throw mode and error statuses", () => {
  it.each([
    { status: 300, body: { surprise: 1 }, kind: "ApiError" },
    { status: 404, body: { error: 5 }, kind: "NotFoundError" },
  ])(
    "a $status breaking the spec is still its status's error ($kind), carrying the findings",
    async ({ status, body, kind }) => {
      const { client, reports } = validating("throw", json(status, body));
      const error = await rejection(client.retrieve(ID));
      expect(isInvalidResponseError(error)).toBe(false);
      expect((error as Error).name).toBe(kind);
      expect(reports[0]!.findings.some((f) => f.severity === "breaking")).toBe(true);
    },
  );
});
