/**
 * The spec at run time: the operation index generated from `openapi/openapi.yaml` by `npm run gen`
 * (or, for a run given another copy of the spec, made from that copy). Nothing here parses YAML or
 * loads a validator, so importing it is cheap; the validators are `./validators`, loaded only by
 * code that judges bodies.
 */
import { operations as generated, type OperationId } from "../../generated/operations";
import type { ResponseInfo } from "./operation-info";

export type { OperationId };

/** The operation index the run judges by: `generated/`'s, unless the run was given another copy of the spec (`--spec`). */
export let operations: typeof generated = generated;
let matchers = matchersOf(operations);

/** Judges by another operation index from here on (one of the same operations, as `--spec` checks first); returns the one before. */
export function setOperations(next: typeof generated): typeof generated {
  const before = operations;
  operations = next;
  matchers = matchersOf(next);
  return before;
}

interface PathMatcher {
  operationId: OperationId;
  method: string;
  regex: RegExp;
  names: string[];
}

function matchersOf(index: typeof generated): PathMatcher[] {
  return (Object.keys(index) as OperationId[]).map((operationId) => matcherOf(operationId, index[operationId]));
}

function matcherOf(operationId: OperationId, op: { method: string; path: string }): PathMatcher {
  const names: string[] = [];
  const source = op.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]+)\}/g, (_m, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { operationId, method: op.method, regex: new RegExp(`^${source}/?$`), names };
}

export interface OperationMatch {
  operationId: OperationId;
  params: Record<string, string>;
}

/**
 * Finds the operation for a method and a path relative to the server base (`/endpoints/sip/…`).
 * `pathAllowed` tells a 405 from a 404: the path exists, but not with this method.
 */
export function matchOperation(method: string, path: string): OperationMatch | { pathAllowed: string[] } {
  const allowed: string[] = [];
  for (const m of matchers) {
    const found = m.regex.exec(path);
    if (!found) continue;
    if (m.method !== method.toUpperCase()) {
      allowed.push(m.method);
      continue;
    }
    const params: Record<string, string> = {};
    m.names.forEach((name, i) => {
      params[name] = safeDecode(found[i + 1] ?? "");
    });
    return { operationId: m.operationId, params };
  }
  return { pathAllowed: allowed };
}

/**
 * The operation a method and a URL path address, where the path carries the API's base path
 * (`/api/relay/rest/endpoints/sip` under `/api/relay/rest`); undefined for a path outside it or no
 * operation of the spec.
 */
export function operationAt(method: string, pathname: string, basePath: string): OperationId | undefined {
  const base = basePath.replace(/\/+$/, "");
  if (!pathname.startsWith(`${base}/`)) return undefined;
  const match = matchOperation(method, pathname.slice(base.length));
  return "operationId" in match ? match.operationId : undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Query strings carry text; the spec says which parameters are numbers. Values that do not parse
 * stay strings, so the validator reports them as the wrong type instead of silently dropping them.
 * A repeated parameter keeps its last value, as most servers do.
 */
export function coerceQuery(operationId: OperationId, query: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const types = new Map<string, string>();
  for (const p of operations[operationId].parameters) if (p.in === "query") types.set(p.name, p.type);
  for (const [name, raw] of query) {
    const type = types.get(name);
    if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(raw.trim())) out[name] = Number(raw);
    else if (type === "boolean" && (raw === "true" || raw === "false")) out[name] = raw === "true";
    else out[name] = raw;
  }
  return out;
}

/**
 * The response the spec documents for a status: the exact code, else its range (`4XX`), else
 * `default`. `key` is the spec's own key for it, as written under `responses`.
 */
export function documentedResponse(
  operationId: OperationId,
  status: number,
): { key: string; info: ResponseInfo } | undefined {
  const responses = operations[operationId].responses as Record<string, ResponseInfo>;
  const code = String(status);
  for (const key of [code, `${code[0]}XX`, `${code[0]}xx`, "default"]) {
    const info = responses[key];
    if (info) return { key, info };
  }
  return undefined;
}

/** The documented statuses of an operation, in the order the spec lists them. */
export function documentedStatuses(operationId: OperationId): string[] {
  return Object.keys(operations[operationId].responses);
}
