/**
 * Pre-filling the store. Endpoint number i always has the same username (`seed-00001`, …) and
 * the same fields; only the ids come from the id source, so a fixed seed makes the whole store
 * identical run after run. A few shapes alternate so that seeded pages exercise null and
 * non-null handler fields alike.
 */
import { applyChanges, blankEndpoint } from "./endpoint";
import type { IdSource } from "./random";
import type { EndpointStore } from "./store";

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
      return { username, call_handler: "relay_script", call_relay_script_url: `https://example.com/swml/${username}.json` };
    case 3:
      return { username, caller_id: `Desk ${n}`, call_handler: "laml_webhooks", call_request_url: `https://example.com/voice/${username}` };
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
