/**
 * Client overhead: the same sequential `GET /endpoints/sip/{id}` made with raw `fetch` +
 * `JSON.parse`, with a bare `undici.request` (the floor), with a plain openapi-fetch client (what
 * a user would write instead of ours), with our client (validation off), with our client
 * validating every response, and with our client on its opt-in fast wire (`wire: "undici"`).
 * The mock runs in its own process, as a real API would be elsewhere; both sides of each ratio
 * pay the same network and server time, so the ratio is the client's own cost on top.
 * One more way splits the fast wire's cost: its transport alone (the wire, auth, deadline, capped
 * read and exchange record), without openapi-fetch's request building and the typed layer.
 */
import { request } from "undici";
import type { paths } from "../../generated/openapi";
import { createSipEndpointsClient } from "../client";
import { resolveConfig } from "../client/config";
import { createClient } from "../client/openapi-fetch";
import { createTransport } from "../client/transport";
import { startServerChild } from "./children";
import type { MockChildReady } from "./child/mock-server";
import { firstEndpointId, requestHeaders } from "./http";
import { interleaved, timePerCall } from "./interleave";
import type { BenchPlan } from "./plan";
import { CLIENT_VARIANTS, type ClientOverheadMeasurement, type ClientVariant } from "./results";
import { median, spread } from "./stats";

export async function measureClientOverhead(plan: BenchPlan): Promise<ClientOverheadMeasurement> {
  const mock = await startServerChild<MockChildReady>("mock-server", { seedCount: 10, seed: "bench" });
  try {
    const { url, credentials } = mock.payload;
    const id = await firstEndpointId(url, credentials);
    const itemUrl = `${url}/endpoints/sip/${id}`;
    const headers = requestHeaders(credentials);
    const options = { baseUrl: url, projectId: credentials.projectId, apiToken: credentials.apiToken, env: {} };
    const plain = createSipEndpointsClient({ ...options, validateResponses: "off" });
    const validating = createSipEndpointsClient({ ...options, validateResponses: "throw" });
    const fastWireOptions = { ...options, validateResponses: "off", wire: "undici" } as const;
    const fastWire = createSipEndpointsClient(fastWireOptions);
    const fastTransport = createTransport(resolveConfig(fastWireOptions));

    const openapiFetch = createClient<paths>({ baseUrl: url, headers });

    const calls: Record<ClientVariant, () => Promise<{ id?: unknown } | undefined>> = {
      raw: async () => JSON.parse(await (await fetch(itemUrl, { headers })).text()) as { id?: unknown },
      undici: async () => JSON.parse(await (await request(itemUrl, { headers })).body.text()) as { id?: unknown },
      openapi_fetch: async () => (await openapiFetch.GET("/endpoints/sip/{id}", { params: { path: { id } } })).data,
      client: () => plain.retrieve(id),
      client_validate: () => validating.retrieve(id),
      client_fast_wire: () => fastWire.retrieve(id),
      transport_fast_wire: async () => {
        const { exchange } = await fastTransport({ operationId: "retrieve_sip_endpoint", method: "GET", url: itemUrl });
        return JSON.parse(exchange.bodyText) as { id?: unknown };
      },
    };
    // Each way must really fetch the endpoint, or the bench would time an error path.
    for (const [name, call] of Object.entries(calls)) {
      const got = await call();
      if (got?.id !== id) throw new Error(`${name} did not return the endpoint`);
    }
    const loop = { minMs: plan.roundMs, minCalls: 50 };
    // CPU time of this process per call, beside the wall time: on a busy machine it still shows
    // the client's own work when waiting for a core swamps the wall time.
    const cpu = Object.fromEntries(CLIENT_VARIANTS.map((v) => [v, [] as number[]])) as Record<ClientVariant, number[]>;
    const summary = await interleaved(
      Object.entries(calls).map(([name, call]) => ({
        name,
        measure: async () => {
          const before = process.cpuUsage();
          let count = 0;
          const us = await timePerCall(() => (count++, call()), loop);
          const used = process.cpuUsage(before);
          cpu[name as ClientVariant].push((used.user + used.system) / count);
          return us;
        },
      })),
      { rounds: plan.rounds, warmupRounds: plan.warmupRounds },
    );
    // The warm-up rounds' CPU samples go, as their wall samples did.
    const cpuSummary = (name: ClientVariant) => {
      const samples = cpu[name].slice(plan.warmupRounds);
      return { median: median(samples), spread: spread(samples), samples };
    };
    const wall = Object.fromEntries(CLIENT_VARIANTS.map((v) => [v, summary[v]!])) as Record<
      ClientVariant,
      (typeof summary)[string] & object
    >;
    return {
      ...wall,
      cpu: Object.fromEntries(CLIENT_VARIANTS.map((v) => [v, cpuSummary(v)])) as Record<
        ClientVariant,
        ReturnType<typeof cpuSummary>
      >,
    };
  } finally {
    await mock.stop();
  }
}
