import { schemaCategoryCheck } from "./response-check";

export const formatMismatch = schemaCategoryCheck({
  id: "format-mismatch",
  severity: "warning",
  firesWhen: "a `uuid` / `uri` / `date-time` value is malformed",
  suggests: "drop-format",
});
