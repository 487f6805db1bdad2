/**
 * Pre-filling the store. Endpoint number i always has the same username (`seed-00001`, …) and
 * the same fields; only the ids come from the id source, so a fixed seed makes the whole store
 * identical run after run. A few shapes alternate so that seeded pages exercise null and
 * non-null handler fields alike.
 */
import { validate } from "../spec/validators";
import { MockConfigError } from "./credentials";
import { applyChanges, blankEndpoint } from "./endpoint";
import type { IdSource } from "./random";
import type { EndpointStore } from "./store";
import type { SipEndpoint } from "./types";

const SEED_USERNAME_PREFIX = "seed-";

export function seedUsername(n: number): string {
  return `${SEED_USERNAME_PREFIX}${String(n).padStart(5, "0")}`;
}

/** The request a seeded endpoint is made from; written as a create request would be. */
function seedRequest(n: number): Record<string, unknown> {
  const username = seedUsername(n);
  switch (n % 4) {
    case 1:
      return { username, caller_id: `Seed ${n}` };
    case 2:
      return {
        username,
        call_handler: "relay_script",
        call_relay_script_url: `https://example.com/swml/${username}.json`,
      };
    case 3:
      return {
        username,
        caller_id: `Desk ${n}`,
        call_handler: "laml_webhooks",
        call_request_url: `https://example.com/voice/${username}`,
      };
    default:
      return { username, encryption: "required", codecs: ["OPUS", "PCMU"] };
  }
}

/** Adds `count` endpoints, oldest first, so `seed-00001` is the oldest and the last one is listed first. */
export function seedStore(store: EndpointStore, count: number, newId: IdSource): void {
  for (let n = 1; n <= count; n++) {
    const request = seedRequest(n);
    store.insert(applyChanges(blankEndpoint(newId(), request.username as string), request, newId));
  }
}

/**
 * Endpoints given by the caller, checked against the spec's `SipEndpoint` (strictly: a field the
 * spec does not have is refused too) and for ids and usernames of their own; copies, so the
 * caller's objects are never the stored ones.
 */
export function seedEndpoints(given: readonly SipEndpoint[]): SipEndpoint[] {
  if (!Array.isArray(given)) throw new MockConfigError("endpoints must be an array of SIP endpoints");
  const ids = new Set<string>();
  const usernames = new Set<string>();
  return given.map((endpoint, index) => {
    const at = `endpoints[${index}]`;
    const errors = validate("strict_schema_SipEndpoint", endpoint);
    const first = errors[0];
    if (first) {
      const field = first.instancePath
        .split("/")
        .slice(1)
        .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
      const extra =
        first.keyword === "additionalProperties" || first.keyword === "unevaluatedProperties"
          ? [String(first.params.additionalProperty ?? first.params.unevaluatedProperty)]
          : [];
      const path = [...field, ...extra].map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`)).join("");
      throw new MockConfigError(
        `${at}${path} ${extra.length > 0 ? "is not a field of SipEndpoint" : (first.message ?? "is invalid")}`,
      );
    }
    if (ids.has(endpoint.id)) throw new MockConfigError(`${at}.id ${endpoint.id} is used by an earlier endpoint`);
    if (usernames.has(endpoint.username))
      throw new MockConfigError(`${at}.username ${endpoint.username} is used by an earlier endpoint`);
    ids.add(endpoint.id);
    usernames.add(endpoint.username);
    return structuredClone(endpoint);
  });
}
