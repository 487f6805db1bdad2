/**
 * The report as SARIF 2.1.0 (`report.sarif`), for code scanning: one rule per check of the
 * catalogue, one result per finding, located at the line of `openapi/openapi.yaml` that holds the
 * schema the finding's pointer leads to — the property that has the wrong type, the object that
 * lacks a property, the operation's `responses` for an undocumented status. So drift shows up as
 * annotations on the spec, where the fix goes.
 */
import { ALL_CHECKS, type Severity } from "../../checks";
import specJson from "../../../generated/openapi.json";
import { specFacts } from "../../../generated/spec-facts";
import { specLines } from "../../../generated/spec-lines";
import { documentedResponse, operations, type OperationId } from "../../spec";
import { at, isPlainObject, pointer, splitPointer, type Json } from "../../spec/json-pointer";
import type { DriftFinding, DriftReport } from "../types";
import { name as packageName, version as packageVersion } from "../../../package.json";

const spec = specJson as unknown as Json;

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { breaking: "error", warning: "warning", info: "note" };

export function renderSarif(report: DriftReport): string {
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "sip-endpoints-drift",
            semanticVersion: packageVersion,
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
        results: report.findings.map(result),
        properties: { outcome: report.outcome, target: report.target, spec: report.spec },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function result(finding: DriftFinding) {
  const location = specLocation(finding);
  return {
    ruleId: finding.check,
    ruleIndex: ALL_CHECKS.findIndex((c) => c.id === finding.check),
    level: LEVEL[finding.severity],
    message: { text: `${finding.method} ${finding.path}${finding.status === null ? "" : ` → ${finding.status}`}: ${finding.message} (seen ${finding.occurrences}×)` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: specFacts.source, uriBaseId: "%SRCROOT%" }, region: { startLine: location.line } },
        logicalLocations: [{ fullyQualifiedName: location.pointer, kind: "member" }],
      },
    ],
    // Stable across runs (the finding id hashes check, operation and index-free pointer), so code
    // scanning keeps one alert per drift instead of a new one each night.
    partialFingerprints: { driftFinding: finding.id },
    properties: { operationId: finding.operationId, status: finding.status, pointer: finding.pointer, expected: finding.expected, actual: finding.actual, occurrences: finding.occurrences },
  };
}

/** Where in the spec a finding belongs: a JSON pointer into the spec document and its source line. */
export function specLocation(finding: Pick<DriftFinding, "operationId" | "status" | "pointer" | "check">): { pointer: string; line: number } {
  const found = specPointerOf(finding);
  return { pointer: found, line: lineOf(found) };
}

function specPointerOf(finding: Pick<DriftFinding, "operationId" | "status" | "pointer" | "check">): string {
  if (!Object.prototype.hasOwnProperty.call(operations, finding.operationId)) return "/paths";
  const operationId = finding.operationId as OperationId;
  const op = operations[operationId];
  const operation = pointer("paths", op.path, op.method.toLowerCase());
  // The refused request, not a response: its body schema (or the operation, for a query).
  if (finding.check === "invalid-input-accepted") {
    const bodySchema = descend(operation, "requestBody", "content", "application/json", "schema");
    return finding.pointer.startsWith("/body") && bodySchema !== undefined ? walk(bodySchema, finding.pointer.slice("/body".length)) : operation;
  }
  if (finding.status === null) return operation;
  const documented = documentedResponse(operationId, finding.status);
  if (!documented) return `${operation}/responses`;
  const response = `${operation}/responses/${documented.key}`;
  const schema = descend(response, "content", "application/json", "schema");
  if (schema === undefined) return response;
  const found = walk(schema, finding.pointer);
  // An undocumented key belongs to the object schema that lacks it, wherever that is defined.
  return finding.check === "field-undocumented" ? resolved(found) : found;
}

/** `$ref`s followed to where they lead (a response or schema may be a reference to a component). */
function resolved(specPointer: string, depth = 0): string {
  const node = at(spec, specPointer);
  return depth < 20 && isPlainObject(node) && typeof node.$ref === "string" && node.$ref.startsWith("#") ? resolved(node.$ref.slice(1), depth + 1) : specPointer;
}

/** Steps down through `tokens`, following references on the way; undefined where the spec stops. */
function descend(start: string, ...tokens: string[]): string | undefined {
  let current = start;
  for (const token of tokens) {
    const next = `${resolved(current)}${pointer(token)}`;
    if (at(spec, next) === undefined) return undefined;
    current = next;
  }
  return current;
}

/** Follows a body pointer through the schema at `start`, as far as the schema describes it. */
function walk(start: string, bodyPointer: string): string {
  let current = start;
  for (const token of splitPointer(bodyPointer)) {
    const next = childSchema(current, token, 0);
    if (next === undefined) break;
    current = next;
  }
  return current;
}

/** The schema of one property or item of the schema at `at`, through `$ref` and the combinators. */
function childSchema(schemaPointer: string, token: string, depth: number): string | undefined {
  if (depth > 20) return undefined;
  const node = at(spec, schemaPointer);
  if (!isPlainObject(node)) return undefined;
  if (typeof node.$ref === "string" && node.$ref.startsWith("#")) return childSchema(resolved(schemaPointer), token, depth + 1);
  if (isPlainObject(node.properties) && Object.prototype.hasOwnProperty.call(node.properties, token)) return `${schemaPointer}${pointer("properties", token)}`;
  if (/^\d+$/.test(token) && isPlainObject(node.items)) return `${schemaPointer}/items`;
  for (const combinator of ["allOf", "oneOf", "anyOf"] as const) {
    const branches = node[combinator];
    if (!Array.isArray(branches)) continue;
    for (let i = 0; i < branches.length; i++) {
      const found = childSchema(`${schemaPointer}/${combinator}/${i}`, token, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The source line of a pointer, or of its nearest ancestor the line table knows. */
function lineOf(specPointer: string): number {
  for (let p = specPointer; ; p = p.slice(0, p.lastIndexOf("/"))) {
    const line = specLines[p];
    if (line !== undefined) return line;
    if (p === "") return 1;
  }
}
