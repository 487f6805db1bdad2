/**
 * `--spec FILE`: a run or a replay judged by another copy of the spec, without a clone of this
 * project — the loop a user follows from `spec-suggestions.md` — and what it refuses.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { operations } from "../../src/spec";
import { specFacts } from "../../src/spec/facts";
import { ROOT } from "../../src/cli/repository";
import { startMockServer } from "../../src/mock";
import { readAll, runCliInProcess, tempDir } from "./harness";

const packageFacts = { ...specFacts };

afterEach(() => {
  // Every run puts the package's own spec back.
  expect(specFacts).toEqual(packageFacts);
  expect(Object.keys(operations).length).toBeGreaterThan(0);
});

test("the suggested spec of a drifting run judges its recording as a pass, outside a clone, and the package's spec still finds the drift", async () => {
  const work = tempDir("judged-spec-loop");
  try {
    const out = join(work.path, "reports");
    const live = await runCliInProcess(
      ["--mock-fault", "extra-field", "--mode", "read-only", "--suggest-spec", "--out", out],
      {},
      work.path,
    );
    expect(live.code).toBe(1);
    const page = readFileSync(join(out, "spec-suggestions.md"), "utf8");
    expect(page).toContain(
      `npx sip-endpoints-drift --replay ${join(out, "exchanges.har")} --spec ${join(out, "openapi.suggested.yaml")}`,
    );
    const judged = await runCliInProcess(
      [
        "--replay",
        join(out, "exchanges.har"),
        "--spec",
        join(out, "openapi.suggested.yaml"),
        "--out",
        join(work.path, "judged"),
        "--json",
      ],
      {},
      work.path,
    );
    expect(judged.code).toBe(0);
    const report = JSON.parse(judged.stdout);
    expect(report).toMatchObject({
      outcome: "pass",
      findings: [],
      spec: { path: join(out, "openapi.suggested.yaml") },
    });
    expect(report.spec.sha256).not.toBe(packageFacts.sha256);
    const again = await runCliInProcess(
      ["--replay", join(out, "exchanges.har"), "--out", join(work.path, "again")],
      {},
      work.path,
    );
    expect(again.code).toBe(1);
  } finally {
    work.remove();
  }
});

test("a live run judged by the caller's own copy: its findings, and SARIF located in that copy", async () => {
  const work = tempDir("judged-spec-live");
  const mock = await startMockServer({ port: 0, seedCount: 3, fault: "wrong-type", env: {} });
  try {
    mkdirSync(join(work.path, "specs"));
    // The caller's copy: ours with a comment line on top, so its lines differ from the package's.
    writeFileSync(
      join(work.path, "specs", "sip.yaml"),
      `# our copy\n${readFileSync(join(ROOT, "openapi", "openapi.yaml"), "utf8")}`,
    );
    const env = {
      SIGNALWIRE_BASE_URL: mock.url,
      SIGNALWIRE_PROJECT_ID: mock.credentials.projectId,
      SIGNALWIRE_API_TOKEN: mock.credentials.apiToken,
    };
    const run = await runCliInProcess(["--target", "live", "--spec", "specs/sip.yaml", "--out", "out"], env, work.path);
    expect(run.code).toBe(1);
    const report = JSON.parse(readFileSync(join(work.path, "out", "report.json"), "utf8"));
    expect(report.spec.path).toBe("specs/sip.yaml");
    expect(report.findings.map((f: { check: string; pointer: string }) => `${f.check} ${f.pointer}`)).toContain(
      "field-type-mismatch /codecs",
    );
    const sarif = JSON.parse(readFileSync(join(work.path, "out", "report.sarif"), "utf8"));
    const location = sarif.runs[0].results[0].locations[0].physicalLocation;
    expect(location.artifactLocation.uri).toBe("specs/sip.yaml");
    const lines = readFileSync(join(work.path, "specs", "sip.yaml"), "utf8").split("\n");
    expect(lines[location.region.startLine - 1]).toMatch(/^\s+codecs:/);
  } finally {
    await mock.close();
    work.remove();
  }
});

describe("what --spec refuses, exit 2, naming the file and what is wrong", () => {
  const env = {
    SIGNALWIRE_BASE_URL: "http://127.0.0.1:9/api/relay/rest",
    SIGNALWIRE_PROJECT_ID: "p",
    SIGNALWIRE_API_TOKEN: "t0ken-refused",
  };
  it.each([
    ["a file that is not there", null, /^error: --spec .*missing\.yaml: cannot read the spec/],
    ["YAML that does not parse", "openapi: [3.1\n", /^error: --spec .*bad\.yaml:\d+: not valid YAML/],
    [
      "a spec without one of the operations",
      "drop-delete",
      /it must describe the operations the drift job drives, as they are: delete_sip_endpoint \(DELETE \/endpoints\/sip\/\{id\}\) is missing/,
    ],
  ])("%s", async (_name, content, message) => {
    const work = tempDir("judged-spec-refused");
    try {
      let file = join(work.path, "missing.yaml");
      if (content === "drop-delete") {
        file = join(work.path, "no-delete.yaml");
        copyFileSync(join(ROOT, "openapi", "openapi.yaml"), file);
        writeFileSync(
          file,
          readFileSync(file, "utf8").replace("operationId: delete_sip_endpoint", "operationId: remove_sip_endpoint"),
        );
      } else if (content !== null) {
        file = join(work.path, "bad.yaml");
        writeFileSync(file, content);
      }
      const run = await runCliInProcess(
        ["--target", "live", "--spec", file, "--out", join(work.path, "out")],
        env,
        work.path,
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(readAll(work.path).map((f) => f.file)).not.toContain(join(work.path, "out", "report.json"));
    } finally {
      work.remove();
    }
  });

  it("with the embedded mock, which serves the package's own spec", async () => {
    const run = await runCliInProcess(["--spec", "x.yaml"], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "--spec judges a live Space or a recording (--replay); the embedded mock serves this package's own spec",
    );
  });
});
