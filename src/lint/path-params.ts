/**
 * Path templates and path parameters must agree: every `{name}` in a template is declared (on the
 * path item or the operation) and every declared path parameter appears in the template. The
 * client builds URLs and the mock matches them from exactly these declarations.
 */
import { deref } from "../spec/deref";
import { isPlainObject, type Json, type JsonObject } from "../spec/json-pointer";
import { type SpecSource } from "../spec-build/load";
import { problemAt, type LintProblem } from "./problem";
import { operationSites } from "../spec-build/walk";

interface Declared {
  name: string;
  /** Where the declaration (or the `$ref` to it) is written. */
  pointer: string;
}

function declaredPathParameters(doc: JsonObject, list: Json | undefined, listPointer: string): Declared[] {
  if (!Array.isArray(list)) return [];
  const found: Declared[] = [];
  list.forEach((raw, i) => {
    const param = deref(doc, raw)?.node;
    if (isPlainObject(param) && param.in === "path" && typeof param.name === "string") {
      found.push({ name: param.name, pointer: `${listPointer}/${i}` });
    }
  });
  return found;
}

function templateNames(path: string): string[] {
  return [...path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
}

export function checkPathParameters(spec: SpecSource): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const { path, method, op, pointer: at, item, itemPointer } of operationSites(spec.doc)) {
    const inTemplate = new Set(templateNames(path));
    const atItem = declaredPathParameters(spec.doc, item.parameters, `${itemPointer}/parameters`);
    const atOperation = declaredPathParameters(spec.doc, op.parameters, `${at}/parameters`);
    const declared = new Set([...atItem, ...atOperation].map((d) => d.name));
    const name = typeof op.operationId === "string" ? op.operationId : `${method.toUpperCase()} ${path}`;
    for (const param of inTemplate) {
      if (!declared.has(param)) {
        problems.push(
          problemAt(
            spec,
            "path-param-undeclared",
            at,
            `{${param}} in ${path} is not declared as a path parameter of ${name} (path item or operation)`,
          ),
        );
      }
    }
    // A path-item declaration is checked once per operation; tidyProblems keeps a single report.
    for (const d of [...atItem, ...atOperation]) {
      if (!inTemplate.has(d.name)) {
        problems.push(
          problemAt(
            spec,
            "path-param-unused",
            d.pointer,
            `path parameter "${d.name}" does not appear in the template ${path}`,
          ),
        );
      }
    }
  }
  return problems;
}
