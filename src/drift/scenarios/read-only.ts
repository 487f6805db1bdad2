/**
 * The read-only scenario, the default against a live Space: it never changes anything.
 * List (plain and filtered), walk every page, retrieve a sample, retrieve an unknown id, and probe
 * that the API refuses missing or wrong credentials and an invalid page size.
 */
import { randomUUID } from "node:crypto";
import { idsOfEnvelope, SCENARIO_CHECKS } from "../../checks";
import { invalidListQueries, isValidListQuery } from "../fixtures";
import { StepIncomplete, type DriftSession, type Sent } from "../session";
import { walkPages } from "../walk";
import type { ScenarioConfig } from "./config";
import { isSuccess } from "../../http-status";
import { isPlainObject } from "../../spec/json-pointer";

const { authNotEnforced, filterNotApplied, invalidInputAccepted, paginationInconsistent, resourceMismatch } = SCENARIO_CHECKS;

/**
 * Whether the first list answer could come from this API at all. A 404, a body that is not JSON or
 * one without `data` and `links` means the base URL (or what sits in front of it) is wrong: that is
 * no drift, and the nightly job must not open issues for it. Statuses the spec documents for the
 * list (401, 422, 429, 500) are the API's own answers and are judged as usual.
 */
function notThisApi({ exchange, analysis }: Sent, baseUrl: string): string | undefined {
  const expected = `expected GET ${baseUrl}/endpoints/sip to answer 200 with a JSON page { data, links } (the base URL is https://<space>.signalwire.com/api/relay/rest)`;
  if (exchange.status === 404) return `${baseUrl} does not look like the SIP endpoint API: the list answered 404; ${expected}`;
  if (!isSuccess(exchange.status)) return undefined;
  if (!analysis.parsed.ok) return `${baseUrl} does not look like the SIP endpoint API: the list answered ${exchange.status} with a body that is not JSON; ${expected}`;
  const body = analysis.parsed.value;
  const shaped = isPlainObject(body) && Array.isArray(body.data) && typeof body.links === "object";
  return shaped ? undefined : `${baseUrl} does not look like the SIP endpoint API: the list answered ${exchange.status} without data and links; ${expected}`;
}

interface Sample {
  id: string;
  username: string;
  caller_id: unknown;
}

/** The first half of a value, in whole characters (an emoji is never split into lone surrogates). */
export function halfOf(value: string): string {
  const chars = Array.from(value);
  return chars.slice(0, Math.max(1, Math.ceil(chars.length / 2))).join("");
}

export async function readOnlyScenario(session: DriftSession, config: ScenarioConfig): Promise<void> {
  const samples: Sample[] = [];

  await session.step("list the first page", async () => {
    const sent = await session.request({ operationId: "list_sip_endpoints" }, { notThisApi: (answer) => notThisApi(answer, config.baseUrl) });
    session.requireJson(sent, "the first page");
  });

  await session.step(`walk every page (page_size ${config.pageSize})`, async () => {
    const seen = new Set<string>();
    // Items without an id are endpoints the walk saw too (their missing id is a finding of its own).
    let withoutId = 0;
    const walked = () => seen.size + withoutId;
    const walk = await walkPages(session, { query: { page_size: config.pageSize }, maxPages: config.maxPages, baseUrl: config.baseUrl, what: "the walk" }, ({ sent, ids, items }) => {
      session.judge(paginationInconsistent, { kind: "page", exchange: sent.exchange, pageSize: config.pageSize, ids, seen });
      for (const id of ids) {
        if (id === "") withoutId++;
        else seen.add(id);
      }
      for (const item of items) {
        if (samples.length >= config.sampleSize) break;
        const { id, username, caller_id } = (item ?? {}) as { id?: unknown; username?: unknown; caller_id?: unknown };
        if (typeof id === "string" && typeof username === "string") samples.push({ id, username, caller_id });
      }
    });
    // A full last page without `next` may hide more: ask for one page bigger than the walk.
    const last = walk.last;
    const probeSize = walked() + 1;
    if (walk.complete && last && last.ids.length >= config.pageSize && isValidListQuery({ page_size: probeSize })) {
      const probe = await session.request({ operationId: "list_sip_endpoints", query: { page_size: probeSize } });
      // Only a page can say whether the walk missed something; any other answer leaves it unknown.
      const what = `the probe for hidden pages (page_size ${probeSize})`;
      const probeIds = idsOfEnvelope(session.requireJson(probe, what));
      if (!probeIds) throw new StepIncomplete(`${what}: the ${probe.exchange.status} body of list_sip_endpoints is no list`);
      session.judge(paginationInconsistent, { kind: "end", exchange: last.sent.exchange, walked: walked(), probeSize, probeCount: probeIds.length });
    }
  });

  const first = samples[0];
  await session.step("list with filters", async () => {
    const byCaller = samples.find((sample) => typeof sample.caller_id === "string" && sample.caller_id !== "");
    const filters = [
      { field: "username" as const, filter: first ? halfOf(first.username) : "drift", knownMatch: first?.id },
      { field: "caller_id" as const, filter: byCaller ? halfOf(byCaller.caller_id as string) : "a", knownMatch: byCaller?.id },
    ];
    for (const { field, filter, knownMatch } of filters) {
      const items: Array<{ id: string; value: unknown }> = [];
      const walk = await walkPages(session, { query: { [`filter_${field}`]: filter }, maxPages: config.maxPages, baseUrl: config.baseUrl, what: `filter_${field}` }, ({ items: page }) => {
        for (const item of page) {
          const { id, [field]: value } = (item ?? {}) as Record<string, unknown>;
          items.push({ id: typeof id === "string" ? id : "", value });
        }
      });
      if (walk.last) session.judge(filterNotApplied, { exchange: walk.last.sent.exchange, field, filter, items, knownMatch, complete: walk.complete });
    }
  });

  if (samples.length > 0) {
    await session.step(`retrieve ${samples.length} listed endpoint(s)`, async () => {
      for (const sample of samples) {
        const sent = await session.request({ operationId: "retrieve_sip_endpoint", params: { id: sample.id } });
        session.expectStatus(sent, "2xx", `retrieving listed endpoint ${sample.id}`);
        session.judge(resourceMismatch, { exchange: sent.exchange, body: session.requireJson(sent, `retrieve ${sample.id}`), expectedId: sample.id });
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
    const none = await session.request({ operationId: "list_sip_endpoints", auth: "none" });
    session.judge(authNotEnforced, { exchange: none.exchange, credentials: "none" });
    const wrong = await session.request({ operationId: "list_sip_endpoints", auth: config.wrongCredentials });
    session.judge(authNotEnforced, { exchange: wrong.exchange, credentials: "wrong" });
    if (first) {
      const one = await session.request({ operationId: "retrieve_sip_endpoint", params: { id: first.id }, auth: "none" });
      session.judge(authNotEnforced, { exchange: one.exchange, credentials: "none" });
    }
  });

  await session.step("list with an invalid page_size (expect 422)", async () => {
    for (const invalid of invalidListQueries()) {
      const sent = await session.request({ operationId: "list_sip_endpoints", query: invalid.query }, { invalidInput: true });
      session.judge(invalidInputAccepted, { exchange: sent.exchange, pointer: invalid.pointer, rule: invalid.rule });
    }
  });
}
