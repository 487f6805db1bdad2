/**
 * `report.sarif`: SARIF 2.1.0 with one rule per check of the catalogue and one result per
 * finding, each located at the line of openapi/openapi.yaml that holds the schema the finding's
 * pointer leads to — checked against the spec's text, per fault profile of the mock.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_CHECKS } from "../../src/checks";
import { renderSarif, type DriftReport } from "../../src/drift";
import { specLocation } from "../../src/drift/spec-location";
import { ROOT } from "../../src/cli/repository";
import { at, splitPointer, type Json } from "../../src/spec/json-pointer";
import { FAULT_NAMES, type FaultName } from "../../src/mock";
import spec from "../../generated/openapi.json";
import { modeFor, runCliInProcess, runEngine, tempDir } from "./harness";

const specLines = readFileSync(join(ROOT, "openapi", "openapi.yaml"), "utf8").split("\n");

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  partialFingerprints: { driftFinding: string };
  locations: Array<{
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
    logicalLocations: Array<{ fullyQualifiedName: string }>;
  }>;
}

const PROPERTY_CHECKS = new Set(["field-type-mismatch", "field-missing", "enum-value-unknown", "format-mismatch"]);
const runs = new Map<FaultName, DriftReport>();
const reportFor = async (fault: FaultName) => {
  if (!runs.has(fault)) runs.set(fault, (await runEngine({ fault, mode: modeFor(fault) })).report);
  return runs.get(fault)!;
};

describe("report.sarif", () => {
  it("is SARIF 2.1.0 with one rule per check, in catalogue order", async () => {
    const sarif = JSON.parse(renderSarif(await reportFor("extra-field")));
    expect(sarif.version).toBe("2.1.0");
    const rules = sarif.runs[0].tool.driver.rules as Array<{ id: string; defaultConfiguration: { level: string } }>;
    expect(rules.map((r) => r.id)).toEqual(ALL_CHECKS.map((c) => c.id));
    const level = { breaking: "error", warning: "warning", info: "note" };
    expect(rules.map((r) => r.defaultConfiguration.level)).toEqual(ALL_CHECKS.map((c) => level[c.severity]));
  });

  // Every profile whose run has findings (the others have no result to locate).
  const located = FAULT_NAMES.filter((f) => !["slow", "rate-limit", "flaky-500", "created-201"].includes(f));
  it.each(located.map((f) => [f]))(
    "%s: one result per finding, at the spec line of the schema its pointer leads to",
    async (fault) => {
      const report = await reportFor(fault);
      expect(report.findings.length).toBeGreaterThan(0);
      const results = JSON.parse(renderSarif(report, { specUri: "openapi/openapi.yaml" })).runs[0]
        .results as SarifResult[];
      const rules = ALL_CHECKS.map((c) => c.id);
      expect(results.map((r) => r.partialFingerprints.driftFinding)).toEqual(report.findings.map((f) => f.id));
      for (const [i, result] of results.entries()) {
        const finding = report.findings[i]!;
        expect(rules[result.ruleIndex]).toBe(result.ruleId);
        const [location] = result.locations;
        expect(location!.physicalLocation.artifactLocation.uri).toBe("openapi/openapi.yaml");
        const specPointer = location!.logicalLocations[0]!.fullyQualifiedName;
        expect(at(spec as unknown as Json, specPointer)).toBeDefined();
        // The line holds the key of the node the pointer names (`send_as:`, `SipEndpoint:`, `responses:`).
        const line = specLines[location!.physicalLocation.region.startLine - 1]!;
        const key = splitPointer(specPointer).at(-1)!;
        expect(
          line
            .trim()
            .replace(/^- /, "")
            .startsWith(`${/^\d+$/.test(key) ? "" : `${key}:`}`),
        ).toBe(true);
        const bodyKey = splitPointer(finding.pointer).at(-1);
        if (PROPERTY_CHECKS.has(finding.check) && bodyKey && !/^\d+$/.test(bodyKey))
          expect(specPointer.endsWith(`/properties/${bodyKey}`)).toBe(true);
        if (finding.check === "field-undocumented")
          expect(at(spec as unknown as Json, `${specPointer}/properties`)).toBeDefined();
        if (finding.check === "status-code-undocumented") expect(specPointer).toMatch(/\/responses$/);
      }
    },
  );

  it("names no file where the scanned repository does not hold the spec, and keeps the spec's line and pointer in the message", async () => {
    const report = await reportFor("wrong-type");
    const results = JSON.parse(renderSarif(report)).runs[0].results as Array<{
      locations: Array<Record<string, unknown>>;
      message: { text: string };
    }>;
    expect(results.length).toBeGreaterThan(0);
    for (const [i, result] of results.entries()) {
      expect(Object.keys(result.locations[0]!)).toEqual(["logicalLocations"]);
      const { line, pointer } = specLocation(report.findings[i]!);
      expect(result.message.text).toContain(`spec: openapi/openapi.yaml line ${line} (${pointer})`);
    }
  });

  it("locates a request-side finding in the request body's schema", () => {
    const location = specLocation({
      operationId: "create_sip_endpoint",
      status: 200,
      pointer: "/body/encryption",
      check: "invalid-input-accepted",
    });
    expect(location.pointer).toMatch(/\/properties\/encryption$/);
    expect(specLines[location.line - 1]!.trim()).toBe("encryption:");
  });
});

describe("where the command's SARIF points", () => {
  const sarifFrom = async (cwd: string) => {
    const out = tempDir("sarif-cwd");
    try {
      const run = await runCliInProcess(
        ["--mock-fault", "wrong-type", "--mode", "read-only", "--out", out.path],
        {},
        cwd,
      );
      expect(run.code).toBe(1);
      return (
        JSON.parse(readFileSync(join(out.path, "report.sarif"), "utf8")) as {
          runs: Array<{
            results: Array<{ locations: Array<{ physicalLocation?: { artifactLocation: { uri: string } } }> }>;
          }>;
        }
      ).runs[0]!.results;
    } finally {
      out.remove();
    }
  };

  it("in this repository: at openapi/openapi.yaml, the judged spec itself", async () => {
    const results = await sarifFrom(ROOT);
    expect(new Set(results.map((r) => r.locations[0]!.physicalLocation?.artifactLocation.uri))).toEqual(
      new Set(["openapi/openapi.yaml"]),
    );
  });

  it("in another repository that has an unrelated openapi/openapi.yaml: at no file at all", async () => {
    const caller = tempDir("caller-repo");
    try {
      mkdirSync(join(caller.path, "openapi"));
      writeFileSync(
        join(caller.path, "openapi", "openapi.yaml"),
        "openapi: 3.1.0\ninfo: { title: Billing, version: '1' }\npaths: {}\n",
      );
      const results = await sarifFrom(caller.path);
      expect(results.length).toBeGreaterThan(0);
      for (const result of results) expect(result.locations[0]!.physicalLocation).toBeUndefined();
    } finally {
      caller.remove();
    }
  });
});
