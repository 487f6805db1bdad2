import { parseJson } from "../json-text";
import type { HttpExchange } from "./types";

/**
 * The ids on a list page, in order, read from the raw body. An item without a string `id` gives
 * "" (the schema checks report it), so positions still match `/data/<i>`. Undefined when the
 * body is not a list envelope.
 */
export function listPageIds(exchange: Pick<HttpExchange, "bodyText">): string[] | undefined {
  const parsed = parseJson(exchange.bodyText);
  return parsed.ok ? idsOfEnvelope(parsed.value) : undefined;
}

export function idsOfEnvelope(body: unknown): string[] | undefined {
  // Stryker disable next-line ConditionalExpression: a string or number has no data either; the typeof test says what is meant
  const data = body && typeof body === "object" ? (body as { data?: unknown }).data : undefined;
  if (!Array.isArray(data)) return undefined;
  // Stryker disable next-line ConditionalExpression: a string or number item has no id either
  return data
    .map((item) => (item && typeof item === "object" ? (item as { id?: unknown }).id : undefined))
    .map((id) => (typeof id === "string" ? id : ""));
}
