import type { HttpExchange } from "./types";

/** An update's answer (or the retrieve after it), the fields it sent and the values before it. */
export interface UpdateEvidence {
  exchange: HttpExchange;
  body: unknown;
  sent: Readonly<Record<string, unknown>>;
  before: Readonly<Record<string, unknown>>;
}
