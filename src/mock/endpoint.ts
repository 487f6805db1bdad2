/**
 * How a SIP endpoint object comes to be: every one of its keys present from the start, the
 * fields a request may set taken from the spec's writable schema, and the server-made fields
 * (`type`, `id`, `calling_handler_resource_id`) set here only.
 */
import spec from "../../generated/openapi.json";
import type { IdSource } from "./random";
import type { SipEndpoint } from "./types";

/**
 * What the mock's "project" uses for fields a request leaves out. These are the mock's own
 * settings, in line with the values real responses show, not rules of the API.
 */
const PROJECT_DEFAULTS = {
  send_as: "random",
  ciphers: [] as string[],
  codecs: ["OPUS", "G722", "PCMU", "PCMA"],
  encryption: "default",
  webhook_method: "POST",
} as const;

/** A new endpoint with every key of the response object; the type makes the compiler check all 25 are here. */
export function blankEndpoint(id: string, username: string): SipEndpoint {
  return {
    type: "sip_endpoint",
    id,
    username,
    caller_id: null,
    send_as: PROJECT_DEFAULTS.send_as,
    ciphers: [...PROJECT_DEFAULTS.ciphers],
    codecs: [...PROJECT_DEFAULTS.codecs],
    encryption: PROJECT_DEFAULTS.encryption,
    call_handler: null,
    calling_handler_resource_id: null,
    call_request_url: null,
    call_request_method: PROJECT_DEFAULTS.webhook_method,
    call_fallback_url: null,
    call_fallback_method: PROJECT_DEFAULTS.webhook_method,
    call_status_callback_url: null,
    call_status_callback_method: PROJECT_DEFAULTS.webhook_method,
    call_laml_application_id: null,
    call_dialogflow_agent_id: null,
    call_relay_topic: null,
    call_relay_topic_status_callback_url: null,
    call_relay_context: null,
    call_relay_context_status_callback_url: null,
    call_relay_application: null,
    call_video_room_id: null,
    call_relay_script_url: null,
  };
}

/**
 * Request fields that are stored and come back: the spec's writable fields that are also keys of
 * the response object. The rest (`password`, `call_flow_id`, …) are request-only and dropped.
 */
const STORED_FIELDS: ReadonlySet<string> = new Set(
  Object.keys(spec.components.schemas.SipEndpointWritable.properties).filter((key) => key in blankEndpoint("", "")),
);

const LIST_DEFAULTS: Readonly<Record<string, readonly string[]>> = {
  ciphers: PROJECT_DEFAULTS.ciphers,
  codecs: PROJECT_DEFAULTS.codecs,
};

/**
 * The endpoint after a create or (partial) update: fields sent replace stored ones, fields not
 * sent stay. An empty cipher or codec list restores the project's default. Setting a handler
 * gives the endpoint a new server-made handler resource id. Returns a new object; stored
 * endpoints are never mutated, so snapshots and responses in flight stay as they were.
 */
export function applyChanges(current: SipEndpoint, input: Record<string, unknown>, newId: IdSource): SipEndpoint {
  const next: Record<string, unknown> = { ...current };
  for (const key of Object.keys(input)) {
    if (!STORED_FIELDS.has(key)) continue;
    const value = input[key];
    const fallback = LIST_DEFAULTS[key];
    next[key] = fallback && Array.isArray(value) && value.length === 0 ? [...fallback] : value;
  }
  if (
    "call_handler" in input &&
    (input.call_handler !== current.call_handler || current.calling_handler_resource_id === null)
  ) {
    next.calling_handler_resource_id = input.call_handler == null ? null : newId();
  }
  return next as unknown as SipEndpoint;
}
