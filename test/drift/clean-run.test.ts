/** Against the honest mock the run passes, exercises every operation, and walks pages as asked. */
import { ALL_CHECKS } from "../../src/checks";
import { createDriftSend, runDrift, startEmbeddedMock } from "../../src/drift";
import { FAST_SEND, runEngine } from "./harness";

describe("a clean mock", () => {
  it("read-write: pass, exit 0, no finding, every operation and every check exercised", async () => {
    const { report } = await runEngine({ mode: "read-write" });
    expect({
      outcome: report.outcome,
      exitCode: report.exitCode,
      reasons: report.reasons,
      findings: report.findings,
    }).toEqual({ outcome: "pass", exitCode: 0, reasons: [], findings: [] });
    expect(report.summary.findings).toEqual({ breaking: 0, warning: 0, info: 0 });
    expect(report.steps.filter((s) => s.result !== "passed")).toEqual([]);
    const seen = Object.fromEntries(
      report.coverage.operations.map((op) => [op.operationId, Object.keys(op.exercised)]),
    );
    expect(seen).toEqual({
      list_sip_endpoints: ["200", "401", "422"],
      create_sip_endpoint: ["200", "401", "422"],
      retrieve_sip_endpoint: ["200", "401", "404"],
      update_sip_endpoint: ["200", "401", "422"],
      delete_sip_endpoint: ["204", "401"],
    });
    expect(report.coverage.operationsNotExercised).toEqual([]);
    expect(report.coverage.operations.find((op) => op.operationId === "list_sip_endpoints")!.notExercised).toEqual([
      "429",
      "500",
    ]);
    expect(new Set(report.evaluated.map((e) => e.check))).toEqual(new Set(ALL_CHECKS.map((c) => c.id)));
    expect(report.spec).toEqual({ path: "openapi/openapi.yaml", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("read-only: pass, and no write request at all", async () => {
    const { report, mock } = await runEngine({ mode: "read-only" });
    expect(report.outcome).toBe("pass");
    expect(report.coverage.operationsNotExercised).toEqual([
      "create_sip_endpoint",
      "update_sip_endpoint",
      "delete_sip_endpoint",
    ]);
    expect(report.cleanup).toBeUndefined();
    expect(mock.endpoints()).toHaveLength(12);
  });
});

describe("the page walk", () => {
  it.each([
    { given: "23 endpoints, 5 a page", seedCount: 23, maxPages: 100, pages: 5 },
    { given: "20 endpoints, 5 a page: a full last page is probed once", seedCount: 20, maxPages: 100, pages: 5 },
    { given: "23 endpoints, --max-pages 2", seedCount: 23, maxPages: 2, pages: 2 },
  ])("$given → $pages requests, pass", async ({ seedCount, maxPages, pages }) => {
    const target = await startEmbeddedMock({ seedCount });
    try {
      const { report } = await runDrift({
        target,
        send: createDriftSend(target, FAST_SEND),
        mode: "read-only",
        pageSize: 5,
        maxPages,
      });
      expect(report.outcome).toBe("pass");
      expect(report.steps.find((s) => s.name.startsWith("walk every page"))!.requests).toBe(pages);
    } finally {
      await target.close();
    }
  });
});
