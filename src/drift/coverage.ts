/**
 * What a run verified, by the test coverage criteria of Martín-López, Segura and Ruiz-Cortés
 * ("Test Coverage Criteria for RESTful Web APIs", A-TEST 2019): input criteria (paths, operations,
 * content types, parameters, parameter values) and output criteria (status code classes, status
 * codes, response body properties), plus operation flows, the spec's `links`. Each criterion is
 * `{ covered, total, missing }`; the level is the highest test coverage level (TCL) whose
 * criteria, and those of every level below, are complete. The README defines each criterion for
 * this spec. Everything is counted from the exchanges alone, so a replay counts what the recorded
 * run did.
 */
import { operations } from "../spec";
import { specFacts } from "../spec/facts";
import { mediaTypeOf } from "../spec/media-type";
import type { LinkInfo, ParameterInfo, ResponseInfo } from "../spec/operation-info";
import { at, isPlainObject, splitPointer } from "../spec/json-pointer";
import type { HttpExchange } from "../checks/types";
import type { ParsedJson } from "../json-text";
import type { OperationCoverage } from "./types";

export const CRITERIA = [
  "paths",
  "operations",
  "contentTypes",
  "parameters",
  "parameterValues",
  "statusClasses",
  "statusCodes",
  "responseProperties",
  "flows",
] as const;
export type Criterion = (typeof CRITERIA)[number];

export interface CriterionCoverage {
  covered: number;
  total: number;
  /** What was not covered, by readable name; what only a read-write run can cover says so. */
  missing: string[];
  /** Left out of the total, with why (statuses no client can provoke). Covered ones are not listed. */
  excluded?: string[];
}

export interface CoverageReport {
  operations: OperationCoverage[];
  operationsNotExercised: string[];
  criteria: Record<Criterion, CriterionCoverage>;
  /** The highest TCL (0–7) whose criteria, and all below, are complete. */
  level: number;
}

/** TCL1 … TCL7: the criteria each level adds. */
const LEVELS: readonly (readonly Criterion[])[] = [
  ["paths"],
  ["operations"],
  ["contentTypes"],
  ["parameters", "statusClasses"],
  ["parameterValues", "statusCodes"],
  ["responseProperties"],
  ["flows"],
];

/** What coverage reads of an operation of the index. */
interface CoveredOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly parameters: readonly ParameterInfo[];
  readonly requestBody: { readonly contentTypes: readonly string[] } | null;
  readonly responses: Readonly<Record<string, ResponseInfo>>;
}

export interface CoverageModel {
  operations: Readonly<Record<string, CoveredOperation>>;
  schemaProperties: Readonly<Record<string, readonly string[]>>;
  basePath: string;
  /** Read-only runs name what only read-write can cover. */
  readOnly: boolean;
}

/** Statuses a client cannot provoke at will: the server's limits and failures. */
const unprovokable = (status: string) => status === "429" || status.startsWith("5");
const READ_METHODS = new Set(["GET", "HEAD"]);
/** Link expectations kept per target operation (a walk of many pages needs only the latest). */
const EXPECTATIONS_KEPT = 1_000;

interface Expectation {
  link: string;
  params: Record<string, string>;
}

export class CoverageTracker {
  private readonly seen = new Map<string, Map<number, number>>();
  private readonly items = new Set<string>();
  private readonly expected = new Map<string, Expectation[]>();
  private readonly expectedUrls = new Map<string, Set<string>>();

  constructor(private readonly model: CoverageModel) {}

  /** One answer: the request that got it and the response (its body parsed once by the caller). */
  record(exchange: HttpExchange, parsed: ParsedJson): void {
    const op = this.model.operations[exchange.operationId];
    if (!op) return;
    let statuses = this.seen.get(op.operationId);
    if (!statuses) this.seen.set(op.operationId, (statuses = new Map()));
    statuses.set(exchange.status, (statuses.get(exchange.status) ?? 0) + 1);
    const documented = documentedFor(op, exchange.status);
    if (!documented) return;
    const type = exchange.headers["content-type"];
    if (type !== undefined && documented.info.contentTypes.some((t) => mediaTypeOf(t) === mediaTypeOf(type)))
      this.items.add(`contentTypes ${op.operationId} response ${mediaTypeOf(type)}`);
    if (!parsed.ok) return;
    for (const object of documented.info.objects) {
      const names = this.model.schemaProperties[object.schema] ?? [];
      for (const value of valuesAt(parsed.value, splitPointer(object.at))) {
        if (!isPlainObject(value)) continue;
        for (const name of names)
          if (value[name] !== undefined && value[name] !== null)
            this.items.add(`responseProperties ${object.schema}.${name}`);
      }
    }
    if (exchange.status >= 200 && exchange.status < 300)
      for (const link of documented.info.links) this.expect(op.operationId, link, exchange.url, parsed.value);
  }

  /** A request that got an answer: its operation and path, the parameters and content type it sent, the link it followed. */
  recordRequest(exchange: HttpExchange & { requestHeaders?: Record<string, string> }): void {
    const op = this.model.operations[exchange.operationId];
    if (!op) return;
    this.items.add(`operations ${op.operationId}`);
    this.items.add(`paths ${op.path}`);
    const url = new URL(exchange.url);
    const query = url.searchParams;
    const pathValues = pathParameters(op.path, url.pathname.slice(this.model.basePath.length));
    const sent: Record<string, string> = { ...pathValues };
    for (const [name, value] of query) sent[name] ??= value;
    for (const p of op.parameters) {
      const value = sent[p.name];
      if (value === undefined) continue;
      this.items.add(`parameters ${op.operationId} ${p.name}`);
      for (const v of p.valueClasses ?? [])
        if (String(v) === value) this.items.add(`parameterValues ${op.operationId} ${p.name}=${String(v)}`);
    }
    const type = exchange.requestHeaders?.["content-type"];
    if (
      op.requestBody &&
      type !== undefined &&
      op.requestBody.contentTypes.some((t) => mediaTypeOf(t) === mediaTypeOf(type))
    )
      this.items.add(`contentTypes ${op.operationId} request ${mediaTypeOf(type)}`);
    for (const e of this.expected.get(op.operationId) ?? []) {
      if (Object.entries(e.params).every(([name, value]) => sent[name] === value)) this.items.add(`flows ${e.link}`);
    }
    for (const link of this.expectedUrls.get(url.href) ?? []) this.items.add(`flows ${link}`);
  }

  private expect(source: string, link: LinkInfo, responseUrl: string, body: unknown): void {
    const name = flowName(source, link);
    if (link.requestUrl !== null) {
      const target = evaluate(link.requestUrl, body);
      if (typeof target !== "string") return;
      let href: string;
      try {
        href = new URL(target, responseUrl).href;
      } catch {
        return;
      }
      let links = this.expectedUrls.get(href);
      if (!links) {
        if (this.expectedUrls.size >= EXPECTATIONS_KEPT)
          this.expectedUrls.delete(this.expectedUrls.keys().next().value!);
        this.expectedUrls.set(href, (links = new Set()));
      }
      links.add(name);
      return;
    }
    const params: Record<string, string> = {};
    for (const [param, expression] of Object.entries(link.parameters)) {
      const value = evaluate(expression, body);
      if (value === undefined || value === null || typeof value === "object") return;
      params[param] = String(value);
    }
    const list = this.expected.get(link.operationId) ?? [];
    list.push({ link: name, params });
    if (list.length > EXPECTATIONS_KEPT) list.shift();
    this.expected.set(link.operationId, list);
  }

  summary(): CoverageReport {
    const statuses = this.operationSummary();
    const ops = Object.values(this.model.operations);
    const readWriteOnly = (op: CoveredOperation | undefined) =>
      this.model.readOnly && op !== undefined && !READ_METHODS.has(op.method.toUpperCase());
    const criteria = {} as Record<Criterion, CriterionCoverage>;
    const universe = this.universe();
    for (const criterion of CRITERIA) {
      const all = universe[criterion];
      const missing = all.filter((i) => !this.items.has(`${criterion} ${i.name}`));
      criteria[criterion] = {
        covered: all.length - missing.length,
        total: all.length,
        missing: missing.map((i) =>
          readWriteOnly(i.op ? this.model.operations[i.op] : undefined) ? `${i.name} — read-write only` : i.name,
        ),
      };
    }
    const excluded = ops.flatMap((op) =>
      Object.keys(op.responses)
        .filter(unprovokable)
        .map((s) => `${op.operationId} ${s}`),
    );
    const seenExcluded = excluded.filter((name) => {
      const [id, status] = name.split(" ") as [string, string];
      return [...(this.seen.get(id)?.keys() ?? [])].some(
        (code) => documentedFor(this.model.operations[id]!, code)?.key === status,
      );
    });
    criteria.statusCodes.excluded = excluded
      .filter((name) => !seenExcluded.includes(name))
      .map((name) => `${name} (no client can provoke it)`);
    let level = 0;
    for (const added of LEVELS) {
      if (!added.every((c) => criteria[c].covered === criteria[c].total)) break;
      level += 1;
    }
    return { ...statuses, criteria, level };
  }

  /** Every item of every criterion, by readable name, with the operation it belongs to. */
  private universe(): Record<Criterion, { name: string; op?: string }[]> {
    const ops = Object.values(this.model.operations);
    const paths = [...new Set(ops.map((op) => op.path))];
    const objects = new Set<string>();
    for (const op of ops)
      for (const r of Object.values(op.responses) as ResponseInfo[]) for (const o of r.objects) objects.add(o.schema);
    return {
      // A path is read-write only when every operation on it is.
      paths: paths.map((path) => ({
        name: path,
        op:
          ops.find((o) => o.path === path && READ_METHODS.has(o.method.toUpperCase()))?.operationId ??
          ops.find((o) => o.path === path)?.operationId,
      })),
      operations: ops.map((op) => ({ name: op.operationId, op: op.operationId })),
      contentTypes: ops.flatMap((op) => [
        ...(op.requestBody?.contentTypes ?? []).map((t) => ({
          name: `${op.operationId} request ${mediaTypeOf(t)}`,
          op: op.operationId,
        })),
        ...[
          ...new Set((Object.values(op.responses) as ResponseInfo[]).flatMap((r) => r.contentTypes.map(mediaTypeOf))),
        ].map((t) => ({ name: `${op.operationId} response ${t}`, op: op.operationId })),
      ]),
      parameters: ops.flatMap((op) =>
        op.parameters.map((p) => ({ name: `${op.operationId} ${p.name}`, op: op.operationId })),
      ),
      parameterValues: ops.flatMap((op) =>
        op.parameters.flatMap((p) =>
          (p.valueClasses ?? []).map((v) => ({ name: `${op.operationId} ${p.name}=${String(v)}`, op: op.operationId })),
        ),
      ),
      statusClasses: ops.flatMap((op) =>
        ["2XX", "4XX"].map((c) => ({ name: `${op.operationId} ${c}`, op: op.operationId })),
      ),
      statusCodes: ops.flatMap((op) =>
        Object.keys(op.responses)
          .filter((s) => !unprovokable(s))
          .map((s) => ({ name: `${op.operationId} ${s}`, op: op.operationId })),
      ),
      responseProperties: [...objects].flatMap((schema) =>
        (this.model.schemaProperties[schema] ?? []).map((p) => ({ name: `${schema}.${p}` })),
      ),
      flows: ops.flatMap((op) => {
        const names = new Map<string, LinkInfo>();
        for (const r of Object.values(op.responses) as ResponseInfo[])
          for (const link of r.links) names.set(flowName(op.operationId, link), link);
        return [...names].map(([name, link]) => ({
          name,
          op: READ_METHODS.has(op.method.toUpperCase()) ? link.operationId : op.operationId,
        }));
      }),
    };
  }

  private operationSummary(): Pick<CoverageReport, "operations" | "operationsNotExercised"> {
    const all = Object.values(this.model.operations);
    // The status items are counted here, where every status seen is known.
    for (const [id, statuses] of this.seen) {
      const op = this.model.operations[id]!;
      for (const code of statuses.keys()) {
        const key = documentedFor(op, code)?.key;
        if (key !== undefined) this.items.add(`statusCodes ${id} ${key}`);
        if (code >= 200 && code < 300) this.items.add(`statusClasses ${id} 2XX`);
        if (code >= 400 && code < 500) this.items.add(`statusClasses ${id} 4XX`);
      }
    }
    return {
      operations: all.map((op) => {
        const statuses = this.seen.get(op.operationId) ?? new Map<number, number>();
        const codes = [...statuses.keys()].sort((a, b) => a - b);
        // A status exercises the response the analysis judged it by (exact code, range or default).
        const answeredBy = new Map(codes.map((code) => [code, documentedFor(op, code)?.key]));
        const exercisedKeys = new Set(answeredBy.values());
        return {
          operationId: op.operationId,
          method: op.method,
          path: op.path,
          exercised: Object.fromEntries(codes.map((code) => [String(code), statuses.get(code)!])),
          notExercised: Object.keys(op.responses).filter((key) => !exercisedKeys.has(key)),
          undocumented: codes.filter((code) => answeredBy.get(code) === undefined).map(String),
        };
      }),
      operationsNotExercised: all.filter((op) => !this.seen.has(op.operationId)).map((op) => op.operationId),
    };
  }
}

/** `create_sip_endpoint → retrieve_sip_endpoint (retrieve)`. */
function flowName(source: string, link: LinkInfo): string {
  return `${source} → ${link.operationId} (${link.name})`;
}

function documentedFor(op: CoveredOperation, status: number): { key: string; info: ResponseInfo } | undefined {
  const code = String(status);
  for (const key of [code, `${code[0]}XX`, `${code[0]}xx`, "default"]) {
    const info = op.responses[key];
    if (info) return { key, info };
  }
  return undefined;
}

/** The values at a pointer pattern, `*` standing for every item of an array. */
function valuesAt(value: unknown, tokens: readonly string[]): unknown[] {
  if (tokens.length === 0) return [value];
  const [head, ...rest] = tokens as [string, ...string[]];
  if (head === "*") return Array.isArray(value) ? value.flatMap((item) => valuesAt(item, rest)) : [];
  if (!isPlainObject(value) && !Array.isArray(value)) return [];
  const next = (value as Record<string, unknown>)[head];
  return next === undefined ? [] : valuesAt(next, rest);
}

/** A `$response.body#/pointer` expression's value in a body (other expressions are not evaluated here). */
function evaluate(expression: string, body: unknown): unknown {
  const match = /^\$response\.body#(.*)$/.exec(expression);
  return match ? at(body as never, match[1]!) : undefined;
}

/** Path parameter values of a request, by the operation's template. */
function pathParameters(template: string, path: string): Record<string, string> {
  const names: string[] = [];
  const pattern = template
    .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
    .replace(/\\?\{([^}]+)\\?\}/g, (_all, name: string) => (names.push(name), "([^/]+)"));
  const found = new RegExp(`^${pattern}$`).exec(path);
  if (!found) return {};
  const out: Record<string, string> = {};
  names.forEach((name, i) => {
    try {
      out[name] = decodeURIComponent(found[i + 1]!);
    } catch {
      out[name] = found[i + 1]!;
    }
  });
  return out;
}

/** The model of the spec a run judges by: its operations and facts as they are now (`--spec` sets them first). */
export function currentCoverageModel(readOnly: boolean): CoverageModel {
  return { operations, schemaProperties: specFacts.schemaProperties, basePath: specFacts.basePath, readOnly };
}

/** The share of a criterion covered, in percent (a criterion with nothing to cover is complete). */
function percentCovered(c: CriterionCoverage): number {
  return c.total === 0 ? 100 : (100 * c.covered) / c.total;
}

/** Why a run's coverage falls short of what was required, one reason per criterion below its minimum. */
export function coverageShortfalls(
  criteria: Record<Criterion, CriterionCoverage>,
  required: Readonly<Partial<Record<Criterion, number>>>,
): string[] {
  return CRITERIA.flatMap((c) => {
    const min = required[c];
    if (min === undefined) return [];
    const got = percentCovered(criteria[c]);
    return got >= min
      ? []
      : [
          `coverage of ${c} is ${Math.floor(got * 10) / 10}% (${criteria[c].covered} of ${criteria[c].total}), below the required ${min}%`,
        ];
  });
}
