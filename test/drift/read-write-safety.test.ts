/**
 * Read-write runs change only what they created, and remove all of it: on a normal run, when the
 * run is interrupted (abort signal in-process, SIGTERM to the CLI), and never anything foreign.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createDriftSend, runDrift, startEmbeddedMock, type DriftTarget } from "../../src/drift";
import { addForeignEndpoints, FAST_SEND, FOREIGN_USERNAMES, tempDir } from "./harness";

const ROOT = resolve(__dirname, "..", "..");
let target: DriftTarget;

beforeEach(async () => {
  target = await startEmbeddedMock({ seedCount: 6 });
  await addForeignEndpoints(target.mock!);
});
afterEach(() => target.close());

const snapshot = () => target.mock!.endpoints();

describe("read-write safety", () => {
  it("leaves the Space exactly as it found it after a full run", async () => {
    const before = snapshot();
    const { report } = await runDrift({
      target,
      send: createDriftSend(target, FAST_SEND),
      mode: "read-write",
      pageSize: 4,
    });
    expect(report.outcome).toBe("pass");
    expect(report.cleanup).toEqual({ created: 12, deleted: 12, leftovers: [] });
    expect(snapshot()).toEqual(before);
    expect(before.map((e) => e.username)).toEqual(expect.arrayContaining(FOREIGN_USERNAMES));
  });

  it("removes what it created when interrupted in the middle of creating", async () => {
    const before = snapshot();
    const controller = new AbortController();
    let createSteps = 0;
    let lastStep = "";
    const { report } = await runDrift({
      target,
      send: createDriftSend(target, FAST_SEND),
      mode: "read-write",
      signal: controller.signal,
      onProgress: (event) => {
        // One create step per handler kind: the fifth one's start stops the run after four creates.
        if (event.step !== lastStep && event.step.startsWith("create one endpoint (") && ++createSteps === 5)
          controller.abort();
        lastStep = event.step;
      },
    });
    expect(report.outcome).toBe("inconclusive");
    expect(report.exitCode).toBe(2);
    expect(report.reasons).toContain("the run was interrupted");
    expect(report.cleanup).toEqual({ created: 4, deleted: 4, leftovers: [] });
    expect(snapshot()).toEqual(before);
  });

  it("removes what it created when the CLI gets SIGTERM", async () => {
    const before = snapshot();
    const out = tempDir("sigterm");
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "scripts/drift.ts", "--target", "live", "--mode", "read-write", "--out", out.path],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          SIGNALWIRE_BASE_URL: target.baseUrl,
          SIGNALWIRE_PROJECT_ID: target.credentials.projectId,
          SIGNALWIRE_API_TOKEN: target.credentials.apiToken,
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    // Signal as soon as the run has created its first endpoint.
    const created = await new Promise<boolean>((done) => {
      const timer = setInterval(() => {
        if (snapshot().some((e) => /^drift-[0-9a-z]+-/.test(e.username) && !FOREIGN_USERNAMES.includes(e.username))) {
          clearInterval(timer);
          done(true);
        }
      }, 2);
      void exited.then(() => {
        clearInterval(timer);
        done(false);
      });
    });
    expect(created).toBe(true);
    child.kill("SIGTERM");
    expect(await exited).toBe(2);
    expect(snapshot()).toEqual(before);
    const report = JSON.parse(readFileSync(join(out.path, "report.json"), "utf8"));
    expect(report).toMatchObject({
      outcome: "inconclusive",
      reasons: expect.arrayContaining(["the run was interrupted"]),
    });
    expect(stdout).toMatch(/^INCONCLUSIVE/);
    out.remove();
  });
});
