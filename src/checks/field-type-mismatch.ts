import { schemaCategoryCheck } from "./response-check";

export const fieldTypeMismatch = schemaCategoryCheck({
  id: "field-type-mismatch",
  severity: "breaking",
  firesWhen: "a value has another type, `null` where not nullable included",
  suggests: "widen-type",
});
