import type { ResponseCheck } from "./response-check";
import { documentedStatuses } from "../spec";

/**
 * When an operation documents several success statuses, the first one listed is the one the
 * spec expects; the others are accepted but worth knowing about (e.g. 201 where 200 is current).
 */
export const statusCodeAlternative: ResponseCheck<"status-code-alternative"> = {
  id: "status-code-alternative",
  severity: "info",
  firesWhen: "a documented but less expected status (201 where 200 comes first)",
  run: ({ exchange, documentedKey }) => {
    const successes = documentedStatuses(exchange.operationId).filter((s) => s.startsWith("2"));
    const primary = successes[0];
    if (!primary || !documentedKey || documentedKey === primary || !documentedKey.startsWith("2")) return [];
    return [
      {
        pointer: "",
        expected: primary,
        actual: documentedKey,
        message: `${exchange.operationId} answered ${documentedKey}; documented, but ${primary} is the status the spec expects first`,
      },
    ];
  },
};
