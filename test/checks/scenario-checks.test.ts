import { ALL_CHECKS, runScenarioCheck, SCENARIO_CHECKS, type Finding } from "../../src/checks";
import { endpointWithId, exchange, listBody, uuid } from "./exchanges";

const { authNotEnforced, invalidInputAccepted, resourceStillAvailable, resourceUnavailable, paginationInconsistent } = SCENARIO_CHECKS;

const page = (ids: number[], next?: string) => exchange("list_sip_endpoints", 200, listBody(ids.map((n) => endpointWithId(uuid(n))), next));

interface Row {
  name: string;
  check: string;
  run: () => Finding[];
  /** Pointers of the findings, in order; [] means the check stays quiet. */
  want: string[];
}

const rows: Row[] = [
  { name: "no credentials answered 200", check: "auth-not-enforced", run: () => runScenarioCheck(authNotEnforced, { exchange: exchange("list_sip_endpoints", 200, listBody([])), credentials: "none" }), want: [""] },
  { name: "wrong credentials answered 401", check: "auth-not-enforced", run: () => runScenarioCheck(authNotEnforced, { exchange: exchange("list_sip_endpoints", 401, { error: "Unauthorized" }), credentials: "wrong" }), want: [] },
  { name: "page_size 0 answered 200", check: "invalid-input-accepted", run: () => runScenarioCheck(invalidInputAccepted, { exchange: exchange("list_sip_endpoints", 200, listBody([])), pointer: "/page_size", rule: "must be >= 1" }), want: ["/page_size"] },
  { name: "page_size 0 answered 422", check: "invalid-input-accepted", run: () => runScenarioCheck(invalidInputAccepted, { exchange: exchange("list_sip_endpoints", 422, { errors: [] }), pointer: "/page_size", rule: "must be >= 1" }), want: [] },
  { name: "retrieve after delete answered 200", check: "resource-still-available", run: () => runScenarioCheck(resourceStillAvailable, { exchange: exchange("retrieve_sip_endpoint", 200, endpointWithId(uuid(1))), deletedId: uuid(1) }), want: [""] },
  { name: "list after delete still shows it", check: "resource-still-available", run: () => runScenarioCheck(resourceStillAvailable, { exchange: page([2, 1]), deletedId: uuid(1) }), want: ["/data/1/id"] },
  { name: "retrieve after delete answered 404", check: "resource-still-available", run: () => runScenarioCheck(resourceStillAvailable, { exchange: exchange("retrieve_sip_endpoint", 404, { error: "Not Found" }), deletedId: uuid(1) }), want: [] },
  { name: "list after delete without it", check: "resource-still-available", run: () => runScenarioCheck(resourceStillAvailable, { exchange: page([2, 3]), deletedId: uuid(1) }), want: [] },
  { name: "retrieve after create answered 404", check: "resource-unavailable", run: () => runScenarioCheck(resourceUnavailable, { exchange: exchange("retrieve_sip_endpoint", 404, { error: "Not Found" }), createdId: uuid(1) }), want: [""] },
  { name: "walk after create never showed it", check: "resource-unavailable", run: () => runScenarioCheck(resourceUnavailable, { exchange: page([2]), createdId: uuid(1), listed: new Set([uuid(2)]) }), want: ["/data"] },
  { name: "retrieve after create answered 200", check: "resource-unavailable", run: () => runScenarioCheck(resourceUnavailable, { exchange: exchange("retrieve_sip_endpoint", 200, endpointWithId(uuid(1))), createdId: uuid(1) }), want: [] },
  { name: "retrieve after create answered 418 (another check's business)", check: "resource-unavailable", run: () => runScenarioCheck(resourceUnavailable, { exchange: exchange("retrieve_sip_endpoint", 418, { error: "I'm a teapot" }), createdId: uuid(1) }), want: [] },
  { name: "retrieve after create answered 503 (transient, not evidence)", check: "resource-unavailable", run: () => runScenarioCheck(resourceUnavailable, { exchange: exchange("retrieve_sip_endpoint", 503, { error: "Service Unavailable" }), createdId: uuid(1) }), want: [] },
  { name: "walk after create showed it on an earlier page", check: "resource-unavailable", run: () => runScenarioCheck(resourceUnavailable, { exchange: page([2]), createdId: uuid(1), listed: new Set([uuid(1), uuid(2)]) }), want: [] },
  { name: "duplicates across pages", check: "pagination-inconsistent", run: () => runScenarioCheck(paginationInconsistent, { kind: "page", exchange: page([3, 4]), pageSize: 2, ids: [uuid(3), uuid(4)], seen: new Set([uuid(1), uuid(4)]) }), want: ["/data/1/id"] },
  { name: "duplicate within a page", check: "pagination-inconsistent", run: () => runScenarioCheck(paginationInconsistent, { kind: "page", exchange: page([3, 3]), pageSize: 2, ids: [uuid(3), uuid(3)], seen: new Set<string>() }), want: ["/data/1/id"] },
  { name: "page larger than page_size", check: "pagination-inconsistent", run: () => runScenarioCheck(paginationInconsistent, { kind: "page", exchange: page([1, 2, 3]), pageSize: 2, ids: [uuid(1), uuid(2), uuid(3)], seen: new Set<string>() }), want: ["/data"] },
  { name: "next missing while more exist", check: "pagination-inconsistent", run: () => runScenarioCheck(paginationInconsistent, { kind: "end", exchange: page([3, 4]), walked: 4, probeSize: 5, probeCount: 5 }), want: ["/links/next"] },
  { name: "a clean page", check: "pagination-inconsistent", run: () => runScenarioCheck(paginationInconsistent, { kind: "page", exchange: page([3, 4]), pageSize: 2, ids: [uuid(3), uuid(4)], seen: new Set([uuid(1), uuid(2)]) }), want: [] },
  { name: "a walk that ends where the probe ends", check: "pagination-inconsistent", run: () => runScenarioCheck(paginationInconsistent, { kind: "end", exchange: page([3, 4]), walked: 4, probeSize: 5, probeCount: 4 }), want: [] },
];

describe("scenario checks", () => {
  it.each(rows)("$check: $name", ({ check, run, want }) => {
    const findings = run();
    expect(findings.map((f) => f.pointer)).toEqual(want);
    const info = ALL_CHECKS.find((c) => c.id === check)!;
    for (const f of findings) expect(f).toMatchObject({ check, severity: info.severity, id: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it("has a firing and a quiet row for every scenario check", () => {
    for (const check of Object.values(SCENARIO_CHECKS)) {
      const mine = rows.filter((r) => r.check === check.id);
      expect({ check: check.id, fires: mine.some((r) => r.want.length > 0), quiet: mine.some((r) => r.want.length === 0) }).toEqual({ check: check.id, fires: true, quiet: true });
    }
  });
});

describe("the catalogue", () => {
  it("lists the 15 checks once each, with kebab-case ids and a severity", () => {
    const ids = ALL_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(15);
    for (const c of ALL_CHECKS) {
      expect(c.id).toMatch(/^[a-z]+(-[a-z]+)+$/);
      expect(["breaking", "warning", "info"]).toContain(c.severity);
      expect(c.firesWhen.length).toBeGreaterThan(10);
    }
  });
});
