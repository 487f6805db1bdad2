/**
 * The soak's clients: each loops over mixed operations on its own endpoints (and the shared list)
 * until the deadline, checking what comes back, and counts everything in a shared tally.
 */
import { createSipEndpointsClient, type SipEndpoint, type SipEndpointsClient } from "../client";
import type { MockServer } from "../mock";

export type SoakOperation = "create" | "retrieve" | "update" | "list" | "delete";

/** A small seeded generator (mulberry32): each client's mix of operations is reproducible. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export interface Tally {
  byOperation: Record<SoakOperation, number>;
  errors: string[];
  created: Set<string>;
  deleted: Set<string>;
}

export function clientFor(mock: MockServer): SipEndpointsClient {
  return createSipEndpointsClient({
    baseUrl: mock.url,
    projectId: mock.credentials.projectId,
    apiToken: mock.credentials.apiToken,
    env: {},
    timeoutMs: 10_000,
  });
}

/** One client's loop until the deadline: mostly its own endpoints, sometimes the shared list. */
export async function runClient(
  index: number,
  client: SipEndpointsClient,
  until: { deadline: number; minOperations: number },
  tally: Tally,
  password: string,
  roll: () => number,
): Promise<void> {
  const own: SipEndpoint[] = [];
  let made = 0;
  let operations = 0;
  const pick = () => own[Math.floor(roll() * own.length)]!;
  while (Date.now() < until.deadline || operations < until.minOperations) {
    operations++;
    const r = roll();
    const operation: SoakOperation =
      own.length === 0 || r < 0.3 ? "create" : r < 0.55 ? "retrieve" : r < 0.7 ? "update" : r < 0.9 ? "list" : "delete";
    tally.byOperation[operation]++;
    try {
      if (operation === "create") {
        const endpoint = await client.create({
          username: `soak-${index}-${made++}`,
          password,
          caller_id: `client ${index}`,
        });
        tally.created.add(endpoint.id);
        own.push(endpoint);
      } else if (operation === "retrieve") {
        const known = pick();
        const endpoint = await client.retrieve(known.id);
        if (endpoint.username !== known.username) throw new Error(`retrieve ${known.id} answered another endpoint`);
      } else if (operation === "update") {
        const known = pick();
        const caller_id = `client ${index} at ${made}`;
        const endpoint = await client.update(known.id, { caller_id });
        if (endpoint.caller_id !== caller_id || endpoint.id !== known.id)
          throw new Error(`update ${known.id} did not take`);
      } else if (operation === "list") {
        const page = await client.list({
          page_size: 20,
          ...(roll() < 0.5 ? { filter_username: `soak-${index}-` } : {}),
        });
        if (page.data.length > 20) throw new Error(`a page of 20 held ${page.data.length}`);
      } else {
        const known = own.splice(Math.floor(roll() * own.length), 1)[0]!;
        await client.delete(known.id);
        tally.deleted.add(known.id);
      }
    } catch (error) {
      tally.errors.push(`${operation}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Deletes `ids` with `concurrency` requests in flight. */
export async function deleteAll(
  client: SipEndpointsClient,
  ids: string[],
  concurrency: number,
  tally: Tally,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        await client.delete(id);
      } catch (error) {
        tally.errors.push(`cleanup delete: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}
