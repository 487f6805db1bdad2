/**
 * Response links (OpenAPI `links`) must lead somewhere real: the operation they name exists, each
 * parameter they fill is one of its parameters (and its required path parameters are all filled,
 * unless an `x-request-url` names the whole request), and each runtime expression resolves: a
 * `$response.body#/pointer` to a place the response's schema describes, a `$request.path.x` or
 * `$request.query.x` to a parameter of the linking operation. The drift job counts the links it
 * followed, so a link that cannot be followed would be coverage no run can reach.
 */
import { deref } from "../spec/deref";
import { isPlainObject, splitPointer, type Json, type JsonObject } from "../spec/json-pointer";
import { isJsonMediaType } from "../spec/media-type";
import type { SpecSource } from "../spec-build/load";
import { mergeParameters } from "../spec-build/operation-index";
import { operationSites } from "../spec-build/walk";
import { problemAt, type LintProblem } from "./problem";

export function checkLinks(spec: SpecSource): LintProblem[] {
  const doc = spec.doc;
  const sites = operationSites(doc);
  const parametersOf = new Map(
    sites
      .filter((s) => typeof s.op.operationId === "string")
      .map((s) => [
        s.op.operationId as string,
        mergeParameters(doc, s.item.parameters, s.op.parameters).map((p) => p.info),
      ]),
  );
  const problems: LintProblem[] = [];
  for (const site of sites) {
    const own = mergeParameters(doc, site.item.parameters, site.op.parameters).map((p) => p.info);
    const responses = isPlainObject(site.op.responses) ? site.op.responses : {};
    for (const [status, raw] of Object.entries(responses)) {
      const resolved = deref(doc, raw, `${site.pointer}/responses/${status}`);
      if (!resolved || !isPlainObject(resolved.node) || !isPlainObject(resolved.node.links)) continue;
      const body = bodySchema(resolved.node);
      for (const [name, rawLink] of Object.entries(resolved.node.links)) {
        const at = `${resolved.pointer}/links/${name}`;
        const link = deref(doc, rawLink)?.node;
        if (!isPlainObject(link)) continue;
        const target = typeof link.operationId === "string" ? parametersOf.get(link.operationId) : undefined;
        if (target === undefined) {
          problems.push(
            problemAt(
              spec,
              "link-operation-unknown",
              at,
              `link ${name} names ${typeof link.operationId === "string" ? `the operation "${link.operationId}", which the spec does not have` : "no operationId"}`,
            ),
          );
          continue;
        }
        const given = isPlainObject(link.parameters) ? link.parameters : {};
        for (const [param, expression] of Object.entries(given)) {
          if (!target.some((p) => p.name === param))
            problems.push(
              problemAt(
                spec,
                "link-parameter-unknown",
                `${at}/parameters/${param}`,
                `link ${name}: ${String(link.operationId)} has no parameter "${param}"`,
              ),
            );
          const why = unresolvable(doc, expression, body, own);
          if (why)
            problems.push(
              problemAt(spec, "link-expression-unresolvable", `${at}/parameters/${param}`, `link ${name}: ${why}`),
            );
        }
        const url = link["x-request-url"];
        if (url !== undefined) {
          const why = unresolvable(doc, url, body, own);
          if (why)
            problems.push(
              problemAt(spec, "link-expression-unresolvable", `${at}/x-request-url`, `link ${name}: ${why}`),
            );
        } else {
          for (const p of target.filter((p) => p.in === "path" && !(p.name in given))) {
            problems.push(
              problemAt(
                spec,
                "link-parameter-unknown",
                at,
                `link ${name} leaves the path parameter "${p.name}" of ${String(link.operationId)} unfilled`,
              ),
            );
          }
        }
      }
    }
  }
  return problems;
}

function bodySchema(response: JsonObject): Json | undefined {
  const content = isPlainObject(response.content) ? response.content : {};
  const type = Object.keys(content).find((t) => isJsonMediaType(t));
  const media = type === undefined ? undefined : content[type];
  return isPlainObject(media) ? media.schema : undefined;
}

/** Why an expression cannot be evaluated against this response and request, or undefined when it can. */
function unresolvable(
  doc: JsonObject,
  expression: Json,
  body: Json | undefined,
  own: { name: string; in: string }[],
): string | undefined {
  if (typeof expression !== "string") return "an expression must be a string";
  const request = /^\$request\.(path|query)\.(.+)$/.exec(expression);
  if (request)
    return own.some((p) => p.in === request[1] && p.name === request[2])
      ? undefined
      : `${expression} names no ${request[1]} parameter of the linking operation`;
  const response = /^\$response\.body#(.*)$/.exec(expression);
  if (!response)
    return `${expression} is no expression this spec's links may use ($response.body#/…, $request.path.…, $request.query.…)`;
  // A body schema behind a dangling $ref is ref-unresolved's to report; nothing here can be judged.
  if (body !== undefined && deref(doc, body) === undefined) return undefined;
  return describes(doc, body, splitPointer(response[1]!))
    ? undefined
    : `${expression} points at nothing the response's schema describes`;
}

/** Whether a schema describes the place a pointer names (array indexes through `items`). */
function describes(doc: JsonObject, schema: Json | undefined, tokens: readonly string[], depth = 0): boolean {
  const node = deref(doc, schema)?.node;
  if (!isPlainObject(node) || depth > 32) return false;
  if (tokens.length === 0) return true;
  const [head, ...rest] = tokens as [string, ...string[]];
  if (Array.isArray(node.allOf) && node.allOf.some((member) => describes(doc, member, tokens, depth + 1))) return true;
  if (/^\d+$/.test(head) && node.items !== undefined) return describes(doc, node.items, rest, depth + 1);
  return (
    isPlainObject(node.properties) && head in node.properties && describes(doc, node.properties[head], rest, depth + 1)
  );
}
