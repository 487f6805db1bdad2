/**
 * Create, retrieve, update and delete of one SIP endpoint (spec operations `create_sip_endpoint`,
 * `retrieve_sip_endpoint`, `update_sip_endpoint`, `delete_sip_endpoint`). Each runs to completion
 * without awaiting, so two requests can never interleave between the uniqueness check and the
 * write: of two concurrent creates with one username exactly one succeeds.
 */
import type { CoreDeps } from "./deps";
import { applyChanges, blankEndpoint } from "./endpoint";
import { parseJsonBody } from "./request-body";
import { json, noContent, plainError, unprocessable, validationItem } from "./responses";
import type { MockRequest, MockResponse } from "./types";

const usernameTaken = () => unprocessable([validationItem("Username has already been taken")]);

/** Request bodies that are not objects only get this far when validation is switched off. */
const asObject = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

export function createEndpoint(deps: CoreDeps, request: MockRequest): MockResponse {
  const parsed = parseJsonBody("create_sip_endpoint", request);
  if (!parsed.ok) return parsed.response;
  const problems = deps.validator.body("create_sip_endpoint", parsed.value);
  if (problems.length > 0) return unprocessable(problems);
  const input = asObject(parsed.value);
  if (deps.store.usernameTaken(input.username)) return usernameTaken();
  const endpoint = applyChanges(blankEndpoint(deps.newId(), input.username as string), input, deps.newId);
  deps.store.insert(endpoint);
  // 200 is the spec's first-listed (current) success status for create.
  return json(200, endpoint);
}

export function retrieveEndpoint(deps: CoreDeps, id: string): MockResponse {
  const endpoint = deps.store.get(id);
  return endpoint ? json(200, endpoint) : plainError(404);
}

export function updateEndpoint(deps: CoreDeps, id: string, request: MockRequest): MockResponse {
  const current = deps.store.get(id);
  if (!current) return plainError(404);
  const parsed = parseJsonBody("update_sip_endpoint", request);
  if (!parsed.ok) return parsed.response;
  const problems = deps.validator.body("update_sip_endpoint", parsed.value);
  if (problems.length > 0) return unprocessable(problems);
  const input = asObject(parsed.value);
  if ("username" in input && deps.store.usernameTaken(input.username, id)) return usernameTaken();
  const updated = applyChanges(current, input, deps.newId);
  deps.store.replace(updated);
  return json(200, updated);
}

export function deleteEndpoint(deps: CoreDeps, id: string): MockResponse {
  return deps.store.remove(id) ? noContent() : plainError(404);
}
