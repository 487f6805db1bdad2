/**
 * Which checks each mode's scenarios judge. The response checks judge every answer in any mode;
 * a scenario check says what its evidence needs (`needs`), and read-only runs create, update and
 * delete nothing. A test runs both modes against the mock and holds this table to what the
 * scenarios actually evaluated.
 */
import { RESPONSE_CHECKS, SCENARIO_CHECKS } from "../../checks";
import type { DriftMode, TargetKind } from "../types";

const SCENARIO = Object.values(SCENARIO_CHECKS);
const READ_ONLY = [...RESPONSE_CHECKS, ...SCENARIO.filter((c) => c.needs === "reads")].map((c) => c.id);

export const CHECKS_JUDGED: Record<DriftMode, readonly string[]> = {
  "read-only": READ_ONLY,
  "read-write": [...READ_ONLY, ...SCENARIO.filter((c) => c.needs === "writes").map((c) => c.id)],
};

const RESPONSE_CHECK_IDS = new Set<string>(RESPONSE_CHECKS.map((c) => c.id));

/** Why a check was not evaluated, for the report and the JUnit file. */
export function notEvaluatedReason(check: string, mode: DriftMode, kind: TargetKind): string {
  if (kind === "replay" && !RESPONSE_CHECK_IDS.has(check)) {
    return "a replay judges each recorded answer on its own; this check compares answers with what a live run did before them";
  }
  return CHECKS_JUDGED[mode].includes(check)
    ? "no step of this run reached it (a step before it stopped, or there was nothing to judge)"
    : `${mode} runs do not judge it (it needs endpoints the run creates, updates or deletes)`;
}
