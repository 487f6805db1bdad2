import { schemaCategoryCheck } from "./response-check";

export const fieldUndocumented = schemaCategoryCheck({
  id: "field-undocumented",
  severity: "warning",
  firesWhen: "a key the spec does not describe (only its type is reported)",
  locatedAt: "owning-object",
  suggests: "add-property",
});
