/**
 * Compile-time guarantees of generated/openapi.ts, checked by `npm run typecheck` (not a jest
 * file). Each `@ts-expect-error` line must fail to compile; each plain line next to it is the
 * same statement made valid, so an error for an unrelated reason cannot pass unnoticed.
 */
import type { components, operations } from "../../generated/openapi";

type SipEndpoint = components["schemas"]["SipEndpoint"];
type CreateBody = operations["create_sip_endpoint"]["requestBody"]["content"]["application/json"];
type UpdateBody = operations["update_sip_endpoint"]["requestBody"]["content"]["application/json"];
type Is<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

declare const endpoint: SipEndpoint;
const password = "correct-horse-battery";

// Enums: only the documented values.
export const handler: SipEndpoint["call_handler"] = "relay_script";
// @ts-expect-error "default" is not a documented call_handler (third-party code shows it; it is drift)
export const unknownHandler: SipEndpoint["call_handler"] = "default";
export const encryption: SipEndpoint["encryption"] = "required";
// @ts-expect-error "always" is not an encryption value
export const unknownEncryption: SipEndpoint["encryption"] = "always";
export const createWithEncryption: CreateBody = { username: "alice", password, encryption: "optional" };
// @ts-expect-error the request body refuses an unknown encryption too
export const createWithUnknownEncryption: CreateBody = { username: "alice", password, encryption: "always" };
// @ts-expect-error the request body refuses an unknown call_handler
export const createWithUnknownHandler: CreateBody = { username: "alice", password, call_handler: "default" };

// Nullable response fields are `… | null`.
export const callerIdCanBeNull: SipEndpoint["caller_id"] = null;
export const callerIdIsStringOrNull: Is<SipEndpoint["caller_id"], string | null> = true;
export const callHandlerCanBeNull: SipEndpoint["call_handler"] = null;
export const requestUrlCanBeNull: SipEndpoint["call_request_url"] = null;
export const methodCanBeNull: SipEndpoint["call_request_method"] = null;
export const username: string = endpoint.username;
// @ts-expect-error caller_id may be null, so it is not a string
export const callerId: string = endpoint.caller_id;
// @ts-expect-error call_relay_script_url may be null
export const scriptUrl: string = endpoint.call_relay_script_url;
// @ts-expect-error username is never null
export const usernameNull: SipEndpoint["username"] = null;

// Write-only and request-only fields are not part of the response type.
export const noPassword: "password" extends keyof SipEndpoint ? true : false = false;
export const noCallFlowId: "call_flow_id" extends keyof SipEndpoint ? true : false = false;
// @ts-expect-error the response has no password property
export const leakedPassword = endpoint.password;

// Create requires username and password; update requires nothing.
export const minimalCreate: CreateBody = { username: "alice", password };
// @ts-expect-error a create body without password
export const createWithoutPassword: CreateBody = { username: "alice" };
// @ts-expect-error a create body without username
export const createWithoutUsername: CreateBody = { password };
export const emptyUpdate: UpdateBody = {};
export const renameCallerId: UpdateBody = { caller_id: "Front desk" };
// @ts-expect-error request fields are not nullable
export const nullCallerId: UpdateBody = { caller_id: null };

// A handler needs its companion field, on create and update alike.
export const webhooks: CreateBody = {
  username: "alice",
  password,
  call_handler: "laml_webhooks",
  call_request_url: "https://example.com/voice",
};
// @ts-expect-error laml_webhooks without call_request_url
export const webhooksWithoutUrl: CreateBody = { username: "alice", password, call_handler: "laml_webhooks" };
export const script: CreateBody = {
  username: "alice",
  password,
  call_handler: "relay_script",
  call_relay_script_url: "https://example.com/a.json",
};
// @ts-expect-error relay_script needs call_relay_script_url, not call_request_url
export const scriptWithWrongCompanion: CreateBody = {
  username: "alice",
  password,
  call_handler: "relay_script",
  call_request_url: "https://example.com/voice",
};
export const aiAgent: UpdateBody = {
  call_handler: "ai_agent",
  call_ai_agent_id: "0d7d2e5c-8b1f-4c3a-a6e2-5f9b7c1d3e24",
};
// @ts-expect-error ai_agent without call_ai_agent_id, on update
export const aiAgentWithoutId: UpdateBody = { call_handler: "ai_agent" };
export const connector: UpdateBody = { call_handler: "relay_connector" };
export const everythingOptional: CreateBody = {
  username: "alice",
  password,
  caller_id: "Alice",
  send_as: "+15551234567",
  ciphers: ["AEAD_AES_256_GCM_8"],
  codecs: ["OPUS", "PCMU"],
  encryption: "default",
  call_handler: "laml_webhooks",
  call_request_url: "https://example.com/voice",
  call_request_method: "POST",
  call_fallback_url: "https://example.com/fallback",
  call_fallback_method: "GET",
};
