/**
 * The report as SARIF 2.1.0 (`report.sarif`), for code scanning: one rule per check of the
 * catalogue, one result per finding, located at the line of the spec that holds the schema the
 * finding's pointer leads to — the property that has the wrong type, the object that lacks a
 * property, the operation's `responses` for an undocumented status. So drift shows up as
 * annotations on the spec, where the fix goes. Only when the scanned repository holds that spec:
 * otherwise a result names no file (the spec pointer and line stay in its message), since code
 * scanning would annotate whatever file of the repository has the same path.
 */
import { acknowledgedText } from "../policy";
import { ALL_CHECKS, type Severity } from "../../checks";
import { specFacts } from "../../spec/facts";
import { specLocation } from "../spec-location";
import type { DriftFinding, DriftReport } from "../types";
import { name as packageName } from "../../../package.json";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { breaking: "error", warning: "warning", info: "note" };

export interface SarifOptions {
  /**
   * Where the judged spec is, relative to the folder code scanning resolves paths against (the
   * run's working directory), when the repository being scanned holds it: `openapi/openapi.yaml`
   * in this repository. Without it, results carry no file location.
   */
  specUri?: string;
}

export function renderSarif(report: DriftReport, options: SarifOptions = {}): string {
  const { specUri } = options;
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "sip-endpoints-drift",
            version: report.toolVersion,
            semanticVersion: report.toolVersion,
            informationUri: `https://www.npmjs.com/package/${packageName}`,
            rules: ALL_CHECKS.map((check) => ({
              id: check.id,
              shortDescription: { text: check.firesWhen },
              defaultConfiguration: { level: LEVEL[check.severity] },
              properties: { severity: check.severity },
            })),
          },
        },
        automationDetails: { id: `sip-endpoints-drift/${report.target.kind}/${report.runId}` },
        results: report.findings.map((finding) => result(finding, specUri)),
        properties: { outcome: report.outcome, target: report.target, spec: report.spec },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function result(finding: DriftFinding, specUri: string | undefined) {
  const location = specLocation(finding);
  const where = `${specFacts.source} line ${location.line} (${location.pointer})`;
  const logicalLocations = [{ fullyQualifiedName: location.pointer, kind: "member" }];
  return {
    ruleId: finding.check,
    ruleIndex: ALL_CHECKS.findIndex((c) => c.id === finding.check),
    level: LEVEL[finding.severity],
    message: {
      text: `${finding.method} ${finding.path}${finding.status === null ? "" : ` → ${finding.status}`}: ${finding.message} (seen ${finding.occurrences}×; spec: ${where})`,
    },
    locations: [
      specUri === undefined
        ? { logicalLocations }
        : {
            physicalLocation: {
              artifactLocation: { uri: specUri, uriBaseId: "%SRCROOT%" },
              region: { startLine: location.line },
            },
            logicalLocations,
          },
    ],
    // Stable across runs (the finding id hashes check, operation and index-free pointer), so code
    // scanning keeps one alert per drift instead of a new one each night.
    partialFingerprints: { driftFinding: finding.id },
    ...(finding.acknowledged && !finding.acknowledged.expired
      ? {
          suppressions: [
            { kind: "external", status: "accepted", justification: acknowledgedText(finding.acknowledged) },
          ],
        }
      : {}),
    properties: {
      operationId: finding.operationId,
      status: finding.status,
      pointer: finding.pointer,
      expected: finding.expected,
      actual: finding.actual,
      occurrences: finding.occurrences,
    },
  };
}
