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
import type { ResponseCheck } from "./response-check";
import { schemaViolation } from "./schema-violation";
import { statusCodeAlternative } from "./status-code-alternative";
import { statusCodeUndocumented } from "./status-code-undocumented";

/** Checks that judge a single exchange; run on every response the client or the drift job sees. */
export const RESPONSE_CHECKS: readonly ResponseCheck[] = [
  statusCodeUndocumented,
  statusCodeAlternative,
  contentTypeMismatch,
  bodyNotJson,
  fieldMissing,
  fieldTypeMismatch,
  enumValueUnknown,
  formatMismatch,
  fieldUndocumented,
  schemaViolation,
];
