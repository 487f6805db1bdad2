/**
 * Every check of the catalogue. Ids are stable: reports, issue trackers and `--fail-on` rely on them.
 */
import { bodyNotJson } from "./body-not-json";
import { contentTypeMismatch } from "./content-type-mismatch";
import { enumValueUnknown } from "./enum-value-unknown";
import { fieldMissing } from "./field-missing";
import { fieldTypeMismatch } from "./field-type-mismatch";
import { fieldUndocumented } from "./field-undocumented";
import { formatMismatch } from "./format-mismatch";
import { headerInvalid } from "./header-invalid";
import type { ResponseCheck } from "./response-check";
import { authNotEnforced } from "./auth-not-enforced";
import { filterNotApplied } from "./filter-not-applied";
import { invalidInputAccepted } from "./invalid-input-accepted";
import { paginationInconsistent } from "./pagination-inconsistent";
import { resourceMismatch } from "./resource-mismatch";
import { resourceStillAvailable } from "./resource-still-available";
import { resourceUnavailable } from "./resource-unavailable";
import type { CheckInfo } from "./types";
import { schemaViolation } from "./schema-violation";
import { statusCodeAlternative } from "./status-code-alternative";
import { statusCodeUndocumented } from "./status-code-undocumented";
import { statusCodeUnexpected } from "./status-code-unexpected";
import { updateNotApplied } from "./update-not-applied";
import { updateSideEffect } from "./update-side-effect";
import { writeOnlyReturned } from "./write-only-returned";

/** Checks that judge a single exchange; run on every response the client or the drift job sees. */
export const RESPONSE_CHECKS = [
  statusCodeUndocumented,
  statusCodeAlternative,
  contentTypeMismatch,
  headerInvalid,
  bodyNotJson,
  fieldMissing,
  fieldTypeMismatch,
  enumValueUnknown,
  formatMismatch,
  fieldUndocumented,
  writeOnlyReturned,
  schemaViolation,
] as const satisfies readonly ResponseCheck[];

/** Checks that judge what a scenario learned across requests; the drift scenarios feed them. */
export const SCENARIO_CHECKS = {
  authNotEnforced,
  invalidInputAccepted,
  resourceStillAvailable,
  resourceUnavailable,
  paginationInconsistent,
  statusCodeUnexpected,
  resourceMismatch,
  updateNotApplied,
  updateSideEffect,
  filterNotApplied,
} as const;

/** Every check id of the catalogue, as a type: a misspelt id does not compile. */
export type CheckId =
  | (typeof RESPONSE_CHECKS)[number]["id"]
  | (typeof SCENARIO_CHECKS)[keyof typeof SCENARIO_CHECKS]["id"];

/** The whole catalogue (id, severity, when it fires, its facets), in report order. */
export const ALL_CHECKS: readonly CheckInfo<CheckId>[] = [...RESPONSE_CHECKS, ...Object.values(SCENARIO_CHECKS)].map(
  ({ id, severity, firesWhen, locatedAt, suggests }) => ({
    id,
    severity,
    firesWhen,
    ...(locatedAt ? { locatedAt } : {}),
    ...(suggests ? { suggests } : {}),
  }),
);

const BY_ID = new Map<string, CheckInfo<CheckId>>(ALL_CHECKS.map((check) => [check.id, check]));

/** A check of the catalogue by its id. */
export function checkInfo(id: CheckId): CheckInfo<CheckId> {
  return BY_ID.get(id)!;
}
