import type { ResponseCheck } from "./response-check";
import { documentedStatuses } from "../spec";

export const statusCodeUndocumented: ResponseCheck<"status-code-undocumented"> = {
  id: "status-code-undocumented",
  severity: "breaking",
  firesWhen: "the status is not documented for the operation",
  suggests: "add-response",
  run: ({ exchange, documented }) =>
    documented
      ? []
      : [
          {
            pointer: "",
            expected: documentedStatuses(exchange.operationId).join(" | "),
            actual: String(exchange.status),
            message: `${exchange.method} answered ${exchange.status}, which the spec does not document for ${exchange.operationId}`,
          },
        ],
};
