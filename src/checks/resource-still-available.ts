import { parseJson } from "../json-text";
import { listPageIds } from "./list-page";
import { isSuccess, type ScenarioCheck } from "./scenario-check";
import type { HttpExchange } from "./types";

/** A retrieve of an endpoint the scenario deleted, or a list page read after the delete. */
export interface AfterDeleteEvidence {
  exchange: HttpExchange;
  deletedId: string;
}

export const resourceStillAvailable: ScenarioCheck<AfterDeleteEvidence, "resource-still-available"> = {
  id: "resource-still-available",
  severity: "breaking",
  needs: "writes",
  firesWhen: "a deleted endpoint can still be retrieved or listed",
  run: ({ exchange, deletedId }) => {
    if (!isSuccess(exchange.status)) return [];
    if (exchange.operationId === "retrieve_sip_endpoint") {
      // A 2xx about another endpoint is not this one still being there (`status-code-unexpected`).
      const parsed = parseJson(exchange.bodyText);
      // Stryker disable next-line ConditionalExpression: a string or number has no id either; the typeof test says what is meant
      const id =
        parsed.ok && parsed.value !== null && typeof parsed.value === "object"
          ? (parsed.value as { id?: unknown }).id
          : undefined;
      if (id !== undefined && id !== deletedId) return [];
      return [
        {
          pointer: "",
          expected: "404",
          actual: String(exchange.status),
          message: `endpoint ${deletedId} was deleted but can still be retrieved (${exchange.status})`,
        },
      ];
    }
    const index = listPageIds(exchange)?.indexOf(deletedId) ?? -1;
    if (index < 0) return [];
    return [
      {
        pointer: `/data/${index}/id`,
        expected: "not listed",
        actual: `listed at /data/${index}`,
        message: `endpoint ${deletedId} was deleted but is still listed`,
      },
    ];
  },
};
