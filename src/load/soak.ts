/**
 * The soak: many independent clients hammer one mock with mixed reads and writes for a while;
 * then a full walk is held against what the clients know they created and deleted, everything
 * they created is removed, and the heap is measured again after garbage collection. Returns the
 * figures as data; `npm run soak` prints them.
 */
import { randomUUID } from "node:crypto";
import type { SipEndpointsClient } from "../client";
import { startMockServer, type FaultName } from "../mock";
import { credentialSecrets, redactText } from "../redact";
import { settledHeapBytes } from "./memory";
import { clientFor, deleteAll, random, runClient, type SoakOperation, type Tally } from "./workers";

export interface SoakOptions {
  durationMs?: number;
  /**
   * Operations each client makes at the least, however long they take (default 0): a short soak
   * in a test then exercises every kind of operation whatever the machine's speed.
   */
  minOperationsPerClient?: number;
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
  memory: {
    baselineBytes: number;
    peakBytes: number;
    afterBytes: number;
    retainedBytes: number;
    toleranceBytes: number;
  };
  ok: boolean;
}

/** Walks every page and compares the ids with `expected`. */
async function verify(
  client: SipEndpointsClient,
  expected: Set<string>,
  tally: Tally,
): Promise<{ listed: number; lost: number; duplicated: number; unexpected: number }> {
  const listed: string[] = [];
  try {
    for await (const endpoint of client.listAll(
      { page_size: 1000 },
      { maxPages: Math.ceil((expected.size * 2 + 10) / 1000) + 1, atMaxPages: "throw" },
    ))
      listed.push(endpoint.id);
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
  const mock = await startMockServer({
    port: 0,
    seedCount: options.seedCount ?? 100,
    fault: options.fault,
    env: {},
    ...(options.credentials ?? {}),
  });
  const secrets = [...credentialSecrets(mock.credentials.projectId, mock.credentials.apiToken), password];
  const tally: Tally = {
    byOperation: { create: 0, retrieve: 0, update: 0, list: 0, delete: 0 },
    errors: [],
    created: new Set(),
    deleted: new Set(),
  };
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
    const until = { deadline, minOperations: options.minOperationsPerClient ?? 0 };
    await Promise.all(
      clients.map((client, i) => runClient(i, client, until, tally, password, random(seed * 7919 + i))),
    );
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
      ok:
        errors === 0 &&
        walk.lost === 0 &&
        walk.duplicated === 0 &&
        walk.unexpected === 0 &&
        retainedBytes <= toleranceBytes,
    };
  } finally {
    await mock.close();
  }
}
