/**
 * The soak in miniature (a fraction of a second, a handful of clients, each making at least 30
 * operations however slow the machine is): the same code as `npm run soak`, so its verdict is
 * shown to pass on the honest mock and to fail on a mock that loses track of deletes or fails
 * requests. Figures, not speed, are asserted.
 */
import { formatSoak, runSoak } from "../../src/load";
import { CANARY, expectNoCanary } from "../support/canary";

const tiny = {
  durationMs: 150,
  minOperationsPerClient: 30,
  concurrency: 6,
  seedCount: 5,
  credentials: { projectId: CANARY.projectId, apiToken: CANARY.apiToken },
  password: CANARY.password,
};

test("the honest mock: every request answered, every endpoint accounted for, the heap measured", async () => {
  const report = await runSoak(tiny);
  expect(report).toMatchObject({ ok: true, errors: 0, lost: 0, duplicated: 0, unexpected: 0, concurrency: 6 });
  expect(report.requests).toBeGreaterThan(0);
  expect(report.created).toBeGreaterThan(0);
  expect(report.listed).toBe(report.expected);
  expect(report.expected).toBe(5 + report.created - report.deleted);
  expect(report.memory.baselineBytes).toBeGreaterThan(0);
  expect(report.memory.retainedBytes).toBeLessThanOrEqual(report.memory.toleranceBytes);
  const printed = formatSoak(report);
  expect(printed).toMatch(/^soak: 6 clients for 0\.15 s against the mock: OK/);
  expect(printed).toMatch(/consistency {2}lost 0, duplicated 0, unexpected 0/);
  expectNoCanary(printed, "the soak figures");
});

test.each([
  {
    fault: "still-there-after-delete" as const,
    want: { unexpected: expect.any(Number) },
    why: "deleted endpoints are still listed",
  },
  { fault: "flaky-500" as const, want: { errors: expect.any(Number) }, why: "reads fail" },
])("a mock where $why fails the soak", async ({ fault, want }) => {
  const report = await runSoak({ ...tiny, fault });
  expect(report.ok).toBe(false);
  expect(report).toMatchObject(want);
  const [key] = Object.keys(want) as Array<"unexpected" | "errors">;
  expect(report[key!]).toBeGreaterThan(0);
  expectNoCanary(formatSoak(report), `the ${fault} soak figures`);
});
