import type { ResponseCheck } from "./response-check";

export const contentTypeMismatch: ResponseCheck<"content-type-mismatch"> = {
  id: "content-type-mismatch",
  severity: "breaking",
  firesWhen: "a documented JSON body comes with another media type",
  run: ({ expectsJson, contentTypeIsJson, contentType, documented }) =>
    expectsJson && !contentTypeIsJson
      ? [
          {
            pointer: "",
            // Stryker disable next-line StringLiteral,ArrayDeclaration: the spec documents one media type per JSON response, and expectsJson implies a documented one
            expected: (documented?.contentTypes ?? []).join(" | "),
            actual: contentType || "no Content-Type",
            message: `the body should be JSON but came as ${contentType || "no Content-Type"}`,
          },
        ]
      : [],
};
