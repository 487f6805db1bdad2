/**
 * Reading a JSON request body. Every problem becomes a 422 item, because 422 is what the spec
 * documents for create and update; an undocumented 400 or 415 would itself be drift.
 */
import { operations, type OperationId } from "../spec";
import { mediaTypeOf } from "../spec/media-type";
import { parseJson } from "../json-text";
import { unprocessable, validationItem } from "./responses";
import type { MockRequest, MockResponse } from "./types";

export type ParsedBody = { ok: true; value: unknown } | { ok: false; response: MockResponse };

function problem(detail: string): ParsedBody {
  return { ok: false, response: unprocessable([validationItem(detail)]) };
}

export function parseJsonBody(operationId: OperationId, request: MockRequest): ParsedBody {
  const accepted: readonly string[] = operations[operationId].requestBody?.contentTypes ?? [];
  if (request.bodyText.trim() === "") return problem("The request body can't be blank");
  const mediaType = mediaTypeOf(request.contentType);
  if (!accepted.includes(mediaType)) {
    return problem(`Content type ${mediaType || "(none)"} is not supported; send ${accepted.join(" or ")}`);
  }
  const parsed = parseJson(request.bodyText);
  return parsed.ok ? parsed : problem(`The request body is ${parsed.error}`);
}
