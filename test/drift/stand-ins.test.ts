/**
 * Stand-in servers that behave like SignalWire's API except for one thing each (none of them a
 * fault profile of the mock), each with a twin that differs only in being correct. The drift job
 * must find the one thing, and pass the twin.
 */
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { planIssues } from "../../src/drift/issues";
import type { DriftReport } from "../../src/drift";
import { startStandIn, type Rewrite } from "../support/stand-in";
import { readAll, runCliInProcess, tempDir } from "./harness";

/** Every SIP endpoint object of a successful answer (one object, or a page's items), changed by `fn`. */
const everyEndpoint =
  (fn: (endpoint: Record<string, unknown>) => Record<string, unknown>): Rewrite =>
  (_req, body, status) => {
    if (status !== 200 || body === null || typeof body !== "object") return undefined;
    if (Array.isArray(body.data)) return { status, body: { ...body, data: body.data.map(fn) } };
    return body.type === "sip_endpoint" ? { status, body: fn(body) } : undefined;
  };

/** Runs the command line against a stand-in; returns the report and every text the run left. */
async function runAgainst(rewrite: Rewrite, args: string[]) {
  const standIn = await startStandIn(rewrite);
  const out = tempDir("stand-in");
  try {
    const env = { SIGNALWIRE_BASE_URL: standIn.baseUrl, SIGNALWIRE_PROJECT_ID: standIn.mock.credentials.projectId, SIGNALWIRE_API_TOKEN: standIn.mock.credentials.apiToken };
    const run = await runCliInProcess(["--target", "live", "--out", out.path, ...args], env);
    const report = JSON.parse(readFileSync(join(out.path, "report.json"), "utf8")) as DriftReport;
    const texts = [...readAll(out.path), { file: "stdout", text: run.stdout }, { file: "stderr", text: run.stderr }];
    return { run, report, texts };
  } finally {
    out.remove();
    await standIn.close();
  }
}

const keys = (report: DriftReport) => [...new Set(report.findings.map((f) => `${f.check} ${f.operationId} ${f.pointer.replace(/\/data\/\d+/, "/data/*")}`))].sort();

describe("a server that reveals passwords", () => {
  // Values the server invents: the run never sent them, so only reading what came back can find them.
  const invented = new Set<string>();
  const revealing = everyEndpoint((endpoint) => {
    const password = `srv-canary-pw-${String(endpoint.id).slice(0, 8)}`;
    const secret = `srv-canary-secret-${String(endpoint.id).slice(0, 8)}`;
    invented.add(password).add(secret);
    return { ...endpoint, password, secret };
  });

  it("is breaking drift (write-only-returned), and no value it revealed is written anywhere", async () => {
    const { run, report, texts } = await runAgainst(revealing, ["--mode", "read-write", "--suggest-spec"]);
    expect(run.code).toBe(1);
    expect(report.outcome).toBe("drift");
    expect(keys(report).filter((k) => k.startsWith("write-only-returned"))).toEqual([
      "write-only-returned create_sip_endpoint /password",
      "write-only-returned list_sip_endpoints /data/*/password",
      "write-only-returned retrieve_sip_endpoint /password",
      "write-only-returned update_sip_endpoint /password",
    ]);
    expect(report.findings.find((f) => f.check === "write-only-returned")!.severity).toBe("breaking");
    // The secret-named key is still an undocumented field; its suggestion holds no value of it.
    expect(keys(report)).toContain("field-undocumented retrieve_sip_endpoint /secret");
    expect(invented.size).toBeGreaterThan(10);
    const plan = planIssues(report, [], "https://ci.example/run/1");
    const all = [...texts, ...plan.open.map((issue) => ({ file: `issue ${issue.title}`, text: `${issue.title}\n${issue.body}` }))];
    expect(all.map((t) => t.file)).toEqual(expect.arrayContaining(["stdout", "stderr", expect.stringMatching(/exchanges\.har$/), expect.stringMatching(/openapi\.suggested\.yaml$/)]));
    for (const { file, text } of all) for (const value of invented) if (text.includes(value)) throw new Error(`${file} holds a value the server revealed (${value})`);
  });

  it("its twin, which reveals nothing, passes", async () => {
    const { run, report } = await runAgainst(everyEndpoint((endpoint) => ({ ...endpoint })), ["--mode", "read-write"]);
    expect(report.findings).toEqual([]);
    expect(report.outcome).toBe("pass");
    expect(run.code).toBe(0);
  });
});
