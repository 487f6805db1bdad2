/** The table of which checks each mode judges is what the scenarios actually evaluate. */
import { ALL_CHECKS } from "../../src/checks";
import { CHECKS_JUDGED } from "../../src/drift/scenarios/judged";
import { runEngine } from "./harness";

test.each(["read-only", "read-write"] as const)(
  "%s: the honest mock's run evaluates exactly the checks the table names",
  async (mode) => {
    const { report } = await runEngine({ mode });
    const evaluated = report.checks
      .filter((c) => c.evaluated)
      .map((c) => c.id)
      .sort();
    expect(evaluated).toEqual([...CHECKS_JUDGED[mode]].sort());
    expect(report.checks.map((c) => c.id)).toEqual(ALL_CHECKS.map((c) => c.id));
    for (const c of report.checks.filter((x) => !x.evaluated)) expect(c.note).toMatch(/read-only runs do not judge it/);
  },
);
