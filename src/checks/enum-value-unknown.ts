import { schemaCategoryCheck } from "./response-check";

export const enumValueUnknown = schemaCategoryCheck({
  id: "enum-value-unknown",
  severity: "breaking",
  firesWhen: "a value is outside the documented enum",
  suggests: "add-enum",
});
