import { isSuccess, type ScenarioCheck } from "./scenario-check";
import type { HttpExchange } from "./types";

/**
 * A retrieve of an endpoint the scenario just created, or the last page of a list walk that should
 * have shown it. For a walk, `listed` holds every id the walk saw: a single page cannot tell.
 */
export interface AfterCreateEvidence {
  exchange: HttpExchange;
  createdId: string;
  listed?: ReadonlySet<string>;
}

const GONE = new Set([404, 410]);

export const resourceUnavailable: ScenarioCheck<AfterCreateEvidence, "resource-unavailable"> = {
  id: "resource-unavailable",
  severity: "breaking",
  needs: "writes",
  firesWhen: "a created endpoint answers 404/410 or is missing from the list",
  run: ({ exchange, createdId, listed }) => {
    if (listed === undefined) {
      // Only "not found" says the endpoint is unavailable; a 5xx or an undocumented status says
      // something else, which the response checks report on their own.
      return !GONE.has(exchange.status)
        ? []
        : [
            {
              pointer: "",
              expected: "2xx with the endpoint",
              actual: String(exchange.status),
              message: `endpoint ${createdId} was created but retrieving it answered ${exchange.status}`,
            },
          ];
    }
    if (!isSuccess(exchange.status) || listed.has(createdId)) return [];
    return [
      {
        pointer: "/data",
        expected: `an item with id ${createdId}`,
        actual: `not among the ${listed.size} listed`,
        message: `endpoint ${createdId} was created but the list does not show it`,
      },
    ];
  },
};
