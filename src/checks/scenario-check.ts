import type { CheckInfo, FindingDraft, HttpExchange } from "./types";

/**
 * A check that judges what a scenario learned across requests (a delete followed by a retrieve, a
 * walk over many pages), not one response on its own. Its evidence always names the exchange that
 * shows the problem, so the finding gets that exchange's operation, method and status.
 */
export interface ScenarioCheck<Evidence extends { exchange: HttpExchange }, Id extends string = string>
  extends CheckInfo<Id> {
  /**
   * What its evidence takes: `reads` a read-only run gathers (lists, retrieves, refused requests);
   * `writes` only endpoints the run creates, updates and deletes give.
   */
  needs: "reads" | "writes";
  run(evidence: Evidence): FindingDraft[];
}

export { isSuccess } from "../http-status";
