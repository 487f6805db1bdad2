/**
 * Client overhead: the same sequential `GET /endpoints/sip/{id}` made with raw `fetch` +
 * `JSON.parse`, with our client (validation off) and with our client validating every response.
 * The mock runs in its own process, as a real API would be elsewhere; both sides of each ratio
 * pay the same network and server time, so the ratio is the client's own cost on top.
 */
import { createSipEndpointsClient } from "../client";
import { startServerChild } from "./children";
import type { MockChildReady } from "./child/mock-server";
import { firstEndpointId, requestHeaders } from "./http";
import { interleaved, timePerCall } from "./interleave";
import type { BenchPlan } from "./plan";
import type { ClientOverheadMeasurement } from "./results";
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

    const calls: Record<"raw" | "client" | "client_validate", () => Promise<{ id?: unknown }>> = {
      raw: async () => JSON.parse(await (await fetch(itemUrl, { headers })).text()) as { id?: unknown },
      client: () => plain.retrieve(id),
      client_validate: () => validating.retrieve(id),
    };
    // Each way must really fetch the endpoint, or the bench would time an error path.
    for (const [name, call] of Object.entries(calls)) {
      const got = await call();
      if (got.id !== id) throw new Error(`${name} did not return the endpoint`);
    }
    const loop = { minMs: plan.roundMs, minCalls: 50 };
    // CPU time of this process per call, beside the wall time: on a busy machine it still shows
    // the client's own work when waiting for a core swamps the wall time.
    const cpu: Record<string, number[]> = { raw: [], client: [], client_validate: [] };
    const summary = await interleaved(
      Object.entries(calls).map(([name, call]) => ({
        name,
        measure: async () => {
          const before = process.cpuUsage();
          let count = 0;
          const us = await timePerCall(() => (count++, call()), loop);
          const used = process.cpuUsage(before);
          cpu[name]!.push((used.user + used.system) / count);
          return us;
        },
      })),
      { rounds: plan.rounds, warmupRounds: plan.warmupRounds },
    );
    // The warm-up rounds' CPU samples go, as their wall samples did.
    const cpuSummary = (name: string) => {
      const samples = cpu[name]!.slice(plan.warmupRounds);
      return { median: median(samples), spread: spread(samples), samples };
    };
    return {
      raw: summary.raw!,
      client: summary.client!,
      client_validate: summary.client_validate!,
      cpu: { raw: cpuSummary("raw"), client: cpuSummary("client"), client_validate: cpuSummary("client_validate") },
    };
  } finally {
    await mock.stop();
  }
}
