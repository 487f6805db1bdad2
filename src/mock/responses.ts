/**
 * Building response data. Plain error bodies use the reason phrase the real API uses
 * (`{ "error": "Not Found" }`); 422 bodies carry one item per broken rule.
 */
import { STATUS_CODES } from "node:http";
import type { MockResponse } from "./types";

export interface ValidationItem {
  detail: string;
  status: string;
  title: string;
  code: string;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): MockResponse {
  return headers ? { status, body, headers } : { status, body };
}

/** `{ "error": <reason phrase> }`, the body of every non-422 error of the Relay REST API. */
export function plainError(status: number, headers?: Record<string, string>): MockResponse {
  return json(status, { error: STATUS_CODES[status] ?? "Error" }, headers);
}

export function unprocessable(items: ValidationItem[]): MockResponse {
  return json(422, { errors: items });
}

export function validationItem(detail: string): ValidationItem {
  return { detail, status: "422", title: "Invalid Attribute", code: "422" };
}

export const noContent = (): MockResponse => ({ status: 204 });
