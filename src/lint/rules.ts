/**
 * The catalogue of spec lint rules. Ids are stable (tests, CI logs and people grep for them);
 * every problem the linter reports carries one of them and takes its severity from here.
 */
export type LintSeverity = "error" | "warning";

interface LintRuleInfo {
  severity: LintSeverity;
  /** One sentence: when the rule fires. */
  firesWhen: string;
}

export const LINT_RULES = {
  "spec-unreadable": { severity: "error", firesWhen: "the spec file is missing or cannot be read" },
  "spec-syntax": { severity: "error", firesWhen: "the file is not valid YAML, or its top level is not a mapping" },
  "oas-schema": {
    severity: "error",
    firesWhen: "swagger-parser finds the document breaks the OpenAPI 3.1 schema (a wrong key, type or version)",
  },
  "ref-unresolved": {
    severity: "error",
    firesWhen: "a $ref points at nothing, or outside the file (codegen reads one file)",
  },
  "schema-invalid": { severity: "error", firesWhen: "a schema is not one the shared ajv configuration can compile" },
  "operation-id-missing": { severity: "error", firesWhen: "an operation has no operationId" },
  "operation-id-duplicate": { severity: "error", firesWhen: "two operations share an operationId" },
  "operation-summary-missing": { severity: "error", firesWhen: "an operation has no summary" },
  "operation-tag-missing": { severity: "error", firesWhen: "an operation has no tag" },
  "operation-4xx-missing": { severity: "error", firesWhen: "an operation documents no 4xx response" },
  "path-param-undeclared": {
    severity: "error",
    firesWhen: "a {name} in a path template is not declared as a path parameter of an operation",
  },
  "path-param-unused": {
    severity: "error",
    firesWhen: "a declared path parameter does not appear in the path template",
  },
  "link-operation-unknown": { severity: "error", firesWhen: "a response link names no operation of the spec" },
  "link-parameter-unknown": {
    severity: "error",
    firesWhen:
      "a response link fills a parameter its operation does not have, or leaves one of its path parameters unfilled",
  },
  "link-expression-unresolvable": {
    severity: "error",
    firesWhen:
      "a link's runtime expression points at nothing the response's schema or the request's parameters describe",
  },
  "example-invalid": { severity: "error", firesWhen: "an example does not validate against its schema" },
  "example-unchecked": {
    severity: "warning",
    firesWhen: "an example no schema covers (an unused components/examples entry, or no schema beside it)",
  },
} as const satisfies Record<string, LintRuleInfo>;

export type LintRuleId = keyof typeof LINT_RULES;
