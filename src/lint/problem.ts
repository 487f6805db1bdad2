/**
 * A lint problem is plain data: which rule, where in the document (JSON pointer and source line)
 * and what is wrong. The CLI prints them; tests assert on them.
 */
import { deref } from "../spec/deref";
import { isPlainObject, pointer, splitPointer, type Json, type JsonObject } from "../spec/json-pointer";
import { type SpecSource } from "../spec-build/load";
import { LINT_RULES, type LintRuleId, type LintSeverity } from "./rules";

export interface LintProblem {
  rule: LintRuleId;
  /** RFC 6901 pointer into the spec ("" for the whole document), printed after a `#`. */
  pointer: string;
  /** 1-based source line, when the location (or its nearest ancestor) has one. */
  line: number | undefined;
  message: string;
  severity: LintSeverity;
}

/** Builds a problem; a pointer to a key that is absent takes the line of its nearest present ancestor. */
export function problemAt(spec: SpecSource | undefined, rule: LintRuleId, at: string, message: string): LintProblem {
  return {
    rule,
    pointer: at,
    line: spec ? nearestLine(spec, at) : undefined,
    message,
    severity: LINT_RULES[rule].severity,
  };
}

function nearestLine(spec: SpecSource, at: string): number | undefined {
  const tokens = splitPointer(at);
  for (let n = tokens.length; n >= 0; n--) {
    const line = spec.lineOf(pointer(...tokens.slice(0, n)));
    if (line !== undefined) return line;
  }
  return undefined;
}

/** `openapi/openapi.yaml:123 #/paths/~1endpoints~1sip/get rule-id: message` */
export function formatProblem(file: string, problem: LintProblem): string {
  const where = problem.line === undefined ? file : `${file}:${problem.line}`;
  const level = problem.severity === "warning" ? " (warning)" : "";
  return `${where} #${problem.pointer} ${problem.rule}${level}: ${problem.message}`;
}

/**
 * Maps a pointer into the dereferenced document (what swagger-parser reports) to where the node is
 * written in the source: each step that passes through a `$ref` continues at the ref's target.
 */
export function sourcePointer(doc: JsonObject, at: string): string {
  const tokens = splitPointer(at);
  let node: Json | undefined = doc;
  let real: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const target: { node: Json; pointer: string } | undefined =
      token === "$ref" ? undefined : deref(doc, node, pointer(...real));
    if (target && target.node !== node) {
      node = target.node;
      real = splitPointer(target.pointer);
    }
    const child: Json | undefined = Array.isArray(node)
      ? node[Number(token)]
      : isPlainObject(node)
        ? node[token]
        : undefined;
    if (child === undefined) return pointer(...real, ...tokens.slice(i));
    node = child;
    real.push(token);
  }
  // A problem with a referenced object (say, a response missing its description) is written at the target.
  return deref(doc, node, pointer(...real))?.pointer ?? pointer(...real);
}

/** Drops repeats (a component reached through several `$ref`s is reported once) and sorts by line. */
export function tidyProblems(problems: LintProblem[]): LintProblem[] {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.rule}\n${p.pointer}\n${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || a.pointer.localeCompare(b.pointer) || a.rule.localeCompare(b.rule),
  );
}
