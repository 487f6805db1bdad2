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

    const calls: Record<keyof ClientOverheadMeasurement, () => Promise<{ id?: unknown }>> = {
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
    const summary = await interleaved(
      Object.entries(calls).map(([name, call]) => ({ name, measure: () => timePerCall(call, loop) })),
      { rounds: plan.rounds, warmupRounds: plan.warmupRounds },
    );
    return { raw: summary.raw!, client: summary.client!, client_validate: summary.client_validate! };
  } finally {
    await mock.stop();
  }
}
