/**
 * Coverage by the published criteria (TCL0–TCL7): counted on small specs built for it, exchange by
 * exchange, then on runs against the mock and their replays.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseSpec } from "../../src/spec-build/load";
import { buildOperationIndex } from "../../src/spec-build/operation-index";
import { specFactsOf } from "../../src/spec-build/facts";
import { CoverageTracker, coverageShortfalls, type CoverageModel } from "../../src/drift/coverage";
import { operations } from "../../src/spec";
import type { HttpExchange } from "../../src/checks";
import { parseJson } from "../../src/json-text";
import { createDriftSend, runDrift, startEmbeddedMock } from "../../src/drift";
import { FAST_SEND, runCliInProcess, runEngine, tempDir } from "./harness";

/** Things: a list with a bounded size and an enum kind, linking to its first item; one thing; a create. */
const SMALL = `
openapi: 3.1.0
info: { title: things, version: "1" }
servers: [{ url: "https://api.example.test/v1" }]
paths:
  /things:
    get:
      operationId: list_things
      parameters:
        - { name: size, in: query, schema: { type: integer, minimum: 1, maximum: 10 } }
        - { name: kind, in: query, schema: { type: string, enum: [a, b] } }
      responses:
        "200":
          description: a page
          content: { application/json: { schema: { $ref: "#/components/schemas/Page" } } }
          links:
            first_thing: { operationId: get_thing, parameters: { id: $response.body#/items/0/id } }
        "404": { $ref: "#/components/responses/Error" }
    post:
      operationId: create_thing
      requestBody: { content: { application/json: { schema: { $ref: "#/components/schemas/Thing" } } } }
      responses:
        "201": { description: made, content: { application/json: { schema: { $ref: "#/components/schemas/Thing" } } } }
        "422": { $ref: "#/components/responses/Error" }
        "429": { $ref: "#/components/responses/Error" }
        "500": { $ref: "#/components/responses/Error" }
  /things/{id}:
    get:
      operationId: get_thing
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        "200": { description: one, content: { application/json: { schema: { $ref: "#/components/schemas/Thing" } } } }
        "404": { $ref: "#/components/responses/Error" }
components:
  responses:
    Error: { description: error, content: { application/json: { schema: { $ref: "#/components/schemas/Error" } } } }
  schemas:
    Page: { type: object, properties: { items: { type: array, items: { $ref: "#/components/schemas/Thing" } } } }
    Thing: { type: object, properties: { id: { type: string }, name: { type: string }, note: { type: [string, "null"] } } }
    Error: { type: object, properties: { error: { type: string } } }
`;

function smallModel(readOnly = false): CoverageModel {
  const spec = parseSpec("small.yaml", SMALL);
  const index = Object.fromEntries(buildOperationIndex(spec.doc).map((op) => [op.operationId, op]));
  return {
    operations: index,
    schemaProperties: specFactsOf(spec, "small.yaml").schemaProperties,
    basePath: "/v1",
    readOnly,
  };
}

const BASE = "https://api.example.test/v1";
let sent: HttpExchange[] = [];
function answer(
  coverage: CoverageTracker,
  operationId: string,
  method: string,
  path: string,
  status: number,
  body: unknown,
  requestType?: string,
): void {
  const exchange = {
    operationId,
    method,
    url: `${BASE}${path}`,
    status,
    headers: { "content-type": "application/json" },
    bodyText: JSON.stringify(body),
    ...(requestType ? { requestHeaders: { "content-type": requestType } } : {}),
  } as HttpExchange;
  sent.push(exchange);
  coverage.recordRequest(exchange);
  coverage.record(exchange, parseJson(exchange.bodyText));
}

beforeEach(() => {
  sent = [];
});

describe("the criteria on a small spec", () => {
  it("counts every item and misses all of them before any request: TCL0", () => {
    const { criteria, level } = new CoverageTracker(smallModel()).summary();
    expect(level).toBe(0);
    expect(Object.fromEntries(Object.entries(criteria).map(([c, v]) => [c, v.total]))).toEqual({
      paths: 2,
      operations: 3,
      // list and get answer JSON; create takes and answers JSON.
      contentTypes: 4,
      parameters: 3,
      // size 1 and 10, kind a and b.
      parameterValues: 4,
      statusClasses: 6,
      // 429 and 500 no client can provoke: left out, and said so.
      statusCodes: 6,
      responseProperties: 5,
      flows: 1,
    });
    expect(criteria.statusCodes.excluded).toEqual([
      "create_thing 429 (no client can provoke it)",
      "create_thing 500 (no client can provoke it)",
    ]);
    expect(criteria.parameterValues.missing).toEqual([
      "list_things size=1",
      "list_things size=10",
      "list_things kind=a",
      "list_things kind=b",
    ]);
    expect(criteria.responseProperties.missing).toEqual([
      "Page.items",
      "Thing.id",
      "Thing.name",
      "Thing.note",
      "Error.error",
    ]);
    expect(criteria.flows.missing).toEqual(["list_things → get_thing (first_thing)"]);
  });

  it("rises level by level as the exchanges cover each criterion, up to TCL7 with the link followed", () => {
    const coverage = new CoverageTracker(smallModel());
    const thing = { id: "t1", name: "one", note: null };
    answer(coverage, "list_things", "GET", "/things?size=1&kind=a", 200, { items: [thing] });
    answer(coverage, "get_thing", "GET", "/things/t2", 404, { error: "Not Found" });
    answer(coverage, "create_thing", "POST", "/things", 201, { id: "t2", name: "two", note: null }, "application/json");
    expect(new CoverageTracker(smallModel()).summary().level).toBe(0);
    // Both paths, every operation, every content type: TCL3; list and create lack a 4xx, get a 2xx (in the spec's order).
    let summary = coverage.summary();
    expect(summary.level).toBe(3);
    expect(summary.criteria.statusClasses.missing).toEqual(["list_things 4XX", "create_thing 4XX", "get_thing 2XX"]);
    // A property seen only as null is not covered: nothing said what its values look like.
    expect(summary.criteria.responseProperties.missing).toEqual(["Thing.note"]);
    // The link names t1; a retrieve of t2 did not follow it.
    expect(summary.criteria.flows.covered).toBe(0);

    answer(coverage, "list_things", "GET", "/things?size=10&kind=b", 404, { error: "Not Found" });
    answer(coverage, "create_thing", "POST", "/things", 422, { error: "bad" }, "application/json");
    answer(coverage, "get_thing", "GET", "/things/t1", 200, { id: "t1", name: "one", note: "a note" });
    summary = coverage.summary();
    expect(summary.criteria.flows).toEqual({ covered: 1, total: 1, missing: [] });
    expect(summary.criteria.responseProperties.missing).toEqual([]);
    expect(summary.level).toBe(7);
    expect(Object.values(summary.criteria).every((c) => c.covered === c.total)).toBe(true);
  });

  it("a link counts only when the request carries the value the answer gave", () => {
    const coverage = new CoverageTracker(smallModel());
    answer(coverage, "get_thing", "GET", "/things/t1", 200, { id: "t1", name: "one", note: null });
    answer(coverage, "list_things", "GET", "/things", 200, { items: [{ id: "t1" }] });
    // t1 was retrieved before the page named it: that is no flow followed.
    expect(coverage.summary().criteria.flows.covered).toBe(0);
    answer(coverage, "get_thing", "GET", "/things/t1", 200, { id: "t1", name: "one", note: null });
    expect(coverage.summary().criteria.flows.covered).toBe(1);
  });

  it("names in a read-only run what only read-write can cover", () => {
    const { criteria } = new CoverageTracker(smallModel(true)).summary();
    expect(criteria.operations.missing).toEqual(["list_things", "create_thing — read-write only", "get_thing"]);
    expect(criteria.contentTypes.missing).toContain("create_thing request application/json — read-write only");
  });

  it("a required coverage falls short with the criterion and its numbers", () => {
    const { criteria } = new CoverageTracker(smallModel()).summary();
    expect(coverageShortfalls(criteria, { responseProperties: 80, paths: 0 })).toEqual([
      "coverage of responseProperties is 0% (0 of 5), below the required 80%",
    ]);
  });
});

describe("runs against the mock", () => {
  const linksInSpec = new Set(
    Object.values(operations).flatMap((op) =>
      Object.values(op.responses as Record<string, { links: readonly { name: string }[] }>).flatMap((r) =>
        r.links.map((l) => `${op.operationId} ${l.name}`),
      ),
    ),
  ).size;

  it("the default read-write run covers every operation, path, parameter, SIP endpoint property and link", async () => {
    const { report } = await runEngine({ mode: "read-write" });
    const { criteria, level } = report.coverage;
    expect(criteria.operations).toEqual({ covered: 5, total: 5, missing: [] });
    expect(criteria.paths).toEqual({ covered: 2, total: 2, missing: [] });
    expect(criteria.parameters.missing).toEqual([]);
    expect(criteria.responseProperties.missing.filter((p) => p.startsWith("SipEndpoint."))).toEqual([]);
    expect(criteria.flows.covered).toBeGreaterThanOrEqual(linksInSpec);
    expect(linksInSpec).toBeGreaterThan(0);
    expect(level).toBeGreaterThanOrEqual(4);
  });

  it("a read-only run of a Space without endpoints is no drift, and names what it never saw", async () => {
    const { report } = await runEngine({ mode: "read-only", seedCount: 0 });
    expect(report.outcome).toBe("pass");
    const missing = report.coverage.criteria.responseProperties.missing;
    expect(missing).toEqual(
      expect.arrayContaining(["SipEndpoint.id", "SipEndpoint.username", "SipEndpoint.call_handler"]),
    );
  });

  it("with --min-coverage it is inconclusive, naming the criterion", async () => {
    const target = await startEmbeddedMock({ seedCount: 0 });
    try {
      const { report } = await runDrift({
        target,
        send: createDriftSend(target, FAST_SEND),
        mode: "read-only",
        minCoverage: { responseProperties: 80 },
      });
      expect({ outcome: report.outcome, exitCode: report.exitCode }).toEqual({ outcome: "inconclusive", exitCode: 2 });
      expect(report.reasons).toEqual([
        expect.stringMatching(/^coverage of responseProperties is [\d.]+% \(\d+ of \d+\), below the required 80%$/),
      ]);
    } finally {
      await target.close();
    }
  });

  it("a read-only run of endpoints covers list and retrieve and names the three write operations", async () => {
    const { report } = await runEngine({ mode: "read-only" });
    expect(report.coverage.criteria.operations.missing).toEqual([
      "create_sip_endpoint — read-write only",
      "update_sip_endpoint — read-write only",
      "delete_sip_endpoint — read-write only",
    ]);
    expect(
      report.coverage.criteria.responseProperties.missing.filter((p) => p.startsWith("SipEndpoint.")),
    ).not.toContain("SipEndpoint.id");
  });

  it("through the command line: the level in the summary, --min-coverage in force, and the replay counts the same", async () => {
    const dir = tempDir("coverage-");
    try {
      const run = await runCliInProcess(["--out", dir.path, "--min-coverage", "statusCodes=100"], {});
      expect(run.code).toBe(2);
      expect(run.stdout).toMatch(/^ {2}coverage: TCL\d; paths 2\/2, operations 5\/5, /m);
      expect(run.stdout).toMatch(/coverage of statusCodes is [\d.]+% \(\d+ of \d+\), below the required 100%/);
      const live = JSON.parse(readFileSync(join(dir.path, "report.json"), "utf8"));
      const replay = await runCliInProcess(
        ["--replay", join(dir.path, "exchanges.har"), "--out", join(dir.path, "replay"), "--json"],
        {},
      );
      expect(replay.code).toBe(0);
      expect(JSON.parse(replay.stdout).coverage).toEqual(live.coverage);
    } finally {
      dir.remove();
    }
  });
});
