import { schemaCategoryCheck } from "./response-check";

export const fieldMissing = schemaCategoryCheck({
  id: "field-missing",
  severity: "breaking",
  firesWhen: "a required key is absent",
  suggests: "make-optional",
});
