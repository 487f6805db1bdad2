import type { ResponseCheck } from "./response-check";

export const bodyNotJson: ResponseCheck<"body-not-json"> = {
  id: "body-not-json",
  severity: "breaking",
  firesWhen: "the body cannot be parsed as JSON",
  run: ({ expectsJson, parsed, exchange }) =>
    expectsJson && !parsed.ok
      ? [
          {
            pointer: "",
            expected: "a JSON body",
            actual: `${exchange.bodyText.length} bytes that do not parse (${parsed.error})`,
            message: `the ${exchange.status} body is not JSON: ${parsed.error}`,
          },
        ]
      : [],
};
