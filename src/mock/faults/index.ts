/**
 * The registry of fault profiles: each a named, documented, deterministic way of drifting from
 * the spec, so every drift check can be shown to fire against the mock.
 */
import { acceptsInvalid } from "./accepts-invalid";
import { authIgnored } from "./auth-ignored";
import { badFormat } from "./bad-format";
import { brokenPagination } from "./broken-pagination";
import { created201 } from "./created-201";
import { extraField } from "./extra-field";
import { flaky500 } from "./flaky-500";
import { foundUnknownId } from "./found-unknown-id";
import { htmlError } from "./html-error";
import { ignoresFilters } from "./ignores-filters";
import { ignoresUpdates } from "./ignores-updates";
import { missingField } from "./missing-field";
import { nullNotAllowed } from "./null-not-allowed";
import { passwordReturned } from "./password-returned";
import { rateLimit } from "./rate-limit";
import { retryAfterMissing } from "./retry-after-missing";
import { slow } from "./slow";
import { stillThereAfterDelete } from "./still-there-after-delete";
import { truncatedJson } from "./truncated-json";
import type { FaultProfile } from "./types";
import { undocumentedStatus } from "./undocumented-status";
import { unknownEnum } from "./unknown-enum";
import { wrongContentType } from "./wrong-content-type";
import { wrongId } from "./wrong-id";
import { wrongType } from "./wrong-type";

export { FAULT_OPTION_NAMES, type FaultOptions, type FaultProfile } from "./types";

export const FAULT_PROFILES = {
  "extra-field": extraField,
  "missing-field": missingField,
  "wrong-type": wrongType,
  "null-not-allowed": nullNotAllowed,
  "unknown-enum": unknownEnum,
  "bad-format": badFormat,
  "password-returned": passwordReturned,
  "undocumented-status": undocumentedStatus,
  "wrong-content-type": wrongContentType,
  "html-error": htmlError,
  "truncated-json": truncatedJson,
  slow,
  "rate-limit": rateLimit,
  "retry-after-missing": retryAfterMissing,
  "flaky-500": flaky500,
  "auth-ignored": authIgnored,
  "accepts-invalid": acceptsInvalid,
  "still-there-after-delete": stillThereAfterDelete,
  "broken-pagination": brokenPagination,
  "created-201": created201,
  "found-unknown-id": foundUnknownId,
  "wrong-id": wrongId,
  "ignores-updates": ignoresUpdates,
  "ignores-filters": ignoresFilters,
} as const satisfies Record<string, FaultProfile>;

export type FaultName = keyof typeof FAULT_PROFILES;

export const FAULT_NAMES = Object.keys(FAULT_PROFILES) as FaultName[];

export function isFaultName(name: string): name is FaultName {
  return Object.prototype.hasOwnProperty.call(FAULT_PROFILES, name);
}
