/**
 * From a finding to a spec that covers it: each schema finding carries a suggested spec change
 * (a sentence and a JSON Patch), `--suggest-spec` applies them all to the spec text, and — per
 * schema fault profile of the mock — that suggested spec, copied over the spec of a scratch copy
 * of the project, passes `npm run gen` and `npm run lint:spec`, and a replay of the same recording
 * against it passes. The replay against the unchanged spec finds what the live run found.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { renderHar, readHar, replayDrift } from "../../src/drift";
import { judgeBy } from "../../src/drift/judged-spec";
import { applyPatches, PatchError, renderSuggestionsMarkdown, suggestedSpec } from "../../src/drift/suggested-spec";
import { ROOT } from "../../src/cli/repository";
import type { FaultName } from "../../src/mock";
import { runEngine } from "./harness";
import { aFinding, driftReport } from "./report-fixture";

const run = promisify(execFile);
const SCHEMA_FAULTS: FaultName[] = [
  "extra-field",
  "missing-field",
  "wrong-type",
  "null-not-allowed",
  "unknown-enum",
  "bad-format",
  "undocumented-status",
];
const SPEC = readFileSync(join(ROOT, "openapi", "openapi.yaml"), "utf8");

/** A copy of what gen, lint and drift need; node_modules is linked, not copied. */
function scratchProject(parent: string, name: string): string {
  const dir = join(parent, name);
  for (const part of ["src", "scripts", "openapi", "generated", "package.json", "tsconfig.json"])
    cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

/** One read-only run per profile (every schema fault shows in one), shared by the tests below. */
const runs = new Map<FaultName, Promise<Awaited<ReturnType<typeof runEngine>>>>();
const liveRun = (fault: FaultName) => {
  if (!runs.has(fault)) runs.set(fault, runEngine({ fault, mode: "read-only" }));
  return runs.get(fault)!;
};

describe("suggested spec changes", () => {
  it.each(SCHEMA_FAULTS.map((f) => [f]))(
    "%s: every schema finding has a suggestion, and the live run's findings replay unchanged",
    async (fault) => {
      const live = await liveRun(fault);
      expect(live.report.findings.length).toBeGreaterThan(0);
      for (const finding of live.report.findings) {
        expect(finding.suggestion).toEqual({
          text: expect.stringMatching(/\(seen \d+ times?\)\.$/),
          patch: expect.arrayContaining([
            expect.objectContaining({
              op: expect.stringMatching(/^(add|remove|replace)$/),
              path: expect.stringMatching(/^\//),
            }),
          ]),
        });
      }
      const replay = await replayDrift({ recording: readHar(renderHar(live.har), "x.har"), failOn: "warning" });
      expect(replay.findings.map((f) => f.id)).toEqual(live.report.findings.map((f) => f.id));
    },
  );

  it("keeps the spec's comments and layout: the suggested spec differs only where a change goes", async () => {
    const live = await liveRun("null-not-allowed");
    const suggested = suggestedSpec(live.report).split("\n");
    const original = SPEC.split("\n");
    const changed = suggested.filter((line, i) => line !== original[i]);
    expect(changed).toEqual(['          type: [string, "null"]']);
  });

  it("applies JSON Patch add, replace and remove, and refuses a patch that does not fit", () => {
    const text = "# kept\na:\n  list: [x, y, z]\n  map:\n    k: 1 # also kept\n";
    expect(
      applyPatches(text, [
        { op: "add", path: "/a/list/-", value: "w" },
        { op: "remove", path: "/a/list/0" },
        { op: "remove", path: "/a/list/2" },
        { op: "replace", path: "/a/map/k", value: 2 },
        { op: "add", path: "/a/map/n", value: { t: [1, 2] } },
      ]),
    ).toBe("# kept\na:\n  list: [y, w]\n  map:\n    k: 2 # also kept\n    n:\n      t: [1, 2]\n");
    // Removals from one list address the list as it was, whatever stands between them.
    expect(
      applyPatches(text, [
        { op: "remove", path: "/a/list/0" },
        { op: "add", path: "/a/map/n", value: 1 },
        { op: "remove", path: "/a/list/2" },
      ]),
    ).toBe("# kept\na:\n  list: [y]\n  map:\n    k: 1 # also kept\n    n: 1\n");
    // Lists take inserts and replacements by index; new mappings are block style, lists of plain values flow style.
    const nested = "a:\n  list: [x, y]\n  objs:\n    - n: 1\n      drop: true\n";
    expect(
      applyPatches(nested, [
        { op: "add", path: "/a/list/1", value: "w" },
        { op: "replace", path: "/a/list/0", value: "v" },
        { op: "add", path: "/a/objs/-", value: { n: 2, tags: ["p", "q"], more: [{ k: 1 }] } },
        { op: "remove", path: "/a/objs/0/drop" },
      ]),
    ).toBe("a:\n  list: [v, w, y]\n  objs:\n    - n: 1\n    - n: 2\n      tags: [p, q]\n      more:\n        - k: 1\n");
    expect(() => applyPatches("just text\n", [{ op: "add", path: "/x", value: 1 }])).toThrow(
      "/x: no mapping or list at the root",
    );
    expect(() => applyPatches(nested, [{ op: "add", path: "/a/list/0/x", value: 1 }])).toThrow(
      "/a/list/0/x: no mapping or list at a.list.0",
    );
    expect(() => applyPatches(text, [{ op: "remove", path: "/a/none" }])).toThrow(PatchError);
    expect(() => applyPatches(text, [{ op: "remove", path: "/a/none" }])).toThrow(/nothing to remove/);
    expect(() => applyPatches(text, [{ op: "replace", path: "/a/map/none", value: 1 }])).toThrow(/nothing to replace/);
    expect(() => applyPatches(text, [{ op: "add", path: "/b/c", value: 1 }])).toThrow(/no mapping or list/);
    expect(() => applyPatches(text, [{ op: "add", path: "/a/map/k/z/y", value: 1 }])).toThrow(
      "/a/map/k/z/y: no mapping or list at a.map.k.z",
    );
    expect(() => applyPatches(text, [{ op: "remove", path: "/a/none" }])).toThrow(
      expect.objectContaining({ name: "PatchError" }),
    );
  });

  it("removes many-digit indices of one list highest first, and writes a list that holds a mapping in block style", () => {
    const letters = "abcdefghijkl".split("");
    const text = `list: [${letters.join(", ")}]\n`;
    const removed = applyPatches(text, [
      { op: "remove", path: "/list/2" },
      { op: "remove", path: "/list/10" },
      { op: "remove", path: "/list/9" },
    ]);
    expect(removed).toBe(`list: [${letters.filter((_, i) => ![2, 9, 10].includes(i)).join(", ")}]\n`);
    expect(applyPatches("a:\n  b: 1\n", [{ op: "add", path: "/a/mixed", value: [1, { k: 1 }] }])).toBe(
      "a:\n  b: 1\n  mixed:\n    - 1\n    - k: 1\n",
    );
  });
});

describe("the suggestions page (spec-suggestions.md)", () => {
  it("lists each distinct change once, with the findings it answers and its patch, and the commands to take it", async () => {
    const live = await liveRun("unknown-enum");
    const { report } = live;
    const page = renderSuggestionsMarkdown(report, { out: "drift-report", recording: "drift-report/exchanges.har" });
    const distinct = [...new Map(report.findings.map((f) => [JSON.stringify(f.suggestion!.patch), f])).values()];
    // The list and the retrieve show the same unknown value: two findings, one change.
    expect([report.findings.length, distinct.length]).toEqual([2, 1]);
    const lines = page.split("\n");
    expect(lines.slice(0, 3)).toEqual([
      `# Spec suggestions from drift run ${report.runId}`,
      "",
      `${distinct.length} change(s) to \`openapi/openapi.yaml\` that would make it allow what ${report.target.baseUrl} sent.`,
    ]);
    expect(page).toContain(
      "npx sip-endpoints-drift --replay drift-report/exchanges.har --spec drift-report/openapi.suggested.yaml\ncp drift-report/openapi.suggested.yaml openapi/openapi.yaml\n",
    );
    for (const [i, first] of distinct.entries()) {
      const answered = report.findings.filter(
        (f) => JSON.stringify(f.suggestion!.patch) === JSON.stringify(first.suggestion!.patch),
      );
      const section = page.split(`## ${i + 1}. ${first.suggestion!.text}\n\n`)[1]!.split("\n## ")[0]!;
      expect(section.trimEnd()).toBe(
        [
          `Answers: ${answered.map((f) => `\`${f.check}\` ${f.operationId} \`${f.pointer || "/"}\` (${f.id})`).join("; ")}`,
          "",
          "```json",
          JSON.stringify(first.suggestion!.patch, null, 2),
          "```",
        ].join("\n"),
      );
    }
    expect(page).not.toContain("No finding of this run");
  });

  it("opens with what to run to check and take the changes, with the folder the run wrote to, and names the whole body of a finding about it as `/`", () => {
    const suggestion = { text: "Allow any key.", patch: [{ op: "add" as const, path: "/x", value: 1 }] };
    const report = driftReport({
      runId: "r1",
      findings: [{ ...aFinding({ pointer: "" }), occurrences: 1, step: "walk every page", suggestion }],
    });
    expect(
      renderSuggestionsMarkdown(report, {
        out: "reports/nightly run/",
        recording: "reports/nightly run/exchanges.har",
      }).split("\n"),
    ).toEqual([
      "# Spec suggestions from drift run r1",
      "",
      "1 change(s) to `openapi/openapi.yaml` that would make it allow what http://127.0.0.1:1/api/relay/rest sent.",
      "Each widens the spec; check each against the API's documentation before taking it. `reports/nightly run/openapi.suggested.yaml` has all of them applied.",
      "Judge the recording by it (no request is sent; it passes when the edit covers what was seen), then keep it as your spec:",
      "",
      "```sh",
      "npx sip-endpoints-drift --replay 'reports/nightly run/exchanges.har' --spec 'reports/nightly run/openapi.suggested.yaml'",
      "cp 'reports/nightly run/openapi.suggested.yaml' openapi/openapi.yaml",
      "```",
      "",
      "In a clone of this project, where the spec is `openapi/openapi.yaml`, regenerate after the copy: `npm run gen && npm run lint:spec`, and `npm run spec:diff` says what the edit means for code using the client.",
      "",
      "## 1. Allow any key.",
      "",
      "Answers: `field-undocumented` list_sip_endpoints `/` (0123456789abcdef)",
      "",
      "```json",
      ...JSON.stringify(suggestion.patch, null, 2).split("\n"),
      "```",
      "",
    ]);
  });

  it("says when no finding has a change to suggest, and names a recording as what was seen", async () => {
    const live = await liveRun("unknown-enum");
    const replayed = { ...live.report, findings: [], target: { ...live.report.target, kind: "replay" as const } };
    const page = renderSuggestionsMarkdown(replayed, { out: "o", recording: "x.har" });
    expect(page).toContain("0 change(s) to `openapi/openapi.yaml` that would make it allow what the recording holds.");
    expect(page.endsWith("No finding of this run has a suggested spec change.\n")).toBe(true);
  });
});

describe("the whole loop: suggested spec → gen → lint → replay passes", () => {
  let parent: string;
  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), "suggested-spec-"));
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it.each(SCHEMA_FAULTS.map((f) => [f]))(
    "%s: its suggested spec judges the run's recording as a pass",
    async (fault) => {
      const live = await liveRun(fault);
      const file = join(parent, `${fault}.yaml`);
      writeFileSync(file, suggestedSpec(live.report));
      const restore = judgeBy(file, `${fault}.yaml`);
      try {
        const replay = await replayDrift({ recording: readHar(renderHar(live.har), "x.har"), failOn: "info" });
        expect([replay.outcome, replay.findings]).toEqual(["pass", []]);
      } finally {
        restore();
      }
    },
  );

  // Generating code and linting are what cost here, so one copy of the project takes every
  // profile's suggestions at once, as a spec that drifted in all of those ways would.
  it("every profile's suggestions together: gen and lint:spec pass in a copy of the project, and each recording replays as a pass against the regenerated validators", async () => {
    const lives = await Promise.all(SCHEMA_FAULTS.map(liveRun));
    const all = { ...lives[0]!.report, findings: lives.flatMap((l) => l.report.findings) };
    const root = scratchProject(parent, "all");
    writeFileSync(join(root, "openapi", "openapi.yaml"), suggestedSpec(all));
    const recordings = SCHEMA_FAULTS.map((fault, i) => {
      const file = join(root, `${fault}.har`);
      writeFileSync(file, renderHar(lives[i]!.har));
      return file;
    });
    const script = join(ROOT, "test", "support", "suggestion-loop.ts");
    const { stdout } = await run(process.execPath, [require.resolve("tsx/cli"), script, root, ...recordings], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    const [built, ...replays] = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as unknown);
    expect(built).toEqual({ gen: 0, lint: 0 });
    expect(replays).toEqual(SCHEMA_FAULTS.map(() => ({ replay: 0, outcome: "pass", findings: [] })));
  }, 90_000);
});
