/**
 * The fuzz property: a fresh mock, a random sequence of spec-generated commands judged against the
 * model, then a full walk proving the store consistent (every listed endpoint retrievable and as
 * last reported, nothing listed twice, the count equal to seeds plus creates minus deletes).
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { startMockServer, type FaultName } from "../mock";
import { operations } from "../spec";
import type { GeneratorOptions } from "./bodies";
import { commandArbs } from "./commands";
import { expectStatus } from "./expect";
import { StoreModel, type SipEndpoint } from "./model";
import { call, closeTarget, fail, openTarget, type FuzzTarget } from "./target";

export interface FuzzOptions extends GeneratorOptions {
  /** Longest command sequence of one run (default 12). */
  maxCommands?: number;
  /** fast-check's `replayPath` of the command sequence; with `seed` and `path`, replays a failure exactly. */
  replayPath?: string;
  /** Endpoints each run's mock starts with (default 3). */
  seedCount?: number;
  /** Fuzz a mock that drifts on purpose, to see the properties catch it. */
  fault?: FaultName;
  /** The credentials the mock accepts and the fuzzer sends; default the mock's demo pair. */
  credentials?: { projectId: string; apiToken: string };
}

const LIST = operations.list_sip_endpoints.path;

/** Walks every page and holds the result against the model; then retrieves each listed endpoint. */
async function verifyStore(target: FuzzTarget, model: StoreModel, pageSize: number): Promise<void> {
  const listed: SipEndpoint[] = [];
  let next: string | undefined = `${LIST}?page_size=${pageSize}`;
  for (let pages = 0; next !== undefined; pages++) {
    if (pages > model.live.size + 1) fail(target, `the full walk did not end after ${pages} pages of ${pageSize}`);
    const answer = await call(target, "GET", next);
    expectStatus(target, answer, [200], "a page of the full walk");
    listed.push(...answer.json.data);
    next = answer.json.links.next;
  }
  const ids = listed.map((e) => e.id);
  if (new Set(ids).size !== ids.length) fail(target, "the full walk lists an endpoint twice");
  const expected = model.newestFirst();
  if (
    !isDeepStrictEqual(
      ids,
      expected.map((e) => e.id),
    )
  )
    fail(
      target,
      `the full walk lists ${ids.length} endpoints, the model holds ${expected.length} (or in another order)`,
    );
  const count = model.initial + model.creates - model.deletes;
  if (target.mock.endpoints().length !== count)
    fail(
      target,
      `the store holds ${target.mock.endpoints().length} endpoints, not ${model.initial} + ${model.creates} created - ${model.deletes} deleted`,
    );
  for (const endpoint of listed) {
    if (!isDeepStrictEqual(endpoint, model.live.get(endpoint.id)))
      fail(target, `the full walk lists ${endpoint.id} unlike its last state`);
    const answer = await call(target, "GET", operations.retrieve_sip_endpoint.path.replace("{id}", endpoint.id));
    expectStatus(target, answer, [200], "a listed endpoint");
    if (!isDeepStrictEqual(answer.json, endpoint))
      fail(target, `${endpoint.id} retrieves differently from how it is listed`);
  }
}

/** The property fast-check runs: one fresh mock per run. */
export function mockProperty(options: FuzzOptions = {}) {
  return fc.asyncProperty(
    fc.commands(commandArbs(options), {
      maxCommands: options.maxCommands ?? 12,
      ...(options.replayPath ? { replayPath: options.replayPath } : {}),
    }),
    fc.integer({ min: 1, max: 6 }),
    async (commands, pageSize) => {
      const mock = await startMockServer({
        port: 0,
        seedCount: options.seedCount ?? 3,
        // Fixed ids make a replay of a seed exact.
        seed: 1,
        fault: options.fault,
        env: {},
        ...(options.credentials ?? {}),
      });
      const target = openTarget(mock, options.password);
      try {
        const model = StoreModel.of(mock.endpoints());
        await fc.asyncModelRun(() => ({ model, real: target }), commands);
        await verifyStore(target, model, pageSize);
      } finally {
        await closeTarget(target);
      }
    },
  );
}
