/**
 * The recording at scale: a walk of 10,000 endpoints (ten 1,000-item pages, more than three times
 * the pages kept) keeps its first --har-pages followed pages and its last, so the file stays a few
 * MB however large the Space is. The bench walks 100,000 (docs/bench.md); here the bound is the point.
 */
import { createDriftSend, renderHar, runDrift, startEmbeddedMock } from "../../src/drift";

describe("exchanges.har at scale", () => {
  it("keeps a walk of 10,000 endpoints to its first --har-pages pages and its last", async () => {
    const target = await startEmbeddedMock({ seedCount: 10_000 });
    try {
      const { har, report } = await runDrift({
        target,
        send: createDriftSend(target),
        mode: "read-only",
        pageSize: 1000,
        harPages: 2,
      });
      expect(report.summary.requests).toBeGreaterThan(10);
      const followed = new Map<string, number>();
      for (const e of har.log.entries) if (e._followsLink) followed.set(e._step, (followed.get(e._step) ?? 0) + 1);
      for (const count of followed.values()) expect(count).toBeLessThanOrEqual(3);
      expect(har.log.entries.length + har.log._omittedListPages).toBe(report.summary.requests);
      // Eight 1,000-item pages at most, whatever the number of endpoints.
      expect(renderHar(har).length).toBeLessThan(5_000_000);
      const walk = har.log.entries.filter((e) => e._step.startsWith("walk every page"));
      expect(walk.at(-1)!.request.url).toContain("page_number=9");
    } finally {
      await target.close();
    }
  }, 30_000);
});
