/**
 * The report as SARIF 2.1.0 (`report.sarif`), for code scanning: one rule per check of the
 * catalogue, one result per finding, located at the line of `openapi/openapi.yaml` that holds the
 * schema the finding's pointer leads to — the property that has the wrong type, the object that
 * lacks a property, the operation's `responses` for an undocumented status. So drift shows up as
 * annotations on the spec, where the fix goes.
 */
import { ALL_CHECKS, type Severity } from "../../checks";
import { specFacts } from "../../../generated/spec-facts";
import { specLocation } from "../spec-location";
import type { DriftFinding, DriftReport } from "../types";
import { name as packageName } from "../../../package.json";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { breaking: "error", warning: "warning", info: "note" };

export interface SarifOptions {
  /**
   * Where the spec is, relative to the folder code scanning resolves paths against (the run's
   * working directory): `openapi/openapi.yaml` in this repository, the installed package's copy
   * in an app's. Default: the spec's path in this repository.
   */
  specUri?: string;
}

export function renderSarif(report: DriftReport, options: SarifOptions = {}): string {
  const specUri = options.specUri ?? specFacts.source;
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

function result(finding: DriftFinding, specUri: string) {
  const location = specLocation(finding);
  return {
    ruleId: finding.check,
    ruleIndex: ALL_CHECKS.findIndex((c) => c.id === finding.check),
    level: LEVEL[finding.severity],
    message: { text: `${finding.method} ${finding.path}${finding.status === null ? "" : ` → ${finding.status}`}: ${finding.message} (seen ${finding.occurrences}×)` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: specUri, uriBaseId: "%SRCROOT%" }, region: { startLine: location.line } },
        logicalLocations: [{ fullyQualifiedName: location.pointer, kind: "member" }],
      },
    ],
    // Stable across runs (the finding id hashes check, operation and index-free pointer), so code
    // scanning keeps one alert per drift instead of a new one each night.
    partialFingerprints: { driftFinding: finding.id },
    properties: { operationId: finding.operationId, status: finding.status, pointer: finding.pointer, expected: finding.expected, actual: finding.actual, occurrences: finding.occurrences },
  };
}
