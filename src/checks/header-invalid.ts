import { validate, type ValidatorName } from "../spec/validators";
import { describeValue } from "./finding";
import type { ResponseCheck } from "./response-check";

/**
 * The headers the spec documents for this response (today `Retry-After` on 429): one it marks
 * required must be there, and every one that is there must match its schema. The finding points
 * at no body key; the header's name is in its texts.
 */
export const headerInvalid: ResponseCheck<"header-invalid"> = {
  id: "header-invalid",
  severity: "warning",
  firesWhen:
    "a header the spec documents for the response is required and absent, or breaks its schema: `Retry-After` on 429, whole seconds or an HTTP date",
  run: ({ documented, exchange }) =>
    (documented?.headers ?? []).flatMap(({ name, required, validator }) => {
      const value = exchange.headers[name.toLowerCase()];
      if (value === undefined) {
        return required
          ? [
              {
                pointer: "",
                expected: `header ${name}`,
                actual: "absent",
                message: `the ${exchange.status} answer has no ${name} header, which the spec requires`,
              },
            ]
          : [];
      }
      if (validator === null || validate(validator as ValidatorName, value).length === 0) return [];
      return [
        {
          pointer: "",
          expected: `header ${name} as the spec describes it`,
          actual: describeValue(value),
          message: `the ${name} header of the ${exchange.status} answer is malformed: ${describeValue(value)}`,
        },
      ];
    }),
};
