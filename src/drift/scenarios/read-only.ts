/**
 * The read-only scenario, the default against a live Space: it never changes anything.
 * List (plain and filtered), walk every page, retrieve a sample, retrieve an unknown id, and probe
 * that the API refuses missing or wrong credentials and an invalid page size.
 */
import { operations } from "../../spec";
import type { ParameterInfo } from "../../spec/operation-info";
import { randomUUID } from "node:crypto";
import { idsOfEnvelope, SCENARIO_CHECKS } from "../../checks";
import { invalidListQueries, isValidListQuery, referenceFields } from "../fixtures";
import { StepIncomplete, type DriftSession, type Sent } from "../session";
import { walkPages } from "../walk";
import type { ScenarioConfig } from "./config";
import type { DriftRequest } from "../types";
import { isSuccess } from "../../http-status";
import { isPlainObject } from "../../spec/json-pointer";

const { authNotEnforced, filterNotApplied, invalidInputAccepted, paginationInconsistent, resourceMismatch } =
  SCENARIO_CHECKS;

/**
 * Whether the first list answer could come from this API at all. A 404, a body that is not JSON, or
 * JSON in which nothing is recognisably this API means the base URL (or what sits in front of it)
 * is wrong: that is no drift, and the nightly job must not open issues for it. An answer that is
 * this API with a broken envelope (`data` or `links` kept, or SIP endpoint objects anywhere in it)
 * is judged by the schema checks: that is exactly the drift the job exists to report. Statuses the
 * spec documents for the list (401, 422, 429, 500) are the API's own answers and are judged as usual.
 */
function notThisApi({ exchange, analysis }: Sent, baseUrl: string): string | undefined {
  const expected = `expected GET ${baseUrl}/endpoints/sip to answer 200 with a JSON page { data, links } (the base URL is https://<space>.signalwire.com/api/relay/rest)`;
  if (exchange.status === 404)
    return `${baseUrl} does not look like the SIP endpoint API: the list answered 404; ${expected}`;
  if (!isSuccess(exchange.status)) return undefined;
  if (!analysis.parsed.ok)
    return `${baseUrl} does not look like the SIP endpoint API: the list answered ${exchange.status} with a body that is not JSON; ${expected}`;
  const body = analysis.parsed.value;
  const envelope = isPlainObject(body) && (Array.isArray(body.data) || isPlainObject(body.links));
  return envelope || holdsSipEndpoint(body, 0)
    ? undefined
    : `${baseUrl} does not look like the SIP endpoint API: the list answered ${exchange.status} with JSON that holds neither a page envelope nor a SIP endpoint; ${expected}`;
}

/** An object with `type: "sip_endpoint"` within a few levels of the body (an envelope's renamed list). */
function holdsSipEndpoint(node: unknown, depth: number): boolean {
  if (depth > 3 || node === null || typeof node !== "object") return false;
  if (isPlainObject(node) && node.type === "sip_endpoint") return true;
  return Object.values(node).some((child) => holdsSipEndpoint(child, depth + 1));
}

interface Sample {
  id: string;
  username: string;
  caller_id: unknown;
}

/**
 * A piece of a value, in whole characters (an emoji is never split into lone surrogates), that the
 * value contains but neither starts with nor equals, in any case: only a server that filters by
 * "contains", as the spec says, lists the value for it. Undefined when the value has no such
 * piece (one character, or one character repeated).
 */
export function middleOf(value: string): string | undefined {
  const chars = Array.from(value);
  const length = Math.max(1, Math.floor((chars.length - 1) / 2));
  const lower = value.toLowerCase();
  for (let start = 1; start + length <= chars.length; start++) {
    const piece = chars.slice(start, start + length).join("");
    if (!lower.startsWith(piece.toLowerCase())) return piece;
  }
  return undefined;
}

/** What a filter step sends for `field`: the middle of the first sampled value that has one, with that endpoint as a known match. */
function filterFor(
  samples: readonly Sample[],
  field: "username" | "caller_id",
  fallback: string,
): { filter: string; knownMatch?: string } {
  for (const sample of samples) {
    const value = sample[field];
    const piece = typeof value === "string" ? middleOf(value) : undefined;
    if (piece !== undefined) return { filter: piece, knownMatch: sample.id };
  }
  return { filter: fallback };
}

/** What a read-only run learned that a read-write one can use: references of the Space, seen in its endpoints. */
export interface SpaceFacts {
  /** A value seen for each reference field (`x-reference`): an id the Space is known to have. */
  references: Map<string, string>;
}

export async function readOnlyScenario(session: DriftSession, config: ScenarioConfig): Promise<SpaceFacts> {
  const samples: Sample[] = [];
  const references = new Map<string, string>();
  const referenceNames = [...referenceFields().keys()];

  await session.step("list the first page", async () => {
    const sent = await session.request(
      { operationId: "list_sip_endpoints" },
      { notThisApi: (answer) => notThisApi(answer, config.baseUrl) },
    );
    session.expectJson(sent, "the first page");
  });

  await session.step(`walk every page (page_size ${config.pageSize})`, async () => {
    const seen = new Set<string>();
    // Items without an id are endpoints the walk saw too (their missing id is a finding of its own).
    let withoutId = 0;
    const walked = () => seen.size + withoutId;
    const walk = await walkPages(
      session,
      { query: { page_size: config.pageSize }, maxPages: config.maxPages, baseUrl: config.baseUrl, what: "the walk" },
      ({ sent, ids, items }) => {
        session.judge(paginationInconsistent, {
          kind: "page",
          exchange: sent.exchange,
          pageSize: config.pageSize,
          ids,
          seen,
        });
        for (const id of ids) {
          if (id === "") withoutId++;
          else seen.add(id);
        }
        for (const item of items) {
          for (const field of referenceNames) {
            const value = isPlainObject(item) ? item[field] : undefined;
            if (typeof value === "string" && value !== "" && !references.has(field)) references.set(field, value);
          }
          if (samples.length >= config.sampleSize) continue;
          const { id, username, caller_id } = (item ?? {}) as { id?: unknown; username?: unknown; caller_id?: unknown };
          if (typeof id === "string" && typeof username === "string") samples.push({ id, username, caller_id });
        }
      },
    );
    // A full last page without `next` may hide more: ask for one page bigger than the walk.
    const last = walk.last;
    const probeSize = walked() + 1;
    if (walk.complete && last && last.ids.length >= config.pageSize && isValidListQuery({ page_size: probeSize })) {
      const probe = await session.request({ operationId: "list_sip_endpoints", query: { page_size: probeSize } });
      // Only a page can say whether the walk missed something; any other answer leaves it unknown.
      const what = `the probe for hidden pages (page_size ${probeSize})`;
      const probeIds = idsOfEnvelope(session.expectJson(probe, what));
      if (!probeIds)
        throw new StepIncomplete(`${what}: the ${probe.exchange.status} body of list_sip_endpoints is no list`);
      session.judge(paginationInconsistent, {
        kind: "end",
        exchange: last.sent.exchange,
        walked: walked(),
        probeSize,
        probeCount: probeIds.length,
      });
    }
  });

  const bounds = listParameterBounds();
  if (bounds.length > 0) {
    await session.step("list at each documented bound of its parameters", async () => {
      for (const query of bounds) {
        const sent = await session.request({ operationId: "list_sip_endpoints", query });
        session.expectJson(
          sent,
          `a list with ${Object.entries(query)
            .map(([k, v]) => `${k}=${v}`)
            .join("&")}`,
        );
      }
    });
  }

  const first = samples[0];
  await session.step("list with filters", async () => {
    const filters = [
      { field: "username" as const, ...filterFor(samples, "username", "drift") },
      { field: "caller_id" as const, ...filterFor(samples, "caller_id", "a") },
    ];
    for (const { field, filter, knownMatch } of filters) {
      const items: Array<{ id: string; value: unknown }> = [];
      const walk = await walkPages(
        session,
        {
          query: { [`filter_${field}`]: filter },
          maxPages: config.maxPages,
          baseUrl: config.baseUrl,
          what: `filter_${field}`,
        },
        ({ items: page }) => {
          for (const item of page) {
            const { id, [field]: value } = (item ?? {}) as Record<string, unknown>;
            items.push({ id: typeof id === "string" ? id : "", value });
          }
        },
      );
      if (walk.last)
        session.judge(filterNotApplied, {
          exchange: walk.last.sent.exchange,
          field,
          filter,
          items,
          knownMatch,
          complete: walk.complete,
        });
    }
  });

  if (samples.length > 0) {
    await session.step(`retrieve ${samples.length} listed endpoint(s)`, async () => {
      for (const sample of samples) {
        const sent = await session.request({ operationId: "retrieve_sip_endpoint", params: { id: sample.id } });
        session.expectStatus(sent, "2xx", `retrieving listed endpoint ${sample.id}`);
        session.judge(resourceMismatch, {
          exchange: sent.exchange,
          body: session.requireJson(sent, `retrieve ${sample.id}`),
          expectedId: sample.id,
        });
      }
    });
  } else {
    session.skip("retrieve listed endpoints", "the list showed no endpoint to retrieve");
  }

  await session.step("retrieve an unknown id (expect 404)", async () => {
    const sent = await session.request({ operationId: "retrieve_sip_endpoint", params: { id: randomUUID() } });
    session.expectStatus(sent, [404], "retrieving an id nobody created");
  });

  await session.step("list without credentials and with wrong ones (expect 401)", async () => {
    const probe = async (request: DriftRequest, credentials: "none" | "wrong") => {
      const sent = await session.request(request);
      session.expectRefusal(
        authNotEnforced,
        { exchange: sent.exchange, credentials },
        401,
        `${request.operationId} with ${credentials === "none" ? "no" : "wrong"} credentials`,
      );
    };
    await probe({ operationId: "list_sip_endpoints", auth: "none" }, "none");
    await probe({ operationId: "list_sip_endpoints", auth: config.wrongCredentials }, "wrong");
    if (first) await probe({ operationId: "retrieve_sip_endpoint", params: { id: first.id }, auth: "none" }, "none");
  });

  await session.step("list with an invalid page_size (expect 422)", async () => {
    for (const invalid of invalidListQueries()) {
      const sent = await session.request(
        { operationId: "list_sip_endpoints", query: invalid.query },
        { invalidInput: true },
      );
      session.expectRefusal(
        invalidInputAccepted,
        { exchange: sent.exchange, pointer: invalid.pointer, rule: invalid.rule },
        422,
        `a list whose ${invalid.pointer} ${invalid.rule}`,
      );
    }
  });
  return { references };
}

/**
 * One list query per value class the spec gives a list parameter (a bound of `page_size`, of
 * `page_number`, an enum value): values the API must accept, which a walk with its own page size
 * never sends. Only queries the spec allows on their own are kept.
 */
function listParameterBounds(): Array<Record<string, string | number>> {
  return operations.list_sip_endpoints.parameters.flatMap((p: ParameterInfo) =>
    (p.valueClasses ?? [])
      .filter((v): v is string | number => typeof v !== "boolean")
      .map((v) => ({ [p.name]: v }))
      .filter((query) => isValidListQuery(query)),
  );
}
