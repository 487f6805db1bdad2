import { describeValue } from "./finding";
import { isSuccess, type ScenarioCheck } from "./scenario-check";
import type { HttpExchange } from "./types";

/**
 * A filtered list (`filter_username` or `filter_caller_id`): the items it showed, and an endpoint
 * known to match. `complete` says the walk of the filtered list reached its end, so a known match
 * missing from it is evidence (a walk cut short is not).
 */
export interface FilterEvidence {
  exchange: HttpExchange;
  field: "username" | "caller_id";
  filter: string;
  /** Every item the filtered walk showed, as `{ id, value }` of the filtered field. */
  items: ReadonlyArray<{ id: string; value: unknown }>;
  knownMatch?: string;
  complete: boolean;
}

/** The API's matching is a substring test; its case rule is undocumented, so either case is taken as a match. */
const contains = (value: unknown, part: string) =>
  typeof value === "string" && value.toLowerCase().includes(part.toLowerCase());

export const filterNotApplied: ScenarioCheck<FilterEvidence, "filter-not-applied"> = {
  id: "filter-not-applied",
  severity: "warning",
  needs: "reads",
  firesWhen:
    "a `filter_username` / `filter_caller_id` list holds an item that does not contain the filter (in either case), or a complete filtered walk misses a known match",
  run: ({ exchange, field, filter, items, knownMatch, complete }) => {
    if (!isSuccess(exchange.status)) return [];
    const drafts = [];
    const strangers = items.filter((item) => !contains(item.value, filter));
    if (strangers.length > 0) {
      const first = strangers[0]!;
      drafts.push({
        pointer: "/data",
        expected: `only items whose ${field} contains ${describeValue(filter)}`,
        actual: `${strangers.length} of ${items.length} do not, e.g. ${first.id} with ${describeValue(first.value)}`,
        message: `filter_${field}=${describeValue(filter)} listed ${strangers.length} endpoint(s) whose ${field} does not contain it`,
      });
    }
    if (complete && knownMatch !== undefined && !items.some((item) => item.id === knownMatch)) {
      drafts.push({
        pointer: "/data",
        expected: `endpoint ${knownMatch}, whose ${field} contains ${describeValue(filter)}`,
        actual: `not among the ${items.length} listed`,
        message: `filter_${field}=${describeValue(filter)} does not list endpoint ${knownMatch}, which matches it`,
      });
    }
    return drafts;
  },
};
