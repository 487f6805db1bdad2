/**
 * Mock throughput: requests/s for one endpoint and for a 50-item list page, from our mock, from
 * Prism mocking the same spec, and from a bare node:http server returning the same bytes (the
 * ceiling). Every server runs in its own process and the load generator (autocannon) in the
 * bench process, so on two cores server and load generator each have one, and all three servers
 * face the same connections, duration and request headers.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import spec from "../../generated/openapi.json";
import { API_BASE_PATH } from "../mock";
import { startServerChild, type RunningChild } from "./children";
import type { MockChildReady } from "./child/mock-server";
import { firstEndpointId, getText, requestHeaders, type Credentials } from "./http";
import { interleaved, type Variant } from "./interleave";
import type { BenchPlan } from "./plan";
import { ensurePrism, startPrism, type RunningPrism } from "./prism";
import { ROUTES, type RouteLoad, type RouteName, type ServerName, type ThroughputMeasurement } from "./results";

interface LoadResult {
  requests: { total: number };
  throughput: { total: number };
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
}) => Promise<LoadResult>;
// autocannon ships no types; this is the part of its API the bench uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require("autocannon") as Autocannon;

/** Paths of the two routes below a server's base URL (Prism serves the spec's paths at its root). */
const routePath = (route: RouteName, id: string) =>
  route === "retrieve" ? `/endpoints/sip/${id}` : "/endpoints/sip?page_size=50";

export interface ThroughputContext {
  root: string;
  progress: (message: string) => void;
  notes: string[];
}

/**
 * The spec Prism is given: ours, with the examples of the two measured responses replaced by the
 * very bodies our mock sends, so Prism serialises the same data as the other two servers.
 */
export function prismSpec(bodies: Record<RouteName, string>): unknown {
  type Response = { $ref?: string; content?: Record<string, { examples?: unknown }> };
  const copy = structuredClone(spec) as unknown as {
    paths: Record<string, { get: { responses: Record<string, Response> } }>;
    components: { responses: Record<string, Response> };
  };
  const set = (path: string, body: string) => {
    const responses = copy.paths[path]!.get.responses;
    const ref = responses["200"]!.$ref;
    // A shared response is copied into this operation, so the other operations using it keep theirs.
    const response = ref ? structuredClone(copy.components.responses[ref.split("/").pop()!]!) : responses["200"]!;
    response.content!["application/json"]!.examples = { bench: { value: JSON.parse(body) } };
    responses["200"] = response;
  };
  set("/endpoints/sip/{id}", bodies.retrieve);
  set("/endpoints/sip", bodies.list_page50);
  return copy;
}

async function load(
  url: string,
  headers: Record<string, string>,
  connections: number,
  durationSec: number,
): Promise<LoadResult> {
  return autocannon({ url, connections, duration: durationSec, headers });
}

export async function measureThroughput(plan: BenchPlan, context: ThroughputContext): Promise<ThroughputMeasurement> {
  const { connections, durationSec, warmupSec, rounds } = plan.throughput;
  const started: Array<{ stop(): Promise<void> }> = [];
  const scratch = mkdtempSync(join(tmpdir(), "sip-bench-"));
  try {
    context.progress("throughput: starting our mock and the node:http ceiling");
    const ours = await startServerChild<MockChildReady>("mock-server", { seedCount: 60, seed: "bench" });
    started.push(ours);
    const credentials: Credentials = ours.payload.credentials;
    const headers = requestHeaders(credentials);
    const id = await firstEndpointId(ours.payload.url, credentials);
    const bodies = {
      retrieve: await getText(ours.payload.url + routePath("retrieve", id), credentials),
      list_page50: await getText(ours.payload.url + routePath("list_page50", id), credentials),
    };
    const ceiling: RunningChild<{ url: string }> = await startServerChild("fixed-http", {
      itemPrefix: `${API_BASE_PATH}/endpoints/sip/`,
      item: bodies.retrieve,
      list: bodies.list_page50,
    });
    started.push(ceiling);

    const bases: Partial<Record<ServerName, string>> = {
      ours: ours.payload.url,
      node_http: `${ceiling.payload.url}${API_BASE_PATH}`,
    };
    const install = await ensurePrism(context.root, context.progress);
    let prism: ThroughputMeasurement["prism"] = install.available
      ? { available: true, version: install.version }
      : install;
    if (install.available) {
      try {
        context.progress(`throughput: starting Prism ${install.version}`);
        const specPath = join(scratch, "openapi.json");
        writeFileSync(specPath, JSON.stringify(prismSpec(bodies)));
        const probe = async (base: string) =>
          (await fetch(base + routePath("retrieve", id), { headers })).status === 200;
        const running: RunningPrism = await startPrism(install.script, specPath, probe);
        started.push(running);
        bases.prism = running.url;
      } catch (error) {
        prism = { available: false, reason: (error as Error).message };
      }
    }
    if (!prism.available) context.notes.push(`Prism not measured: ${prism.reason}`);

    const variants: Variant[] = [];
    const outcomes = new Map<string, LoadResult[]>();
    for (const [server, base] of Object.entries(bases) as Array<[ServerName, string]>) {
      for (const route of ROUTES) {
        const name = `${server}:${route}`;
        const url = base + routePath(route, id);
        outcomes.set(name, []);
        variants.push({
          name,
          measure: async () => {
            const result = await load(url, headers, connections, durationSec);
            outcomes.get(name)!.push(result);
            return result.requests.total / result.duration;
          },
        });
      }
    }
    context.progress(`throughput: warm-up ${warmupSec} s per server and route`);
    for (const variant of variants) {
      const [server, route] = variant.name.split(":") as [ServerName, RouteName];
      await load(bases[server]! + routePath(route, id), headers, connections, warmupSec);
    }
    context.progress(`throughput: ${rounds} interleaved rounds of ${durationSec} s × ${variants.length} loads`);
    const summary = await interleaved(variants, { rounds, warmupRounds: 0 });

    const routes: ThroughputMeasurement["routes"] = { retrieve: {}, list_page50: {} };
    for (const [name, rps] of Object.entries(summary)) {
      const [server, route] = name.split(":") as [ServerName, RouteName];
      const results = outcomes.get(name)!;
      const total = results.reduce((sum, r) => sum + r.requests.total, 0);
      const entry: RouteLoad = {
        rps,
        bytes_per_response: total > 0 ? results.reduce((sum, r) => sum + r.throughput.total, 0) / total : 0,
        non_2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
        errors: results.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
      };
      routes[route][server] = entry;
      if (entry.non_2xx > 0 || entry.errors > 0)
        context.notes.push(
          `${server} ${route}: ${entry.non_2xx} non-2xx answers and ${entry.errors} errors under load; its rps is not reported`,
        );
    }
    return { connections, duration_sec: durationSec, routes, prism };
  } finally {
    for (const child of started.reverse()) await child.stop().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }
}
