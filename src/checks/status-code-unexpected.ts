import { documentedStatuses } from "../spec";
import { isSuccess, type ScenarioCheck } from "./scenario-check";
import type { HttpExchange } from "./types";

/**
 * What a step expected of a status: a documented answer, but not the one the situation calls for
 * (200 for an id nobody created, 404 for an endpoint just made). An undocumented status is
 * `status-code-undocumented`'s; a 5xx or a 429 says nothing either way (the step is then incomplete).
 */
export interface StatusEvidence {
  exchange: HttpExchange;
  /** The statuses the step expects; `2xx` for any success. */
  expected: readonly number[] | "2xx";
  /** What the step asked, e.g. "retrieve an id nobody created". */
  situation: string;
}

const matches = (status: number, expected: StatusEvidence["expected"]) =>
  expected === "2xx" ? isSuccess(status) : expected.includes(status);

export const statusCodeUnexpected: ScenarioCheck<StatusEvidence, "status-code-unexpected"> = {
  id: "status-code-unexpected",
  severity: "breaking",
  needs: "reads",
  firesWhen:
    "a documented status that the situation does not call for: 200 for an id nobody created, a 4xx for a valid create or update",
  run: ({ exchange, expected, situation }) => {
    const { status, operationId } = exchange;
    if (
      status >= 500 ||
      status === 429 ||
      matches(status, expected) ||
      !documentedStatuses(operationId).includes(String(status))
    )
      return [];
    const wanted = expected === "2xx" ? "2xx" : expected.join(" or ");
    return [
      {
        pointer: "",
        expected: wanted,
        actual: String(status),
        message: `${situation} answered ${status}, where ${wanted} was expected`,
      },
    ];
  },
};
