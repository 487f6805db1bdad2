/**
 * `--suggest-spec`: the spec with every suggestion of a report applied (`openapi.suggested.yaml`)
 * and the list of them for a pull request (`spec-suggestions.md`). The JSON Patches are applied
 * to the YAML through the `yaml` library's Document API, so comments, key order and layout of
 * everything not changed stay as they were. Loaded only with the flag.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document } from "yaml";
import { specSource as generatedSource } from "../../generated/spec-source";
import { specFacts } from "../spec/facts";
import { splitPointer } from "../spec/json-pointer";
import { SUGGESTION_FILES } from "./report/files";
import type { DriftFinding, DriftReport } from "./types";

type Operation = NonNullable<DriftFinding["suggestion"]>["patch"][number];

export class PatchError extends Error {
  override name = "PatchError";
}

/** The distinct suggestions of a report, in report order, with the findings each answers. */
function distinctSuggestions(
  report: DriftReport,
): Array<{ text: string; patch: Operation[]; findings: DriftFinding[] }> {
  const byText = new Map<string, { text: string; patch: Operation[]; findings: DriftFinding[] }>();
  for (const finding of report.findings) {
    const s = finding.suggestion;
    if (!s) continue;
    const key = JSON.stringify(s.patch);
    const entry = byText.get(key) ?? { text: s.text, patch: s.patch, findings: [] };
    entry.findings.push(finding);
    byText.set(key, entry);
  }
  return [...byText.values()];
}

/** Applies JSON Patch operations to YAML text; the result keeps everything else of the text. */
export function applyPatches(text: string, operations: readonly Operation[]): string {
  const doc = parseDocument(text);
  // The suggestions' removals are indices of the spec as it is (a key's place in `required`):
  // they go last, highest index of a list first, so one removal never shifts what another addresses.
  const removals = operations
    .filter((o) => o.op === "remove")
    .sort((a, b) => b.path.localeCompare(a.path, "en", { numeric: true }));
  for (const operation of [...operations.filter((o) => o.op !== "remove"), ...removals]) apply(doc, operation);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function apply(doc: Document, operation: Operation): void {
  const tokens = splitPointer(operation.path);
  const last = tokens.pop()!;
  const parent = nodeAt(doc, tokens);
  if (!isMap(parent) && !isSeq(parent))
    throw new PatchError(`${operation.path}: no mapping or list at ${tokens.join(".") || "the root"}`);
  if (operation.op === "remove") {
    // Stryker disable next-line ConditionalExpression: yaml's lists also take an index written as a string, but only a number is documented
    const key = isSeq(parent) ? Number(last) : last;
    if (!parent.has(key)) throw new PatchError(`${operation.path}: nothing to remove`);
    parent.delete(key);
    return;
  }
  const value = flowScalarLists(doc.createNode(operation.value));
  if (isSeq(parent)) {
    if (last === "-") parent.add(value);
    else if (operation.op === "add") parent.items.splice(Number(last), 0, value);
    else parent.set(Number(last), value);
    return;
  }
  if (operation.op === "replace") {
    const old = parent.get(last, true) as { comment?: string | null; commentBefore?: string | null } | undefined;
    if (old === undefined) throw new PatchError(`${operation.path}: nothing to replace`);
    // The comments around a value belong to its place in the spec, not to the old value.
    Object.assign(value as object, { comment: old.comment, commentBefore: old.commentBefore });
  }
  parent.set(last, value);
}

/** The node a pointer's tokens lead to (list indices read as numbers); undefined where the document stops. */
function nodeAt(doc: Document, tokens: readonly string[]): unknown {
  let node: unknown = doc.contents;
  for (const token of tokens) node = isSeq(node) ? node.get(Number(token)) : isMap(node) ? node.get(token) : undefined;
  return node;
}

/** Lists of plain values written `[a, b]`, as the spec writes them; mappings stay in block style. */
function flowScalarLists<T>(node: T): T {
  visit(node);
  return node;
  function visit(n: unknown): void {
    if (isSeq(n)) {
      if (n.items.every((item) => isScalar(item))) n.flow = true;
      else n.items.forEach(visit);
    } else if (isMap(n)) n.items.forEach((pair) => visit(pair.value));
  }
}

/** The YAML text of the spec the run judges by: the one the validators were made from, or the copy a run was given (`--spec`). */
let specSource = generatedSource;

/** Suggests changes to another spec text from here on; returns the one before. */
export function setSpecSource(text: string): string {
  const before = specSource;
  specSource = text;
  return before;
}

/** The spec the run judged by, with every suggestion of the report applied. */
export function suggestedSpec(report: DriftReport): string {
  return applyPatches(
    specSource,
    distinctSuggestions(report).flatMap((s) => s.patch),
  );
}

/**
 * The list of suggestions, for a pull request, with the commands that check and adopt them where
 * the run ran: `out` is the report folder it wrote to, `recording` the HAR the run made or replayed.
 */
export function renderSuggestionsMarkdown(report: DriftReport, where: { out: string; recording: string }): string {
  const suggestions = distinctSuggestions(report);
  const suggested = `${where.out.replace(/\/+$/, "")}/${SUGGESTION_FILES.spec}`;
  const lines = [
    `# Spec suggestions from drift run ${report.runId}`,
    "",
    `${suggestions.length} change(s) to \`${specFacts.source}\` that would make it allow what ${report.target.kind === "replay" ? "the recording holds" : `${report.target.baseUrl} sent`}.`,
    `Each widens the spec; check each against the API's documentation before taking it. \`${suggested}\` has all of them applied.`,
    "Judge the recording by it (no request is sent; it passes when the edit covers what was seen), then keep it as your spec:",
    "",
    "```sh",
    `npx sip-endpoints-drift --replay ${shellWord(where.recording)} --spec ${shellWord(suggested)}`,
    `cp ${shellWord(suggested)} ${shellWord(specFacts.source)}`,
    "```",
    "",
    "In a clone of this project, where the spec is `openapi/openapi.yaml`, regenerate after the copy: `npm run gen && npm run lint:spec`, and `npm run spec:diff` says what the edit means for code using the client.",
    "",
  ];
  for (const [i, s] of suggestions.entries()) {
    lines.push(`## ${i + 1}. ${s.text}`, "");
    lines.push(
      `Answers: ${s.findings.map((f) => `\`${f.check}\` ${f.operationId} \`${f.pointer || "/"}\` (${f.id})`).join("; ")}`,
      "",
    );
    lines.push("```json", JSON.stringify(s.patch, null, 2), "```", "");
  }
  if (suggestions.length === 0) lines.push("No finding of this run has a suggested spec change.", "");
  return lines.join("\n");
}

/** A path as one shell word: as it is when it holds nothing a shell reads specially, else in single quotes. */
function shellWord(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
