/**
 * Secrets never reach any output of a drift run: not the report files, not the job summary, not
 * the console. The target here is hostile on purpose: it echoes passwords it was sent in later
 * answers, where the checks quote values.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createDriftSend, formatSummary, runDrift, startEmbeddedMock, writeReports } from "../../src/drift";
import { startMockServer } from "../../src/mock";
import { readAll, runCliInProcess, tempDir } from "./harness";

const CANARY_TOKEN = "PTcanary-7d1e0c5f-token-that-must-never-leak";

/** The forms a secret can take on the way out: as is, URL-encoded, base64, and inside a Basic credential. */
function forms(secret: string, projectId: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    Buffer.from(secret).toString("base64"),
    Buffer.from(`${projectId}:${secret}`).toString("base64"),
  ];
}

function expectClean(outputs: Array<{ file: string; text: string }>, secrets: string[]): void {
  for (const { file, text } of outputs) {
    for (const secret of secrets) {
      if (text.includes(secret)) throw new Error(`${file} contains a secret (${secret.slice(0, 6)}…)`);
    }
  }
}

describe("no secret in any output", () => {
  it("the CLI's files, job summary, stdout and stderr hold neither the token nor its encodings", async () => {
    const mock = await startMockServer({
      port: 0,
      seedCount: 3,
      projectId: "canary-project",
      apiToken: CANARY_TOKEN,
      env: {},
    });
    const out = tempDir("canary-cli");
    const summary = join(out.path, "step-summary.md");
    try {
      const env = {
        SIGNALWIRE_BASE_URL: mock.url,
        SIGNALWIRE_PROJECT_ID: "canary-project",
        SIGNALWIRE_API_TOKEN: CANARY_TOKEN,
        GITHUB_STEP_SUMMARY: summary,
      };
      const runs = [
        await runCliInProcess(["--target", "live", "--mode", "read-write", "--out", join(out.path, "rw")], env),
        await runCliInProcess(["--target", "live", "--json", "--out", join(out.path, "json")], env),
        await runCliInProcess(["--target", "live", "--cleanup"], env),
      ];
      expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
      const outputs = [
        ...readAll(out.path),
        ...runs.flatMap((r, i) => [
          { file: `stdout ${i}`, text: r.stdout },
          { file: `stderr ${i}`, text: r.stderr },
        ]),
      ];
      const written = ["report.json", "junit.xml", "report.md", "report.sarif", "exchanges.har"].map((f) =>
        join(out.path, "rw", f),
      );
      expect(outputs.map((o) => o.file)).toEqual(expect.arrayContaining([...written, summary]));
      // The recording holds the requests' Authorization header, scrubbed.
      expect(readFileSync(join(out.path, "rw", "exchanges.har"), "utf8")).toContain(
        '"name": "authorization",\n              "value": "[REDACTED]"',
      );
      expectClean(outputs, forms(CANARY_TOKEN, "canary-project"));
      expect(readFileSync(summary, "utf8")).toContain("# Drift report: PASS");
    } finally {
      out.remove();
      await mock.close();
    }
  });

  it("the engine's report scrubs passwords a hostile target echoes back, in every rendering", async () => {
    const target = await startEmbeddedMock({ seedCount: 3 });
    const sent: string[] = [];
    // Remembers every password sent, and puts the latest one into answers where checks quote values.
    const hostileFetch = async (url: string, init: RequestInit): Promise<Response> => {
      const body = typeof init.body === "string" ? (JSON.parse(init.body) as { password?: string }) : undefined;
      if (body?.password) sent.push(body.password);
      const response = await fetch(url, init);
      const leak = sent.at(-1);
      if (
        init.method !== "GET" ||
        !leak ||
        response.status !== 200 ||
        !/\/endpoints\/sip\/[^/?]+$/.test(new URL(url).pathname)
      )
        return response;
      const endpoint = (await response.json()) as Record<string, unknown>;
      return new Response(
        JSON.stringify({ ...endpoint, encryption: leak, call_video_room_id: `not a uuid ${leak}`, sip_password: leak }),
        { status: 200, headers: response.headers },
      );
    };
    const out = tempDir("canary-engine");
    try {
      const { report, har, secrets } = await runDrift({
        target,
        send: createDriftSend(target, { fetch: hostileFetch }),
        mode: "read-write",
      });
      expect(sent.length).toBeGreaterThan(10);
      // The leak was seen and reported, with the value scrubbed.
      expect(report.findings.map((f) => f.check)).toEqual(
        expect.arrayContaining(["enum-value-unknown", "format-mismatch", "field-undocumented"]),
      );
      expect(report.findings.find((f) => f.check === "enum-value-unknown")!.actual).toContain("[REDACTED]");
      const files = await writeReports(report, out.path, secrets, { stepSummary: join(out.path, "summary.md"), har });
      expect(files).toHaveLength(6);
      const outputs = [
        ...readAll(out.path),
        { file: "console summary", text: formatSummary(report, { color: false }) },
      ];
      expectClean(outputs, [...sent, ...forms(target.credentials.apiToken, target.credentials.projectId)]);
    } finally {
      out.remove();
      await target.close();
    }
  });

  it("the Basic payload of the credentials is scrubbed even when a target echoes it without its prefix", async () => {
    const target = await startEmbeddedMock({ seedCount: 3 });
    let echoed = 0;
    // Quotes the bare base64 of `project:token` from the Authorization header where checks quote values.
    const hostileFetch = async (url: string, init: RequestInit): Promise<Response> => {
      const response = await fetch(url, init);
      const authorization = (init.headers as Record<string, string> | undefined)?.authorization ?? "";
      if (init.method !== "GET" || response.status !== 200 || !/\/endpoints\/sip\/[^/?]+$/.test(new URL(url).pathname))
        return response;
      echoed++;
      const endpoint = (await response.json()) as Record<string, unknown>;
      return new Response(JSON.stringify({ ...endpoint, encryption: authorization.replace(/^Basic /, "") }), {
        status: 200,
        headers: response.headers,
      });
    };
    const out = tempDir("canary-basic-payload");
    try {
      const { report, har, secrets } = await runDrift({
        target,
        send: createDriftSend(target, { fetch: hostileFetch }),
        mode: "read-only",
      });
      expect(echoed).toBeGreaterThan(0);
      expect(report.findings.find((f) => f.check === "enum-value-unknown")!.actual).toContain("[REDACTED]");
      await writeReports(report, out.path, secrets, { har });
      const outputs = [
        ...readAll(out.path),
        { file: "console summary", text: formatSummary(report, { color: false }) },
      ];
      expectClean(outputs, forms(target.credentials.apiToken, target.credentials.projectId));
    } finally {
      out.remove();
      await target.close();
    }
  });
});
