/**
 * Where in the spec a finding belongs: the node of `openapi/openapi.yaml` (as a JSON pointer into
 * the spec document, and its source line) that holds the schema the finding's body pointer leads
 * to, through `$ref`s and the combinators. SARIF points annotations there; the suggestions patch
 * the spec there.
 */
import specJson from "../../generated/openapi.json";
import { specLines as generatedLines } from "../../generated/spec-lines";
import { documentedResponse, operations, type OperationId } from "../spec";
import { deref } from "../spec/deref";
import { at, isPlainObject, pointer, splitPointer, type Json, type JsonObject } from "../spec/json-pointer";
import { checkInfo, type Finding } from "../checks";

/** The spec document the run judges by: the one the validators were generated from, or the copy a run was given (`--spec`). */
export let specDocument = specJson as unknown as Json;
let spec = specDocument as JsonObject;
let specLines: Readonly<Record<string, number>> = generatedLines;

/** Locates findings in another spec document, whose source has these lines, from here on; returns the ones before. */
export function setSpecDocument(
  document: JsonObject,
  lines: Readonly<Record<string, number>>,
): { document: JsonObject; lines: Readonly<Record<string, number>> } {
  const before = { document: spec, lines: specLines };
  specDocument = document;
  spec = document;
  specLines = lines;
  return before;
}

type Located = Pick<Finding, "operationId" | "status" | "pointer" | "check">;

/** Where in the spec a finding belongs: a JSON pointer into the spec document and its source line. */
export function specLocation(finding: Located): { pointer: string; line: number } {
  const found = specPointerOf(finding);
  return { pointer: found, line: lineIn(specLines, found) };
}

function specPointerOf(finding: Located): string {
  if (!Object.prototype.hasOwnProperty.call(operations, finding.operationId)) return "/paths";
  const operationId = finding.operationId as OperationId;
  const op = operations[operationId];
  const operation = pointer("paths", op.path, op.method.toLowerCase());
  const { locatedAt } = checkInfo(finding.check);
  // The refused request, not a response: its body schema (or the operation, for a query).
  if (locatedAt === "request") {
    const bodySchema = descend(operation, "requestBody", "content", "application/json", "schema");
    return finding.pointer.startsWith("/body") && bodySchema !== undefined
      ? schemaOf(spec, bodySchema, finding.pointer.slice("/body".length))
      : operation;
  }
  if (finding.status === null) return operation;
  const documented = documentedResponse(operationId, finding.status);
  if (!documented) return `${operation}/responses`;
  const response = `${operation}/responses/${documented.key}`;
  const schema = descend(response, "content", "application/json", "schema");
  if (schema === undefined) return response;
  const found = schemaOf(spec, schema, finding.pointer);
  // An undocumented key belongs to the object schema that lacks it, wherever that is defined.
  return locatedAt === "owning-object" ? resolved(found) : found;
}

/** `$ref`s followed to where they lead (a response or schema may be a reference to a component). */
export function resolved(specPointer: string): string {
  return resolvedIn(spec, specPointer);
}

function resolvedIn(document: JsonObject, specPointer: string): string {
  return deref(document, at(document, specPointer), specPointer)?.pointer ?? specPointer;
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

/**
 * Follows a body pointer through the schema at `start` in `document`, as far as the schema
 * describes it: into properties and items, through `$ref`s and every branch of the combinators.
 * Returns the pointer of the deepest schema reached.
 */
export function schemaOf(document: JsonObject, start: string, bodyPointer: string): string {
  let current = start;
  for (const token of splitPointer(bodyPointer)) {
    const next = childSchema(document, current, token, 0);
    if (next === undefined) break;
    current = next;
  }
  return current;
}

/** The schema of one property or item of the schema at `schemaPointer`; undefined if none. */
function childSchema(document: JsonObject, schemaPointer: string, token: string, depth: number): string | undefined {
  // A cycle of references or combinators describes nothing; it must not hang the walk.
  if (depth > 20) return undefined;
  const node = at(document, schemaPointer);
  if (!isPlainObject(node)) return undefined;
  // An external or dangling reference resolves to itself, so the depth limit ends it too.
  if (typeof node.$ref === "string")
    return childSchema(document, resolvedIn(document, schemaPointer), token, depth + 1);
  if (isPlainObject(node.properties) && Object.prototype.hasOwnProperty.call(node.properties, token))
    return `${schemaPointer}${pointer("properties", token)}`;
  if (/^\d+$/.test(token) && isPlainObject(node.items)) return `${schemaPointer}/items`;
  for (const combinator of ["allOf", "oneOf", "anyOf"] as const) {
    const branches = node[combinator];
    if (!Array.isArray(branches)) continue;
    for (const i of branches.keys()) {
      const found = childSchema(document, `${schemaPointer}/${combinator}/${i}`, token, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * The source line of a pointer in a line table; line 1 (the whole file) for one it lacks. The
 * generated table holds every object and array of the spec, and every pointer this module returns
 * names an operation, a response or a schema, all objects.
 */
export function lineIn(lines: Readonly<Record<string, number>>, specPointer: string): number {
  return lines[specPointer] ?? 1;
}
