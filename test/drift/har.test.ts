/**
 * The recording (`exchanges.har`) and its replay: the file is HAR 1.2 as the format's JSON Schema
 * describes it (har-schema, draft-06), and a replay against the same spec finds exactly what the live run's response checks found — per fault
 * profile of the mock — while listing the scenario checks it cannot redo as not evaluated.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json";
import harSchemas from "har-schema";
import { RESPONSE_CHECKS } from "../../src/checks";
import {
  createDriftSend,
  HAR_FILE,
  HarError,
  readHar,
  renderHar,
  replayDrift,
  runDrift,
  startEmbeddedMock,
  type DriftReport,
} from "../../src/drift";
import { FAULT_NAMES, type FaultName } from "../../src/mock";
import { clock, modeFor, runCliInProcess, runEngine, tempDir, thrownBy } from "./harness";

const RESPONSE_CHECK_IDS = new Set<string>(RESPONSE_CHECKS.map((c) => c.id));

function harValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft06);
  addFormats(ajv);
  const { har, ...parts } = harSchemas;
  for (const schema of Object.values(parts)) ajv.addSchema(schema);
  return ajv.compile(har!);
}

const findingKeys = (report: DriftReport) =>
  report.findings.map((f) => `${f.id} ${f.check} ${f.operationId} ${f.pointer} ×${f.occurrences}`).sort();

describe("exchanges.har", () => {
  it("is HAR 1.2 by the format's schema, and holds every exchange of a small run", async () => {
    const run = await runEngine({ mode: "read-write" });
    const valid = harValidator();
    const ok = valid(JSON.parse(renderHar(run.har)));
    expect(valid.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(run.har.log.entries).toHaveLength(run.report.summary.requests);
    expect(run.har.log._omittedListPages).toBe(0);
    const create = run.har.log.entries.find((e) => e._operationId === "create_sip_endpoint")!;
    expect(create.request.postData?.mimeType).toBe("application/json");
    expect(create.request.headers).toContainEqual({ name: "authorization", value: "[REDACTED]" });
    expect(create.response.content.text).toMatch(/^\{/);
  });
});

describe("--replay judges a recording against the current spec", () => {
  const sendFor = (fault: FaultName) => (fault === "slow" ? { timeoutMs: 300, retry: { maxAttempts: 1 } } : undefined);

  it.each(FAULT_NAMES.map((fault) => [fault]))(
    "%s: the replay finds what the live run's response checks found",
    async (fault) => {
      const mode = modeFor(fault);
      const live = await runEngine({ fault, mode, send: sendFor(fault) });
      const replayed = await replayDrift({
        recording: readHar(renderHar(live.har), "exchanges.har"),
        failOn: live.report.failOn,
      });
      const liveResponseFindings = {
        ...live.report,
        findings: live.report.findings.filter((f) => RESPONSE_CHECK_IDS.has(f.check)),
      };
      expect(findingKeys(replayed)).toEqual(findingKeys(liveResponseFindings));
      expect(replayed.target).toEqual({ kind: "replay", baseUrl: live.report.target.baseUrl, mode });
      // A request that got no answer (the `slow` run's last) has nothing to record.
      expect(replayed.summary.requests).toBe(live.har.log.entries.length);
      // A replay of a run that stopped early (the `slow` one) cannot pass either.
      expect(replayed.reasons.some((r) => r.startsWith("the recorded run stopped early"))).toBe(
        live.har.log._stopped !== null,
      );
      if (live.har.log._stopped !== null) expect(live.report.reasons).toContain(live.har.log._stopped);
    },
  );

  it("lists the scenario checks as not evaluated, with why, and never as passed", async () => {
    const live = await runEngine({ mode: "read-write" });
    const replayed = await replayDrift({ recording: readHar(renderHar(live.har), "x.har"), failOn: "warning" });
    expect(replayed.outcome).toBe("pass");
    for (const check of replayed.checks) {
      if (RESPONSE_CHECK_IDS.has(check.id)) expect(check.evaluated).toBe(true);
      else
        expect(check).toMatchObject({
          evaluated: false,
          note: expect.stringMatching(/a replay judges each recorded answer on its own/),
        });
    }
    expect(replayed.steps.map((s) => s.name)).toEqual(
      live.report.steps.filter((s) => s.requests > 0).map((s) => s.name),
    );
  });

  it("says how many followed pages the recording left out", async () => {
    const target = await startEmbeddedMock({ seedCount: 40 });
    try {
      const { har } = await runDrift({
        target,
        send: createDriftSend(target),
        mode: "read-only",
        pageSize: 5,
        harPages: 1,
      });
      const replayed = await replayDrift({ recording: readHar(renderHar(har), "x.har"), failOn: "warning" });
      expect(har.log._omittedListPages).toBeGreaterThan(0);
      expect(replayed.steps.at(-1)).toEqual({
        name: "pages not recorded",
        result: "skipped",
        requests: 0,
        findings: [],
        note: `${har.log._omittedListPages} page(s) the live run followed through links.next were not recorded (--har-pages), so this replay did not judge them`,
      });
    } finally {
      await target.close();
    }
  });

  const entry = {
    request: { method: "GET", url: "https://example.signalwire.com/api/relay/rest/endpoints/sip" },
    response: { status: 200, headers: [], content: { text: "{}" } },
  };
  it.each([
    ["not JSON", "{ log:", /x\.har is not JSON/],
    ["not a HAR", JSON.stringify({ entries: [] }), /is not a HAR file: it has no log\.entries list/],
    ["another version", JSON.stringify({ log: { version: "2.0", entries: [entry] } }), /log\.version "2\.0"/],
    ["empty", JSON.stringify({ log: { version: "1.2", entries: [] } }), /has no entries/],
    [
      "a status that is no number",
      JSON.stringify({ log: { version: "1.2", entries: [{ ...entry, response: { status: "200" } }] } }),
      /entry 1: response\.status must be a whole number/,
    ],
    [
      "a relative URL",
      JSON.stringify({
        log: { version: "1.2", entries: [{ ...entry, request: { method: "GET", url: "/endpoints/sip" } }] },
      }),
      /entry 1: request\.url is not an absolute URL/,
    ],
    [
      "another API",
      JSON.stringify({
        log: {
          version: "1.2",
          entries: [
            entry,
            { ...entry, request: { method: "GET", url: "https://example.com/api/relay/rest/phone_numbers" } },
          ],
        },
      }),
      /entry 2: GET \/api\/relay\/rest\/phone_numbers is no operation of the spec/,
    ],
    [
      "headers that are no list",
      JSON.stringify({
        log: { version: "1.2", entries: [{ ...entry, response: { status: 200, headers: { a: "b" } } }] },
      }),
      /entry 1: response\.headers must be a list/,
    ],
    [
      "a header that is no pair",
      JSON.stringify({
        log: { version: "1.2", entries: [{ ...entry, response: { status: 200, headers: ["content-type"] } }] },
      }),
      /entry 1: response\.headers must be a list/,
    ],
    [
      "a header without a name",
      JSON.stringify({
        log: { version: "1.2", entries: [{ ...entry, response: { status: 200, headers: [{ value: "x" }] } }] },
      }),
      /entry 1: response\.headers must be a list/,
    ],
    [
      "a header whose value is a number",
      JSON.stringify({
        log: {
          version: "1.2",
          entries: [{ ...entry, response: { status: 200, headers: [{ name: "content-length", value: 2 }] } }],
        },
      }),
      /entry 1: response\.headers must be a list/,
    ],
    [
      "retried answers that are no list",
      JSON.stringify({ log: { version: "1.2", entries: [{ ...entry, _retried: { status: 429 } }] } }),
      /entry 1: _retried must be a list of \{ status, headers, text \}/,
    ],
    [
      "a retried answer without a text",
      JSON.stringify({ log: { version: "1.2", entries: [{ ...entry, _retried: [{ status: 429, headers: [] }] }] } }),
      /entry 1: _retried: item 1 must have a whole-number status and a text/,
    ],
    [
      "a retried answer with a bad header",
      JSON.stringify({
        log: {
          version: "1.2",
          entries: [{ ...entry, _retried: [{ status: 429, headers: [{ name: "x" }], text: "" }] }],
        },
      }),
      /entry 1: _retried: item 1: headers must be a list/,
    ],
    [
      "a base64 body",
      JSON.stringify({
        log: {
          version: "1.2",
          entries: [{ ...entry, response: { status: 200, content: { text: "e30=", encoding: "base64" } } }],
        },
      }),
      /base64/,
    ],
  ])("refuses a recording that is %s, saying where", (_name, text, message) => {
    const refused = thrownBy(() => readHar(text, "x.har"));
    expect(refused).toBeInstanceOf(HarError);
    expect(refused).toMatchObject({ name: "HarError", message: expect.stringMatching(message) });
  });

  it("times itself by the clock it is given, never negatively", async () => {
    const recording = readHar(JSON.stringify({ log: { version: "1.2", entries: [entry] } }), "x.har");
    const report = await replayDrift({ recording, failOn: "warning", now: clock(1_000, 1_750) });
    expect(report).toMatchObject({ startedAt: new Date(1_000).toISOString(), durationMs: 750 });
    expect((await replayDrift({ recording, failOn: "warning", now: clock(2_000, 1_000) })).durationMs).toBe(0);
  });

  it("stops where the recording shows the run's own credentials refused, and says so rather than that the run stopped early", async () => {
    const refused = {
      ...entry,
      _step: "walk every page",
      response: {
        status: 401,
        headers: [{ name: "Content-Type", value: "application/json" }],
        content: { text: '{"error":"Unauthorized"}' },
      },
    };
    const text = JSON.stringify({
      log: {
        version: "1.2",
        _stopped: "the recorded reason",
        entries: [refused, { ...entry, _step: "retrieve each listed endpoint" }],
      },
    });
    const report = await replayDrift({ recording: readHar(text, "x.har"), failOn: "warning" });
    expect(report.outcome).toBe("inconclusive");
    expect(report.summary.requests).toBe(1);
    expect(report.steps.map((s) => [s.name, s.result])).toEqual([["walk every page", "incomplete"]]);
    expect(report.reasons.join("\n")).toContain("the target refused the given credentials (401 on list_sip_endpoints)");
    expect(report.reasons.join("\n")).not.toContain("the recorded reason");
  });

  it("reads a HAR written by another tool, finding each operation by its path", async () => {
    const text = JSON.stringify({
      log: {
        version: "1.2",
        entries: [
          {
            ...entry,
            response: {
              status: 200,
              headers: [{ name: "Content-Type", value: "application/json" }],
              content: { text: '{"links":{},"data":[{"id":1}]}' },
            },
          },
        ],
      },
    });
    const report = await replayDrift({ recording: readHar(text, "browser.har"), failOn: "warning" });
    expect(report.target.baseUrl).toBe("https://example.signalwire.com/api/relay/rest");
    expect(report.findings.map((f) => f.check)).toEqual(
      expect.arrayContaining(["field-missing", "field-type-mismatch"]),
    );
  });
});

describe("the drift command with --replay", () => {
  it("replays a recording offline and writes every report but the recording itself", async () => {
    const out = tempDir("replay-cli");
    try {
      const live = await runCliInProcess(["--mock-fault", "extra-field", "--out", out.path], {});
      expect(live.code).toBe(1);
      const harPath = join(out.path, HAR_FILE);
      const recorded = readFileSync(harPath, "utf8");
      const replay = await runCliInProcess(["--replay", harPath, "--out", out.path, "--json"], {});
      expect(replay.code).toBe(1);
      const report = JSON.parse(replay.stdout) as DriftReport;
      expect(report.target.kind).toBe("replay");
      expect(new Set(report.findings.map((f) => f.check))).toEqual(new Set(["field-undocumented"]));
      expect(readFileSync(harPath, "utf8")).toBe(recorded);
      expect(JSON.parse(readFileSync(join(out.path, "report.json"), "utf8")).target.kind).toBe("replay");
    } finally {
      out.remove();
    }
  });

  it.each([
    [["--replay", "x.har", "--target", "live"], /--target has no effect with --replay/],
    [
      ["--replay", "x.har", "--mode", "read-write", "--har-pages", "3"],
      /--mode, --har-pages have no effect with --replay/,
    ],
    [["--replay", ""], /--replay must name a HAR file/],
    [["--har-pages=-1"], /--har-pages must be a whole number of at least 0, not "-1"/],
    [["--har-pages", "all"], /--har-pages must be a whole number of at least 0, not "all"/],
  ])("%j is refused", async (argv, message) => {
    const run = await runCliInProcess(argv, {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("names a recording it cannot read, and what is wrong with it", async () => {
    const dir = tempDir("replay-bad");
    try {
      writeFileSync(
        join(dir.path, "broken.har"),
        JSON.stringify({ log: { version: "1.2", entries: [{ request: {} }] } }),
      );
      const broken = await runCliInProcess(["--replay", join(dir.path, "broken.har"), "--out", dir.path], {});
      expect(broken.code).toBe(2);
      expect(broken.stderr).toMatch(/broken\.har: entry 1: request\.method and request\.url must be strings/);
      const missing = await runCliInProcess(["--replay", join(dir.path, "none.har"), "--out", dir.path], {});
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/cannot read .*none\.har: ENOENT/);
    } finally {
      dir.remove();
    }
  });
});
