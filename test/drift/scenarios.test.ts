/**
 * The scenarios called directly, step by step, against an embedded mock: which requests each step
 * sends, in what order, with what values, and what the session records. `runDrift` tests judge
 * whole runs; these pin what every step does on its own.
 */
import { createDriftSend, startEmbeddedMock, type DriftTarget } from "../../src/drift";
import {
  invalidCreateBodies,
  invalidListQueries,
  invalidUpdateBodies,
  validCreateBodies,
} from "../../src/drift/fixtures";
import { removeLeftovers, removeOwned } from "../../src/drift/scenarios/cleanup";
import type { ScenarioConfig } from "../../src/drift/scenarios/config";
import { OwnedEndpoints } from "../../src/drift/scenarios/owned";
import { middleOf, readOnlyScenario } from "../../src/drift/scenarios/read-only";
import { readWriteScenario, type CleanupRecord } from "../../src/drift/scenarios/read-write";
import { DriftSession, RunStopped, type ProgressEvent, type SessionExchange } from "../../src/drift/session";
import type { DriftExchange, DriftRequest } from "../../src/drift/types";
import type { FaultName } from "../../src/mock";
import { fastFaultOptions, FAST_SEND } from "./harness";

const PREFIX = "drift-scenario1-";

interface Rig {
  target: DriftTarget;
  session: DriftSession;
  /** Every exchange the session saw, in order. */
  sent: SessionExchange[];
  config: ScenarioConfig;
}

async function withRig(
  options: {
    seedCount: number;
    fault?: FaultName;
    config?: Partial<ScenarioConfig>;
    signal?: AbortSignal;
    onProgress?: (event: ProgressEvent) => void;
    answer?: (request: DriftRequest, exchange: DriftExchange) => DriftExchange;
  },
  body: (rig: Rig) => Promise<void>,
): Promise<void> {
  const target = await startEmbeddedMock({
    seedCount: options.seedCount,
    fault: options.fault,
    faultOptions: fastFaultOptions(options.fault),
  });
  const sent: SessionExchange[] = [];
  const send = createDriftSend(target, FAST_SEND);
  const answer = options.answer;
  const session = new DriftSession(answer ? async (request) => answer(request, await send(request)) : send, {
    failOn: "warning",
    signal: options.signal,
    onProgress: options.onProgress,
    onExchange: (seen) => sent.push(seen),
  });
  const config: ScenarioConfig = {
    baseUrl: target.baseUrl,
    wrongCredentials: { projectId: target.credentials.projectId, apiToken: "wrong-token-for-the-probe" },
    pageSize: 5,
    maxPages: 100,
    sampleSize: 3,
    prefix: PREFIX,
    fixtures: {},
    inventReferences: true,
    ...options.config,
  };
  try {
    await body({ target, session, sent, config });
  } finally {
    await target.close();
  }
}

const inStep = (sent: SessionExchange[], step: string) => sent.filter((s) => s.step === step);
/** The exchanges of the create steps, one step per handler kind. */
const creating = (sent: SessionExchange[]) => sent.filter((s) => s.step.startsWith("create one endpoint (handler "));
const dataOf = (seen: SessionExchange) =>
  (JSON.parse(seen.exchange.bodyText) as { data: Array<{ id: string; username: string; caller_id?: unknown }> }).data;
const stepNames = (session: DriftSession) => session.steps.map((s) => `${s.name}: ${s.result}`);

describe("the read-only scenario, step by step", () => {
  const WALK = "walk every page (page_size 5)";

  it("lists, walks, filters by what it listed, retrieves a sample and probes auth and page_size", async () => {
    await withRig({ seedCount: 12 }, async ({ session, sent, config }) => {
      await readOnlyScenario(session, config);
      expect(stepNames(session)).toEqual([
        "list the first page: passed",
        `${WALK}: passed`,
        "list at each documented bound of its parameters: passed",
        "list with filters: passed",
        "retrieve 3 listed endpoint(s): passed",
        "retrieve an unknown id (expect 404): passed",
        "list without credentials and with wrong ones (expect 401): passed",
        "list with an invalid page_size (expect 422): passed",
      ]);
      expect(session.findings.size).toBe(0);

      const first = inStep(sent, "list the first page");
      expect(first.map((s) => s.request)).toEqual([{ operationId: "list_sip_endpoints" }]);

      // 12 endpoints at 5 a page: three pages, the last not full, so no probe for more.
      const walk = inStep(sent, WALK);
      expect(walk.map((s) => s.followsLink)).toEqual([false, true, true]);
      expect(walk[0]!.request.query).toEqual({ page_size: 5 });
      expect(walk.slice(1).every((s) => s.request.search !== undefined && s.request.query === undefined)).toBe(true);
      expect(walk.map((s) => dataOf(s).length)).toEqual([5, 5, 2]);
      expect(session.steps[1]!.requests).toBe(3);

      // The bounds the spec gives list parameters, each sent once and answered with a page.
      const bounds = inStep(sent, "list at each documented bound of its parameters");
      expect(bounds.map((s) => s.request.query)).toEqual([{ page_number: 0 }, { page_size: 1 }, { page_size: 1000 }]);
      expect(bounds.map((s) => dataOf(s).length)).toEqual([12, 1, 12]);

      const listed = dataOf(walk[0]!);
      const filters = inStep(sent, "list with filters").map((s) => s.request.query);
      const middle = (value: unknown) => (typeof value === "string" ? middleOf(value) : undefined);
      const byName = listed
        .slice(0, 3)
        .map((e) => middle(e.username))
        .find((piece) => piece !== undefined);
      const byCaller = listed
        .slice(0, 3)
        .map((e) => middle(e.caller_id))
        .find((piece) => piece !== undefined);
      expect(filters).toEqual([{ filter_username: byName ?? "drift" }, { filter_caller_id: byCaller ?? "a" }]);

      // The sample is the first three listed, retrieved in list order.
      const retrieved = inStep(sent, "retrieve 3 listed endpoint(s)");
      expect(retrieved.map((s) => [s.request.operationId, s.request.params?.id])).toEqual(
        listed.slice(0, 3).map((e) => ["retrieve_sip_endpoint", e.id]),
      );

      const unknown = inStep(sent, "retrieve an unknown id (expect 404)");
      expect(unknown).toHaveLength(1);
      expect(unknown[0]!.exchange.status).toBe(404);
      expect(listed.map((e) => e.id)).not.toContain(unknown[0]!.request.params?.id);

      const auth = inStep(sent, "list without credentials and with wrong ones (expect 401)");
      expect(auth.map((s) => [s.request.operationId, s.request.auth, s.exchange.status])).toEqual([
        ["list_sip_endpoints", "none", 401],
        ["list_sip_endpoints", config.wrongCredentials, 401],
        ["retrieve_sip_endpoint", "none", 401],
      ]);
      expect(auth[2]!.request.params).toEqual({ id: listed[0]!.id });

      const invalid = inStep(sent, "list with an invalid page_size (expect 422)");
      expect(invalid.map((s) => s.request.query)).toEqual(invalidListQueries().map((q) => q.query));
      expect(invalid.every((s) => s.invalidInput && s.exchange.status === 422)).toBe(true);
      expect(session.requests).toBe(sent.length);
    });
  });

  it("asks for one page more than it walked when the last page is full, and finds nothing hidden", async () => {
    await withRig({ seedCount: 10 }, async ({ session, sent, config }) => {
      await readOnlyScenario(session, config);
      const walk = inStep(sent, WALK);
      expect(walk.map((s) => s.request.query ?? "link")).toEqual([{ page_size: 5 }, "link", { page_size: 11 }]);
      expect(dataOf(walk[2]!)).toHaveLength(10);
      expect(session.findings.size).toBe(0);
      expect(session.steps[1]!.result).toBe("passed");
    });
  });

  it("makes no probe for more when --max-pages cut the walk short", async () => {
    await withRig({ seedCount: 12, config: { maxPages: 2 } }, async ({ session, sent, config }) => {
      await readOnlyScenario(session, config);
      const walk = inStep(sent, WALK);
      expect(walk).toHaveLength(2);
      expect(walk.every((s) => s.request.query === undefined || s.request.query.page_size === 5)).toBe(true);
      // Each filtered walk is also bounded.
      expect(inStep(sent, "list with filters").length).toBeLessThanOrEqual(4);
    });
  });

  it("counts only a 200 probe's items: an error answer that carries a bigger list shows nothing hidden", async () => {
    const errorWithList = (request: DriftRequest, exchange: DriftExchange) => {
      if (request.operationId !== "list_sip_endpoints" || request.query?.page_size !== 11) return exchange;
      const data = Array.from({ length: 11 }, (_, i) => ({
        id: `00000000-0000-4000-8000-0000000000${String(i).padStart(2, "0")}`,
      }));
      return { ...exchange, status: 500, bodyText: JSON.stringify({ data, links: {} }) };
    };
    await withRig({ seedCount: 10, answer: errorWithList }, async ({ session, sent, config }) => {
      await readOnlyScenario(session, config);
      expect(inStep(sent, WALK).map((s) => s.exchange.status)).toEqual([200, 200, 500]);
      expect(session.findings.findings().filter((f) => f.check === "pagination-inconsistent")).toEqual([]);
      // Nor does it show that nothing is hidden: the step could not judge, so it is incomplete.
      expect(session.steps[1]).toMatchObject({
        result: "incomplete",
        note: "the probe for hidden pages (page_size 11): list_sip_endpoints answered 500",
      });
    });
  });

  it("filters by the middle of the first sampled caller_id that has one", async () => {
    const callerIds: unknown[] = [42, "aaaa", "Ada Lovelace"];
    const rewriteFirstPage = (request: DriftRequest, exchange: DriftExchange) => {
      if (request.operationId !== "list_sip_endpoints" || request.query?.page_size !== 5) return exchange;
      const body = JSON.parse(exchange.bodyText) as { data: Array<Record<string, unknown>> };
      body.data.forEach((item, i) => (item.caller_id = callerIds[i] ?? item.caller_id));
      return { ...exchange, bodyText: JSON.stringify(body) };
    };
    await withRig({ seedCount: 12, answer: rewriteFirstPage }, async ({ session, sent, config }) => {
      await readOnlyScenario(session, config);
      expect(
        inStep(sent, "list with filters")
          .map((s) => s.request.query?.filter_caller_id)
          .filter((v) => v !== undefined),
      ).toEqual(["da Lo"]);
    });
  });

  it("finds endpoints hidden by a missing next: a page one bigger than the walk holds more", async () => {
    let pages = 0;
    const dropSecondNext = (request: DriftRequest, exchange: DriftExchange) => {
      if (request.operationId !== "list_sip_endpoints" || request.search === undefined || ++pages !== 1)
        return exchange;
      const body = JSON.parse(exchange.bodyText) as { links: Record<string, unknown> };
      delete body.links.next;
      return { ...exchange, bodyText: JSON.stringify(body) };
    };
    await withRig({ seedCount: 15, answer: dropSecondNext }, async ({ session, sent, config }) => {
      await readOnlyScenario(session, config);
      expect(inStep(sent, WALK).map((s) => s.request.query ?? "link")).toEqual([
        { page_size: 5 },
        "link",
        { page_size: 11 },
      ]);
      const pagination = session.findings.findings().filter((f) => f.check === "pagination-inconsistent");
      expect(pagination).toHaveLength(1);
      expect(pagination[0]!.actual).toContain("after 10 endpoints, but a page of 11 holds 11");
    });
  });

  it("counts a listed item without an id as walked: its missing id is a finding, hidden pages are not", async () => {
    let first = true;
    const dropFirstId = (request: DriftRequest, exchange: DriftExchange) => {
      if (request.operationId !== "list_sip_endpoints" || request.query?.page_size !== 5 || !first) return exchange;
      first = false;
      const body = JSON.parse(exchange.bodyText) as { data: Array<Record<string, unknown>> };
      delete body.data[0]!.id;
      delete body.data[1]!.id;
      return { ...exchange, bodyText: JSON.stringify(body) };
    };
    await withRig({ seedCount: 10, answer: dropFirstId }, async ({ session, sent, config }) => {
      await readOnlyScenario(session, config);
      // Two items without an id are two endpoints walked, not one.
      expect(inStep(sent, WALK).map((s) => s.request.query ?? "link")).toEqual([
        { page_size: 5 },
        "link",
        { page_size: 11 },
      ]);
      expect(session.findings.findings().map((f) => `${f.check} ${f.pointer}`)).toEqual(["field-missing /data/0/id"]);
    });
  });

  it("cannot tell what a probe answered with something other than a page hides: the walk is incomplete", async () => {
    const probeNoList = (request: DriftRequest, exchange: DriftExchange) =>
      request.query?.page_size === 11 ? { ...exchange, bodyText: '{"links":{}}' } : exchange;
    await withRig({ seedCount: 10, answer: probeNoList }, async ({ session, config }) => {
      await readOnlyScenario(session, config);
      expect(session.steps[1]).toMatchObject({
        result: "incomplete",
        note: "the probe for hidden pages (page_size 11): the 200 body of list_sip_endpoints is no list",
      });
    });
  });

  it("asks for no bigger page than the spec allows: a walk of 1,000 ends without a probe", async () => {
    await withRig({ seedCount: 1000, config: { pageSize: 500, sampleSize: 0 } }, async ({ session, sent, config }) => {
      await readOnlyScenario(session, config);
      expect(inStep(sent, "walk every page (page_size 500)").map((s) => dataOf(s).length)).toEqual([500, 500]);
      expect(session.steps[1]!.result).toBe("passed");
    });
  });

  it("retrieves no more than the sample size, however many it listed", async () => {
    await withRig({ seedCount: 12, config: { sampleSize: 2 } }, async ({ session, sent, config }) => {
      await readOnlyScenario(session, config);
      expect(inStep(sent, "retrieve 2 listed endpoint(s)")).toHaveLength(2);
      expect(session.steps.map((s) => s.name)).toContain("retrieve 2 listed endpoint(s)");
    });
  });

  it("against an empty list: skips the retrieves, filters by placeholders and probes auth on the list only", async () => {
    await withRig({ seedCount: 0 }, async ({ session, sent, config }) => {
      await readOnlyScenario(session, config);
      expect(session.steps.find((s) => s.name === "retrieve listed endpoints")).toEqual({
        name: "retrieve listed endpoints",
        result: "skipped",
        requests: 0,
        findings: [],
        note: "the list showed no endpoint to retrieve",
      });
      expect(inStep(sent, "list with filters").map((s) => s.request.query)).toEqual([
        { filter_username: "drift" },
        { filter_caller_id: "a" },
      ]);
      expect(
        inStep(sent, "list without credentials and with wrong ones (expect 401)").map((s) => s.request.operationId),
      ).toEqual(["list_sip_endpoints", "list_sip_endpoints"]);
      // An empty first page is not full: no probe.
      expect(inStep(sent, WALK)).toHaveLength(1);
    });
  });

  const NOT_THIS_API = "answered 200 with JSON that holds neither a page envelope nor a SIP endpoint";
  it.each([
    ["200, a JSON page", 200, '{"data":[],"links":{}}', undefined],
    ["200, JSON null", 200, "null", NOT_THIS_API],
    ["200, an empty JSON list", 200, "[]", NOT_THIS_API],
    ["200, another service's JSON", 200, '{"status":"ok","items":[{"name":"x"}]}', NOT_THIS_API],
    ["200, data but no links (this API, envelope broken)", 200, '{"data":[]}', undefined],
    ["200, links but data that is no list (this API, envelope broken)", 200, '{"data":{},"links":{}}', undefined],
    ["200, links that are text (this API, envelope broken)", 200, '{"data":[],"links":"next"}', undefined],
    ["200, the list renamed (SIP endpoints inside)", 200, '{"items":[{"type":"sip_endpoint","id":"x"}]}', undefined],
    ["200, a bare list of SIP endpoints", 200, '[{"type":"sip_endpoint","id":"x"}]', undefined],
    ["203, an HTML page", 203, "<html></html>", "answered 203 with a body that is not JSON"],
    ["500, an HTML page", 500, "<html></html>", undefined],
  ])("the first list answering %s", async (_name, status, bodyText, stop) => {
    let first = true;
    const answerOnce = (request: DriftRequest, exchange: DriftExchange) => {
      if (request.operationId !== "list_sip_endpoints" || !first) return exchange;
      first = false;
      return { ...exchange, status, bodyText };
    };
    await withRig({ seedCount: 2, answer: answerOnce }, async ({ session, config }) => {
      const ended = await readOnlyScenario(session, config).then(
        () => undefined,
        (error: unknown) => error,
      );
      if (stop === undefined) {
        expect(ended).toBeUndefined();
        expect(session.steps.length).toBeGreaterThan(1);
      } else {
        expect(ended).toBeInstanceOf(RunStopped);
        expect((ended as RunStopped).reason).toContain(
          `${config.baseUrl} does not look like the SIP endpoint API: the list ${stop}`,
        );
        expect(stepNames(session)).toEqual(["list the first page: incomplete"]);
      }
    });
  });

  it("stops the run, with the reason, when the list answers 404 (not this API)", async () => {
    await withRig({ seedCount: 3 }, async ({ target, config }) => {
      const baseUrl = `${target.baseUrl}/nothing-here`;
      const session = new DriftSession(createDriftSend({ baseUrl, credentials: target.credentials }, FAST_SEND), {
        failOn: "warning",
      });
      const stopped = await readOnlyScenario(session, { ...config, baseUrl }).catch((error: unknown) => error);
      expect(stopped).toBeInstanceOf(RunStopped);
      expect((stopped as RunStopped).reason).toContain(
        `${baseUrl} does not look like the SIP endpoint API: the list answered 404`,
      );
      expect(stepNames(session)).toEqual(["list the first page: incomplete"]);
      expect(session.findings.size).toBe(0);
    });
  });
});

describe("the read-write scenario, step by step", () => {
  it("creates one endpoint per handler kind and follows each through update, retrieve, list and delete", async () => {
    await withRig({ seedCount: 3 }, async ({ target, session, sent, config }) => {
      const before = target.mock!.endpoints();
      let cleanup: CleanupRecord | undefined;
      await readWriteScenario(session, config, (record) => (cleanup = record));

      const kinds = validCreateBodies(PREFIX, () => "x").length;
      const creates = creating(sent);
      expect(creates).toHaveLength(kinds);
      expect(creates.every((s) => s.request.operationId === "create_sip_endpoint" && s.exchange.status === 200)).toBe(
        true,
      );
      const created = creates.map((s) => (JSON.parse(s.exchange.bodyText) as { id: string }).id);
      expect(new Set(created).size).toBe(kinds);

      const invalid = inStep(sent, "create invalid endpoints (expect 422)");
      expect(invalid).toHaveLength(invalidCreateBodies(PREFIX, () => "x").length);
      expect(invalid.every((s) => s.invalidInput && s.exchange.status === 422)).toBe(true);

      const idsIn = (step: string, operationId: string) =>
        inStep(sent, step)
          .filter((s) => s.request.operationId === operationId)
          .map((s) => s.request.params?.id);
      expect(idsIn("update the created endpoints", "update_sip_endpoint")).toEqual(created);
      expect(
        inStep(sent, "update the created endpoints").every(
          (s) => JSON.stringify(s.request.body) === JSON.stringify({ caller_id: "drift check (updated)" }),
        ),
      ).toBe(true);
      expect(idsIn("retrieve the created endpoints", "retrieve_sip_endpoint")).toEqual(created);
      const found = inStep(sent, "list and find the created endpoints");
      expect(found[0]!.request.query).toEqual({ filter_username: PREFIX });
      const invalidUpdates = inStep(sent, "update with an invalid body (expect 422)");
      expect(invalidUpdates.map((s) => s.request.params?.id)).toEqual(invalidUpdateBodies().map(() => created[0]));
      expect(idsIn("delete the created endpoints", "delete_sip_endpoint")).toEqual(created);
      const after = inStep(sent, "retrieve and list after delete (expect 404, not listed)");
      expect(
        after
          .filter((s) => s.request.operationId === "retrieve_sip_endpoint")
          .map((s) => [s.request.params?.id, s.exchange.status]),
      ).toEqual(created.map((id) => [id, 404]));
      expect(after.filter((s) => s.request.operationId === "list_sip_endpoints").map((s) => s.request.query)).toEqual([
        { filter_username: PREFIX },
      ]);

      // Nothing was left to clean up: one list of the prefix, one more to confirm.
      expect(inStep(sent, "clean up what this run created").map((s) => s.request.operationId)).toEqual([
        "list_sip_endpoints",
        "list_sip_endpoints",
      ]);
      expect(cleanup).toEqual({ created: kinds, deleted: kinds, leftovers: [] });
      expect(session.steps.every((s) => s.result === "passed")).toBe(true);
      expect(session.findings.size).toBe(0);
      // Only what it created was ever written to: the seeded endpoints are as they were.
      const written = sent.filter(
        (s) => s.request.operationId === "update_sip_endpoint" || s.request.operationId === "delete_sip_endpoint",
      );
      expect(written.every((s) => created.includes(s.request.params!.id))).toBe(true);
      expect(target.mock!.endpoints()).toEqual(before);
    });
  });

  it("cannot say the created endpoints are listed when the filtered list is no list: the step is incomplete, not passed", async () => {
    const notAList = (request: DriftRequest, exchange: DriftExchange) =>
      request.operationId === "list_sip_endpoints" && request.query?.filter_username === PREFIX
        ? { ...exchange, bodyText: '{"oops":true}' }
        : exchange;
    await withRig({ seedCount: 0, answer: notAList }, async ({ session, config }) => {
      await readWriteScenario(session, config, () => undefined);
      const find = session.steps.find((s) => s.name === "list and find the created endpoints")!;
      expect(find.result).toBe("incomplete");
      expect(find.note).toBe(
        `the filtered list ended before showing ${validCreateBodies(PREFIX, () => "x").length} created endpoint(s), so whether they are listed is unknown`,
      );
    });
  });

  it("cannot say the deleted endpoints are gone from the list when that list is no list: the step is incomplete", async () => {
    let prefixLists = 0;
    const secondNotAList = (request: DriftRequest, exchange: DriftExchange) =>
      request.operationId === "list_sip_endpoints" && request.query?.filter_username === PREFIX && ++prefixLists === 2
        ? { ...exchange, bodyText: '{"oops":true}' }
        : exchange;
    await withRig({ seedCount: 0, answer: secondNotAList }, async ({ session, config }) => {
      await readWriteScenario(session, config, () => undefined);
      const step = session.steps.find((s) => s.name === "retrieve and list after delete (expect 404, not listed)")!;
      expect(step.result).toBe("incomplete");
      expect(step.note).toBe(
        `the list after delete ended before its last page, so whether the ${validCreateBodies(PREFIX, () => "x").length} deleted endpoint(s) are still listed is unknown`,
      );
      expect(session.steps.find((s) => s.name === "list and find the created endpoints")!.result).toBe("passed");
    });
  });

  it("never deletes an id that only a refused create's error body named, even under the run's prefix", async () => {
    const planted = "00000000-0000-4000-8000-00000000beef";
    const errorNamingAnId = (request: DriftRequest, exchange: DriftExchange) =>
      request.operationId === "create_sip_endpoint" && exchange.status === 422
        ? { ...exchange, bodyText: JSON.stringify({ id: planted, username: `${PREFIX}planted`, errors: [] }) }
        : exchange;
    await withRig({ seedCount: 0, answer: errorNamingAnId }, async ({ session, sent, config }) => {
      let cleanup: CleanupRecord | undefined;
      await readWriteScenario(session, config, (record) => (cleanup = record));
      expect(sent.filter((s) => s.request.params?.id === planted)).toEqual([]);
      expect(cleanup!.created).toBe(validCreateBodies(PREFIX, () => "x").length);
    });
  });

  it("with no endpoint created, every step about them is skipped, saying why, and sends nothing", async () => {
    const refuseCreates = (request: DriftRequest, exchange: DriftExchange) =>
      request.operationId === "create_sip_endpoint"
        ? { ...exchange, status: 503, bodyText: '{"errors":[]}' }
        : exchange;
    await withRig({ seedCount: 0, answer: refuseCreates }, async ({ session, sent, config }) => {
      await readWriteScenario(session, config, () => undefined);
      const about = [
        "update the created endpoints",
        "retrieve the created endpoints",
        "list and find the created endpoints",
        "update with an invalid body (expect 422)",
        "delete the created endpoints",
      ];
      expect(session.steps.filter((s) => about.includes(s.name))).toEqual(
        about.map((name) => ({
          name,
          result: "skipped",
          requests: 0,
          findings: [],
          note: "this run created no endpoint (see the create steps)",
        })),
      );
      expect(
        session.steps.find((s) => s.name === "retrieve and list after delete (expect 404, not listed)"),
      ).toMatchObject({ result: "skipped", note: "no endpoint of this run was deleted (see the delete step)" });
      expect(
        sent.filter(
          (s) => s.request.operationId !== "create_sip_endpoint" && s.step !== "clean up what this run created",
        ),
      ).toEqual([]);
    });
  });

  it("finds every created endpoint on a first page cut short by --max-pages: the step is judged, not incomplete", async () => {
    const addNext = (request: DriftRequest, exchange: DriftExchange) => {
      if (request.operationId !== "list_sip_endpoints" || request.query?.filter_username !== PREFIX) return exchange;
      const body = JSON.parse(exchange.bodyText) as { links: Record<string, unknown> };
      return {
        ...exchange,
        bodyText: JSON.stringify({
          ...body,
          links: { ...body.links, next: `${exchange.url.split("?")[0]}?page_token=more` },
        }),
      };
    };
    await withRig({ seedCount: 0, config: { maxPages: 1 }, answer: addNext }, async ({ session, config }) => {
      await readWriteScenario(session, config, () => undefined);
      const find = session.steps.find((s) => s.name === "list and find the created endpoints")!;
      expect([find.result, find.note]).toEqual(["passed", undefined]);
      expect(session.findings.evaluatedPairs()).toContainEqual({
        check: "resource-unavailable",
        operationId: "list_sip_endpoints",
      });
    });
  });

  it("judges no update on retrieve when the update was not answered", async () => {
    const failUpdates = (request: DriftRequest, exchange: DriftExchange) =>
      request.operationId === "update_sip_endpoint" && !JSON.stringify(request.body).includes("sometimes")
        ? { ...exchange, status: 503, bodyText: '{"errors":[]}' }
        : exchange;
    await withRig({ seedCount: 0, answer: failUpdates }, async ({ session, config }) => {
      await readWriteScenario(session, config, () => undefined);
      expect(session.steps.find((s) => s.name === "update the created endpoints")!.result).toBe("incomplete");
      expect(session.steps.find((s) => s.name === "retrieve the created endpoints")!.result).toBe("passed");
      expect(session.findings.evaluatedPairs()).not.toContainEqual({
        check: "update-not-applied",
        operationId: "retrieve_sip_endpoint",
      });
    });
  });

  it("deletes again in cleanup what a delete did not confirm", async () => {
    let deletes = 0;
    const firstDeleteFails = (request: DriftRequest, exchange: DriftExchange) =>
      request.operationId === "delete_sip_endpoint" && request.auth === undefined && ++deletes === 1
        ? { ...exchange, status: 503, bodyText: '{"errors":[]}' }
        : exchange;
    await withRig({ seedCount: 0, answer: firstDeleteFails }, async ({ session, sent, config }) => {
      let cleanup: CleanupRecord | undefined;
      await readWriteScenario(session, config, (record) => (cleanup = record));
      // The delete step stops at the unconfirmed delete; cleanup deletes it again, then the rest.
      const created = creating(sent).map((s) => (JSON.parse(s.exchange.bodyText) as { id: string }).id);
      expect(inStep(sent, "delete the created endpoints").map((s) => s.request.params?.id)).toEqual([created[0]]);
      expect(
        inStep(sent, "clean up what this run created")
          .filter((s) => s.request.operationId === "delete_sip_endpoint")
          .map((s) => s.request.params?.id),
      ).toEqual(created);
      // Not confirmed deleted, so not looked for after delete either.
      expect(
        inStep(sent, "retrieve and list after delete (expect 404, not listed)").filter(
          (s) => s.request.operationId === "retrieve_sip_endpoint",
        ),
      ).toEqual([]);
      expect(
        session.steps.find((s) => s.name === "retrieve and list after delete (expect 404, not listed)")!.result,
      ).toBe("skipped");
      expect(cleanup).toMatchObject({ leftovers: [] });
    });
  });

  describe("a deleted endpoint's retrieve: either it is still there, or the answer must be 404", () => {
    const afterDelete = (body: (asCreated: string) => { status: number; bodyText: string }) => {
      const created = new Map<string, string>();
      const deleted = new Set<string>();
      return (request: DriftRequest, exchange: DriftExchange) => {
        if (request.operationId === "create_sip_endpoint" && exchange.status === 200)
          created.set((JSON.parse(exchange.bodyText) as { id: string }).id, exchange.bodyText);
        if (request.operationId === "delete_sip_endpoint") deleted.add(request.params!.id);
        if (request.operationId !== "retrieve_sip_endpoint" || !deleted.has(request.params!.id)) return exchange;
        return { ...exchange, ...body(created.get(request.params!.id)!) };
      };
    };
    const judged = new Set(["status-code-unexpected", "resource-still-available"]);
    const checksOnRetrieve = (session: DriftSession) =>
      [
        ...new Set(
          session.findings
            .findings()
            .filter((f) => f.operationId === "retrieve_sip_endpoint" && judged.has(f.check))
            .map((f) => f.check),
        ),
      ].sort();
    const other = '{"id":"00000000-0000-4000-8000-000000000000","type":"sip_endpoint"}';

    it.each([
      ["404", () => ({ status: 404, bodyText: '{"error":"Not Found"}' }), []],
      ["404 with HTML", () => ({ status: 404, bodyText: "<html>gone</html>" }), []],
      ["422 with errors", () => ({ status: 422, bodyText: '{"errors":[]}' }), ["status-code-unexpected"]],
      ["422 with HTML", () => ({ status: 422, bodyText: "<html>gone</html>" }), ["status-code-unexpected"]],
      [
        "200 with the endpoint itself",
        (asCreated: string) => ({ status: 200, bodyText: asCreated }),
        ["resource-still-available"],
      ],
      ["200 with an object without id", () => ({ status: 200, bodyText: "{}" }), ["resource-still-available"]],
      ["200 with JSON null", () => ({ status: 200, bodyText: "null" }), ["resource-still-available"]],
      ["200 with HTML", () => ({ status: 200, bodyText: "<html>still here</html>" }), ["resource-still-available"]],
      ["200 with another endpoint", () => ({ status: 200, bodyText: other }), ["status-code-unexpected"]],
    ])("%s", async (_name, body, want) => {
      await withRig({ seedCount: 0, answer: afterDelete(body) }, async ({ session, config }) => {
        const expectStatus = jest.spyOn(session, "expectStatus");
        await readWriteScenario(session, config, () => undefined);
        expect(checksOnRetrieve(session)).toEqual(want);
        // The status is judged exactly when the endpoint is not still there.
        const statusJudged = expectStatus.mock.calls.some(([, , situation]) =>
          situation.startsWith("retrieving deleted endpoint"),
        );
        expect(statusJudged).toBe(!want.includes("resource-still-available"));
      });
    });
  });

  it("deletes an invalid endpoint the API accepted at once, before the next create", async () => {
    await withRig({ seedCount: 0, fault: "accepts-invalid" }, async ({ target, session, sent, config }) => {
      let cleanup: CleanupRecord | undefined;
      await readWriteScenario(session, config, (record) => (cleanup = record));
      const step = inStep(sent, "create invalid endpoints (expect 422)");
      const operations = step.map((s) => s.request.operationId);
      const accepted = invalidCreateBodies(PREFIX, () => "x").length;
      expect(operations).toEqual(
        Array.from({ length: accepted }, () => ["create_sip_endpoint", "delete_sip_endpoint"]).flat(),
      );
      for (let i = 0; i < step.length; i += 2)
        expect(step[i + 1]!.request.params?.id).toBe((JSON.parse(step[i]!.exchange.bodyText) as { id: string }).id);
      const findings = session.findings.findings();
      expect(
        findings.filter(
          (f) => f.check === "invalid-input-accepted" && f.step === "create invalid endpoints (expect 422)",
        ),
      ).toHaveLength(accepted);
      expect(session.steps.find((s) => s.name === "create invalid endpoints (expect 422)")!.result).toBe("failed");
      const kinds = validCreateBodies(PREFIX, () => "x").length;
      expect(cleanup).toEqual({ created: kinds + accepted, deleted: kinds + accepted, leftovers: [] });
      expect(target.mock!.count()).toBe(0);
    });
  });

  it("cleans up what it created when the run is interrupted between steps, and then stops", async () => {
    const controller = new AbortController();
    const onProgress = (event: ProgressEvent) => {
      if (event.step === "update the created endpoints") controller.abort();
    };
    await withRig(
      { seedCount: 2, signal: controller.signal, onProgress },
      async ({ target, session, sent, config }) => {
        let cleanup: CleanupRecord | undefined;
        const stopped = await readWriteScenario(session, config, (record) => (cleanup = record)).catch(
          (error: unknown) => error,
        );
        expect(stopped).toBeInstanceOf(RunStopped);
        expect(stepNames(session)).toEqual([
          ...validCreateBodies(PREFIX, () => "x").map(
            ({ handler }) => `create one endpoint (handler ${handler}): passed`,
          ),
          "create invalid endpoints (expect 422): passed",
          "update the created endpoints: incomplete",
          "clean up what this run created: passed",
        ]);
        expect(inStep(sent, "update the created endpoints")).toHaveLength(0);
        const kinds = validCreateBodies(PREFIX, () => "x").length;
        expect(
          inStep(sent, "clean up what this run created").filter((s) => s.request.operationId === "delete_sip_endpoint"),
        ).toHaveLength(kinds);
        expect(cleanup).toEqual({ created: kinds, deleted: kinds, leftovers: [] });
        expect(target.mock!.count()).toBe(2);
      },
    );
  });
});

describe("cleanup, step by step", () => {
  async function createDirectly(target: DriftTarget, username: string): Promise<string> {
    const send = createDriftSend(target, FAST_SEND);
    const exchange = await send({
      operationId: "create_sip_endpoint",
      body: { username, password: "Passw0rd-for-cleanup" },
    });
    expect(exchange.status).toBe(200);
    return (JSON.parse(exchange.bodyText) as { id: string }).id;
  }

  it("finds and deletes an endpoint of the run whose create answer was lost, and nothing of anyone else", async () => {
    await withRig({ seedCount: 2 }, async ({ target, session, sent, config }) => {
      const lost = await createDirectly(target, `${PREFIX}lost`);
      await createDirectly(target, "drift-otherrun1-kept");
      const owned = new OwnedEndpoints(PREFIX);
      const leftovers = await removeOwned(session, config, owned);
      expect(leftovers).toEqual([]);
      expect(
        sent.filter((s) => s.request.operationId === "delete_sip_endpoint").map((s) => s.request.params?.id),
      ).toEqual([lost]);
      // Listed by the run's prefix: once to find, once to confirm.
      expect(sent.filter((s) => s.request.operationId === "list_sip_endpoints").map((s) => s.request.query)).toEqual([
        { filter_username: PREFIX },
        { filter_username: PREFIX },
      ]);
      expect(owned.deletedCount).toBe(1);
      expect(target.mock!.endpoints().map((e) => e.username)).toContain("drift-otherrun1-kept");
      expect(target.mock!.count()).toBe(3);
    });
  });

  it("--cleanup removes only usernames of the drift-<run id>- form", async () => {
    await withRig({ seedCount: 2 }, async ({ target, session, sent, config }) => {
      const gone = [
        await createDirectly(target, "drift-abc123-one"),
        await createDirectly(target, "drift-zz99yy88-two"),
      ];
      for (const username of ["drift-abc12-short-id", "drift-ABC123-upper", "xdrift-abc123-prefixed", "drift-abc123"])
        await createDirectly(target, username);
      const { found, remaining } = await removeLeftovers(session, config);
      expect(found.map((f) => f.id).sort()).toEqual([...gone].sort());
      expect(remaining).toEqual([]);
      expect(sent.filter((s) => s.request.operationId === "list_sip_endpoints").map((s) => s.request.query)).toEqual([
        { filter_username: "drift-" },
      ]);
      expect(session.steps.map((s) => `${s.name}: ${s.result}`)).toEqual([
        "find leftovers of earlier runs: passed",
        "delete 2 leftover(s): passed",
      ]);
      expect(target.mock!.count()).toBe(6);
      expect(target.mock!.endpoints().map((e) => e.id)).not.toEqual(expect.arrayContaining(gone));
    });
  });

  /** Appends items to every list answer whose query is `filter_username=<filter>`. */
  const withListed = (filter: string, extra: unknown[]) => (request: DriftRequest, exchange: DriftExchange) => {
    if (
      request.operationId !== "list_sip_endpoints" ||
      request.query?.filter_username !== filter ||
      exchange.status !== 200
    )
      return exchange;
    const body = JSON.parse(exchange.bodyText) as { data: unknown[] };
    return { ...exchange, bodyText: JSON.stringify({ ...body, data: [...body.data, ...extra] }) };
  };

  it("deletes nothing listed under the run's prefix whose id is not text", async () => {
    await withRig(
      { seedCount: 0, answer: withListed(PREFIX, [{ id: 42, username: `${PREFIX}numbered` }]) },
      async ({ session, sent, config }) => {
        expect(await removeOwned(session, config, new OwnedEndpoints(PREFIX))).toEqual([]);
        expect(sent.filter((s) => s.request.operationId === "delete_sip_endpoint")).toEqual([]);
      },
    );
  });

  it("says cleanup could not list what is left when the list of the prefix gets no answer it can read", async () => {
    const listFails = (request: DriftRequest, exchange: DriftExchange) =>
      request.operationId === "list_sip_endpoints" ? { ...exchange, status: 503, bodyText: '{"errors":[]}' } : exchange;
    await withRig({ seedCount: 0, answer: listFails }, async ({ session, config }) => {
      await session.step("clean up", () => removeOwned(session, config, new OwnedEndpoints(PREFIX)));
      expect(session.steps[0]).toMatchObject({
        result: "incomplete",
        note: "cleanup could not list what is left: the cleanup list, page 1: list_sip_endpoints answered 503",
      });
    });
  });

  it("--cleanup deletes nothing whose username is not text, even one that reads as a leftover's", async () => {
    const listed = [{ id: "00000000-0000-4000-8000-0000000000aa", username: ["drift-abc123-in-a-list"] }];
    await withRig({ seedCount: 0, answer: withListed("drift-", listed) }, async ({ session, sent, config }) => {
      const { found } = await removeLeftovers(session, config);
      expect(found).toEqual([]);
      expect(sent.filter((s) => s.request.operationId === "delete_sip_endpoint")).toEqual([]);
    });
  });

  it("--cleanup reports as remaining exactly the leftovers whose delete failed", async () => {
    await withRig({ seedCount: 0 }, async ({ target, config }) => {
      const ids = [
        await createDirectly(target, "drift-abc123-one"),
        await createDirectly(target, "drift-abc123-two"),
        await createDirectly(target, "drift-abc123-three"),
      ];
      const failing = new Set([ids[0], ids[2]]);
      const send = createDriftSend(target, FAST_SEND);
      const session = new DriftSession(
        async (request) => {
          const exchange = await send(request);
          return request.operationId === "delete_sip_endpoint" && failing.has(request.params!.id)
            ? { ...exchange, status: 403, bodyText: '{"errors":[]}' }
            : exchange;
        },
        { failOn: "warning" },
      );
      const { found, remaining } = await removeLeftovers(session, config);
      expect(found.map((f) => f.id).sort()).toEqual([...ids].sort());
      expect(remaining.map((r) => r.id).sort()).toEqual([ids[0], ids[2]].sort());
    });
  });
});

describe("the endpoints a run owns", () => {
  it("records only text ids under the run's prefix, each once", () => {
    const owned = new OwnedEndpoints(PREFIX);
    expect([
      owned.add("a", `${PREFIX}a`),
      owned.add("a", `${PREFIX}a`),
      owned.add("", `${PREFIX}b`),
      owned.add(7, `${PREFIX}c`),
      owned.add("d", "someone-else"),
      owned.add("e", 42),
    ]).toEqual([true, false, false, false, false, false]);
    expect(owned.remaining()).toEqual([{ id: "a", username: `${PREFIX}a` }]);
    expect(owned.created).toBe(1);
  });

  it("counts a deleted one found again as live, not as created twice", () => {
    const owned = new OwnedEndpoints(PREFIX);
    owned.add("a", `${PREFIX}a`);
    owned.add("b", `${PREFIX}b`);
    owned.deleted("a");
    owned.deleted("unknown");
    expect([owned.isDeleted("a"), owned.isDeleted("b"), owned.isDeleted("unknown"), owned.deletedCount]).toEqual([
      true,
      false,
      false,
      1,
    ]);
    expect(owned.add("a", `${PREFIX}a`)).toBe(true);
    expect([owned.created, owned.deletedCount, owned.isDeleted("a")]).toEqual([2, 0, false]);
    expect(owned.remaining().map((e) => e.id)).toEqual(["b", "a"]);
  });
});

describe("what an incomplete step says it was doing", () => {
  const DOWN = { status: 503, bodyText: '{"errors":[]}' };
  const NOT_JSON = { status: 200, bodyText: "<html>" };
  /** Rewrites the first answer that `picks` (request, and the ids the run has deleted so far). */
  const once = (
    picks: (request: DriftRequest, deleted: Set<string>) => boolean,
    answer: { status: number; bodyText: string },
  ) => {
    let done = false;
    const deleted = new Set<string>();
    return (request: DriftRequest, exchange: DriftExchange) => {
      const hit = !done && picks(request, deleted);
      if (request.operationId === "delete_sip_endpoint") deleted.add(request.params!.id);
      if (!hit) return exchange;
      done = true;
      return { ...exchange, ...answer };
    };
  };
  const op = (operationId: string) => (request: DriftRequest) => request.operationId === operationId;
  const afterDelete = (request: DriftRequest, deleted: Set<string>) =>
    request.operationId === "retrieve_sip_endpoint" && deleted.has(request.params!.id);
  const listOf = (query: Record<string, unknown>) => (request: DriftRequest) =>
    request.operationId === "list_sip_endpoints" && JSON.stringify(request.query) === JSON.stringify(query);
  const nth = (operationId: string, n: number) => {
    let seen = 0;
    return (request: DriftRequest) => request.operationId === operationId && ++seen === n;
  };
  const filteredByPrefix = (nth: number) => {
    let seen = 0;
    return (request: DriftRequest) =>
      request.operationId === "list_sip_endpoints" && request.query?.filter_username === PREFIX && ++seen === nth;
  };

  it.each([
    [
      "read-write",
      "create one endpoint (handler none)",
      op("create_sip_endpoint"),
      DOWN,
      "a valid create (none): create_sip_endpoint answered 503, so nothing could be judged",
    ],
    [
      "read-write",
      "create one endpoint (handler none)",
      op("create_sip_endpoint"),
      NOT_JSON,
      "create (none): the 200 body of create_sip_endpoint is not JSON",
    ],
    [
      "read-write",
      "update the created endpoints",
      op("update_sip_endpoint"),
      DOWN,
      "updating created endpoint {id}: update_sip_endpoint answered 503, so nothing could be judged",
    ],
    [
      "read-write",
      "update the created endpoints",
      op("update_sip_endpoint"),
      NOT_JSON,
      "update {id}: the 200 body of update_sip_endpoint is not JSON",
    ],
    [
      "read-write",
      "retrieve the created endpoints",
      op("retrieve_sip_endpoint"),
      DOWN,
      "retrieving created endpoint {id}: retrieve_sip_endpoint answered 503, so nothing could be judged",
    ],
    [
      "read-write",
      "list and find the created endpoints",
      filteredByPrefix(1),
      DOWN,
      "the filtered list, page 1: list_sip_endpoints answered 503",
    ],
    [
      "read-write",
      "create, update and delete without credentials (expect 401)",
      (request: DriftRequest) => request.operationId === "update_sip_endpoint" && request.auth === "none",
      DOWN,
      "auth-not-enforced: update_sip_endpoint answered 503, so nothing could be judged",
    ],
    [
      "read-write",
      "delete the created endpoints",
      (request: DriftRequest) => request.operationId === "delete_sip_endpoint" && request.auth === undefined,
      DOWN,
      "deleting endpoint {id}, which this run created: delete_sip_endpoint answered 503, so nothing could be judged",
    ],
    [
      "read-write",
      "retrieve and list after delete (expect 404, not listed)",
      afterDelete,
      DOWN,
      "retrieving deleted endpoint {id}: retrieve_sip_endpoint answered 503, so nothing could be judged",
    ],
    [
      "read-write",
      "retrieve and list after delete (expect 404, not listed)",
      filteredByPrefix(2),
      DOWN,
      "the list after delete, page 1: list_sip_endpoints answered 503",
    ],
    [
      "read-only",
      "list the first page",
      op("list_sip_endpoints"),
      DOWN,
      "the first page: list_sip_endpoints answered 503",
    ],
    [
      "read-only",
      "walk every page (page_size 5)",
      listOf({ page_size: 5 }),
      DOWN,
      "the walk, page 1: list_sip_endpoints answered 503",
    ],
    [
      "read-only",
      "list at each documented bound of its parameters",
      listOf({ page_size: 1000 }),
      DOWN,
      "a list with page_size=1000: list_sip_endpoints answered 503",
    ],
    [
      "read-only",
      "list with filters",
      (request: DriftRequest) => request.query?.filter_username !== undefined,
      DOWN,
      "filter_username, page 1: list_sip_endpoints answered 503",
    ],
    [
      "read-only",
      "list with filters",
      (request: DriftRequest) => request.query?.filter_caller_id !== undefined,
      DOWN,
      "filter_caller_id, page 1: list_sip_endpoints answered 503",
    ],
    [
      "read-only",
      "retrieve 3 listed endpoint(s)",
      op("retrieve_sip_endpoint"),
      DOWN,
      "retrieving listed endpoint {id}: retrieve_sip_endpoint answered 503, so nothing could be judged",
    ],
    [
      "read-only",
      "retrieve 3 listed endpoint(s)",
      op("retrieve_sip_endpoint"),
      NOT_JSON,
      "retrieve {id}: the 200 body of retrieve_sip_endpoint is not JSON",
    ],
    [
      "cleanup",
      "find leftovers of earlier runs",
      op("list_sip_endpoints"),
      DOWN,
      "the leftover list, page 1: list_sip_endpoints answered 503",
    ],
    // The three listed endpoints are retrieved first, then the unknown id.
    [
      "read-only",
      "retrieve an unknown id (expect 404)",
      nth("retrieve_sip_endpoint", 4),
      DOWN,
      "retrieving an id nobody created: retrieve_sip_endpoint answered 503, so nothing could be judged",
    ],
    // A probe that got no answer says nothing about what it probes: the step cannot pass.
    [
      "read-only",
      "list without credentials and with wrong ones (expect 401)",
      (request: DriftRequest) => request.auth === "none",
      DOWN,
      "auth-not-enforced: list_sip_endpoints answered 503, so nothing could be judged",
    ],
    [
      "read-only",
      "list with an invalid page_size (expect 422)",
      listOf({ page_size: 0 }),
      DOWN,
      "invalid-input-accepted: list_sip_endpoints answered 503, so nothing could be judged",
    ],
    [
      "read-write",
      "create invalid endpoints (expect 422)",
      (request: DriftRequest) =>
        request.operationId === "create_sip_endpoint" && JSON.stringify(request.body).includes("invalid"),
      DOWN,
      "invalid-input-accepted: create_sip_endpoint answered 503, so nothing could be judged",
    ],
    [
      "read-write",
      "update with an invalid body (expect 422)",
      (request: DriftRequest) =>
        request.operationId === "update_sip_endpoint" && JSON.stringify(request.body).includes("sometimes"),
      DOWN,
      "invalid-input-accepted: update_sip_endpoint answered 503, so nothing could be judged",
    ],
  ] as const)("%s, %s, the answer rewritten: %#", async (mode, step, picks, answer, note) => {
    await withRig({ seedCount: 4, answer: once(picks, answer) }, async ({ session, sent, config }) => {
      if (mode === "read-only") await readOnlyScenario(session, config);
      else if (mode === "read-write") await readWriteScenario(session, config, () => undefined);
      else await removeLeftovers(session, config);
      const record = session.steps.find((s) => s.name === step)!;
      const rewritten = sent.find(
        (s) => s.exchange.status === answer.status && s.exchange.bodyText === answer.bodyText && s.step === step,
      )!;
      expect(record).toMatchObject({
        result: "incomplete",
        note: note.replace("{id}", rewritten.request.params?.id ?? ""),
      });
    });
  });
});
