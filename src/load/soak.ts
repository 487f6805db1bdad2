/**
 * The soak: many independent clients hammer one mock with mixed reads and writes for a while;
 * then a full walk is held against what the clients know they created and deleted, everything
 * they created is removed, and the heap is measured again after garbage collection. Returns the
 * figures as data; `npm run soak` prints them.
 */
import { randomUUID } from "node:crypto";
import { createSipEndpointsClient, type SipEndpoint, type SipEndpointsClient } from "../client";
import { startMockServer, type FaultName, type MockServer } from "../mock";
import { redactText } from "../redact";
import { settledHeapBytes } from "./memory";

export interface SoakOptions {
  durationMs?: number;
  concurrency?: number;
  /** Endpoints the mock starts with (default 100). */
  seedCount?: number;
  /** Credentials of the mock and of every client; default the mock's demo pair. */
  credentials?: { projectId: string; apiToken: string };
  /** Password of every endpoint created; default a fresh random one. */
  password?: string;
  /** Run against a mock that drifts on purpose (to see the soak fail). */
  fault?: FaultName;
  /** Retained heap above the baseline that still counts as "back to baseline" (default 16 MiB). */
  memoryToleranceBytes?: number;
  /** Fixes each client's choice of operations. */
  seed?: number;
}

export type SoakOperation = "create" | "retrieve" | "update" | "list" | "delete";

export interface SoakReport {
  durationMs: number;
  concurrency: number;
  requests: number;
  byOperation: Record<SoakOperation, number>;
  errors: number;
  /** The first few error messages, secrets scrubbed. */
  errorSamples: string[];
  created: number;
  deleted: number;
  /** Endpoints the clients' own records say must be stored at the end of the load. */
  expected: number;
  listed: number;
  lost: number;
  duplicated: number;
  /** Listed, but no client created it and it was not seeded (or it was deleted). */
  unexpected: number;
  memory: { baselineBytes: number; peakBytes: number; afterBytes: number; retainedBytes: number; toleranceBytes: number };
  ok: boolean;
}

/** A small seeded generator (mulberry32): each client's mix of operations is reproducible. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

interface Tally {
  byOperation: Record<SoakOperation, number>;
  errors: string[];
  created: Set<string>;
  deleted: Set<string>;
}

function clientFor(mock: MockServer): SipEndpointsClient {
  return createSipEndpointsClient({ baseUrl: mock.url, projectId: mock.credentials.projectId, apiToken: mock.credentials.apiToken, env: {}, timeoutMs: 10_000 });
}

/** One client's loop until the deadline: mostly its own endpoints, sometimes the shared list. */
async function runClient(index: number, client: SipEndpointsClient, deadline: number, tally: Tally, password: string, roll: () => number): Promise<void> {
  const own: SipEndpoint[] = [];
  let made = 0;
  const pick = () => own[Math.floor(roll() * own.length)]!;
  while (Date.now() < deadline) {
    const r = roll();
    const operation: SoakOperation = own.length === 0 || r < 0.3 ? "create" : r < 0.55 ? "retrieve" : r < 0.7 ? "update" : r < 0.9 ? "list" : "delete";
    tally.byOperation[operation]++;
    try {
      if (operation === "create") {
        const endpoint = await client.create({ username: `soak-${index}-${made++}`, password, caller_id: `client ${index}` });
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
        if (endpoint.caller_id !== caller_id || endpoint.id !== known.id) throw new Error(`update ${known.id} did not take`);
      } else if (operation === "list") {
        const page = await client.list({ page_size: 20, ...(roll() < 0.5 ? { filter_username: `soak-${index}-` } : {}) });
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
async function deleteAll(client: SipEndpointsClient, ids: string[], concurrency: number, tally: Tally): Promise<void> {
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

/** Walks every page and compares the ids with `expected`. */
async function verify(client: SipEndpointsClient, expected: Set<string>, tally: Tally): Promise<{ listed: number; lost: number; duplicated: number; unexpected: number }> {
  const listed: string[] = [];
  try {
    for await (const endpoint of client.listAll({ page_size: 1000 }, { maxPages: Math.ceil((expected.size * 2 + 10) / 1000) + 1 })) listed.push(endpoint.id);
  } catch (error) {
    tally.errors.push(`final walk: ${error instanceof Error ? error.message : String(error)}`);
  }
  const seen = new Set(listed);
  return {
    listed: listed.length,
    lost: [...expected].filter((id) => !seen.has(id)).length,
    duplicated: listed.length - seen.size,
    unexpected: [...seen].filter((id) => !expected.has(id)).length,
  };
}

export async function runSoak(options: SoakOptions = {}): Promise<SoakReport> {
  const durationMs = options.durationMs ?? 10_000;
  const concurrency = options.concurrency ?? 200;
  const toleranceBytes = options.memoryToleranceBytes ?? 16 * 1024 * 1024;
  const password = options.password ?? `soak-${randomUUID()}`;
  const mock = await startMockServer({ port: 0, seedCount: options.seedCount ?? 100, fault: options.fault, env: {}, ...(options.credentials ?? {}) });
  const secrets = [mock.credentials.apiToken, password];
  const tally: Tally = { byOperation: { create: 0, retrieve: 0, update: 0, list: 0, delete: 0 }, errors: [], created: new Set(), deleted: new Set() };
  try {
    const seeded = mock.endpoints().map((e) => e.id);
    const clients = Array.from({ length: concurrency }, () => clientFor(mock));
    // Warm up first (connections opened, code compiled), so the baseline is the system at rest, not cold.
    await Promise.all(clients.map((client) => client.list({ page_size: 1 }).catch(() => undefined)));
    const baselineBytes = await settledHeapBytes();
    let peakBytes = baselineBytes;
    const sampler = setInterval(() => (peakBytes = Math.max(peakBytes, process.memoryUsage().heapUsed)), 100);
    const deadline = Date.now() + durationMs;
    const seed = options.seed ?? 1;
    await Promise.all(clients.map((client, i) => runClient(i, client, deadline, tally, password, random(seed * 7919 + i))));
    clearInterval(sampler);

    const expected = new Set([...seeded, ...tally.created].filter((id) => !tally.deleted.has(id)));
    const checker = clients[0]!;
    const walk = await verify(checker, expected, tally);
    const created = tally.created.size;
    const deleted = tally.deleted.size;
    const leftover = [...tally.created].filter((id) => !tally.deleted.has(id));
    // The soak's own records are not the system's memory: drop them before measuring.
    tally.created.clear();
    tally.deleted.clear();
    expected.clear();
    await deleteAll(checker, leftover, concurrency, tally);
    leftover.length = 0;
    const afterBytes = await settledHeapBytes();
    const retainedBytes = Math.max(0, afterBytes - baselineBytes);
    const errors = tally.errors.length;
    return {
      durationMs,
      concurrency,
      requests: Object.values(tally.byOperation).reduce((a, b) => a + b, 0),
      byOperation: tally.byOperation,
      errors,
      errorSamples: tally.errors.slice(0, 5).map((message) => redactText(message, secrets)),
      created,
      deleted,
      expected: seeded.length + created - deleted,
      ...walk,
      memory: { baselineBytes, peakBytes, afterBytes, retainedBytes, toleranceBytes },
      ok: errors === 0 && walk.lost === 0 && walk.duplicated === 0 && walk.unexpected === 0 && retainedBytes <= toleranceBytes,
    };
  } finally {
    await mock.close();
  }
}
