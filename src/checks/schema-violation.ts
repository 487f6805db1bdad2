import { schemaCategoryCheck } from "./response-check";

export const schemaViolation = schemaCategoryCheck({
  id: "schema-violation",
  severity: "breaking",
  firesWhen: "any other schema rule is broken",
});
