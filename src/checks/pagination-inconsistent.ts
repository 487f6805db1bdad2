import { isSuccess, type ScenarioCheck } from "./scenario-check";
import type { HttpExchange } from "./types";

/**
 * What a page walk observed. A walk streams: it keeps the ids seen so far (for duplicates) and
 * nothing of the pages themselves.
 * - `page`: one page, its requested `page_size`, its ids in order, and the ids of earlier pages.
 * - `end`: the last page had no `links.next`; a probe page of `probeSize` items then showed
 *   `probeCount` endpoints although the walk saw only `walked`.
 * - `link`: the page's `links.next` cannot be followed (not a URL reference, another origin, or it
 *   answered 404); `exchange` is the page that carried it.
 */
export type PaginationEvidence =
  | { kind: "page"; exchange: HttpExchange; pageSize: number; ids: readonly string[]; seen: ReadonlySet<string> }
  | { kind: "end"; exchange: HttpExchange; walked: number; probeSize: number; probeCount: number }
  | { kind: "link"; exchange: HttpExchange; problem: string };

export const paginationInconsistent: ScenarioCheck<PaginationEvidence, "pagination-inconsistent"> = {
  id: "pagination-inconsistent",
  severity: "warning",
  needs: "reads",
  firesWhen:
    "an endpoint repeats across pages, a page exceeds `page_size`, `next` is missing while a bigger page shows more, or `next` cannot be followed (no URL reference, another origin, 404)",
  run: (evidence) => {
    if (!isSuccess(evidence.exchange.status)) return [];
    if (evidence.kind === "link") {
      return [
        {
          pointer: "/links/next",
          expected: "a link to the next page of this list",
          actual: evidence.problem,
          message: `the walk cannot go on: ${evidence.problem}`,
        },
      ];
    }
    if (evidence.kind === "end") {
      return evidence.probeCount > evidence.walked
        ? [
            {
              pointer: "/links/next",
              expected: "a link to the next page",
              actual: `absent after ${evidence.walked} endpoints, but a page of ${evidence.probeSize} holds ${evidence.probeCount}`,
              message: `the walk ended after ${evidence.walked} endpoints without links.next, yet more exist`,
            },
          ]
        : [];
    }
    const { ids, pageSize, seen } = evidence;
    const drafts = [];
    if (ids.length > pageSize) {
      drafts.push({
        pointer: "/data",
        expected: `at most ${pageSize} items (page_size)`,
        actual: `${ids.length} items`,
        message: `a page asked for ${pageSize} items holds ${ids.length}`,
      });
    }
    const onThisPage = new Set<string>();
    ids.forEach((id, index) => {
      if (id === "") return;
      if (seen.has(id) || onThisPage.has(id)) {
        drafts.push({
          pointer: `/data/${index}/id`,
          expected: "an endpoint not listed before in this walk",
          actual: `${id} again`,
          message: `endpoint ${id} appears twice in one walk`,
        });
      }
      onThisPage.add(id);
    });
    return drafts;
  },
};
