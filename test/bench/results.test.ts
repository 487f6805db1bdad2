import { buildReport, FULL_PLAN, formatTable, QUICK_PLAN, RESULT_KEYS } from "../../src/bench";
import { benchCommand } from "../../src/cli/bench";
import type { VariantSummary } from "../../src/bench/interleave";
import type { Measurements, RouteLoad } from "../../src/bench/results";

const s = (median: number): VariantSummary => ({ median, spread: 0, samples: [median] });
const load = (rps: number, extra: Partial<RouteLoad> = {}): RouteLoad => ({
  rps: s(rps),
  bytes_per_response: 900,
  non_2xx: 0,
  errors: 0,
  ...extra,
});

function measurements(driftSizes: number[]): Measurements {
  return {
    client_overhead: {
      raw: s(200),
      client: s(210),
      client_validate: s(250),
      client_fast_wire: s(110),
      openapi_fetch: s(300),
      undici: s(100),
      transport_fast_wire: s(104),
    },
    validate_page50: {
      ours: s(50),
      openapi_response_validator: s(40_000),
      openapi_response_validator_kept: s(75),
      found: { ours: 50, openapi_response_validator: 50, planted: 50 },
    },
    mock_throughput: {
      connections: 10,
      duration_sec: 1,
      prism: { available: true, version: "5.14.2" },
      routes: {
        retrieve: { ours: load(8000), prism: load(400), node_http: load(10_000) },
        list_page50: { ours: load(2000), prism: load(100), node_http: load(4000) },
      },
    },
    drift_scale: driftSizes.map((endpoints, i) => ({
      endpoints,
      wall_ms: 1000 * (i + 1),
      run_ms: 500,
      peak_rss_mb: 100 + i,
      pages: 1,
      requests: 10,
      outcome: "pass",
    })),
    gen: { runs_ms: [5000, 4000, 6000] },
  };
}

/** Every key path of a value (array items by "[]"), to compare shapes without values. */
function shape(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => shape(item, `${prefix}[]`));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => [`${prefix}.${k}`, ...shape(v, `${prefix}.${k}`)]);
  return [];
}

describe("bench results", () => {
  const full = buildReport(measurements(FULL_PLAN.driftSizes), FULL_PLAN, [], "v20.0.0");

  it("has exactly the keys the issue names", () => {
    expect(Object.keys(full)).toEqual(expect.arrayContaining(["quick", "node", "results"]));
    expect(Object.keys(full.results)).toEqual(RESULT_KEYS.results);
    expect(Object.keys(full.results.client_overhead)).toEqual(RESULT_KEYS.client_overhead);
    expect(Object.keys(full.results.validate_page50)).toEqual(RESULT_KEYS.validate_page50);
    expect(Object.keys(full.results.mock_throughput)).toEqual(RESULT_KEYS.mock_throughput);
    for (const entry of full.results.drift_scale) expect(Object.keys(entry)).toEqual(RESULT_KEYS.drift_scale);
    expect(full).toMatchObject({ quick: false, node: "v20.0.0" });
  });

  it("computes each ratio in the direction its target reads", () => {
    expect(full.results.client_overhead).toEqual({
      raw_us: 200,
      client_us: 210,
      client_validate_us: 250,
      client_fast_wire_us: 110,
      openapi_fetch_us: 300,
      undici_us: 100,
      ratio: 1.05,
      ratio_validate: 1.25,
      ratio_fast_wire: 0.55,
      ratio_vs_openapi_fetch: 0.7,
    });
    // The fast wire's split: its transport alone against the floor, the whole client against its transport.
    expect(full.details.client_overhead).toMatchObject({
      transport_fast_wire_us: { median: 104 },
      fast_wire_split: { transport_vs_undici: 1.04, client_vs_transport: 1.058 },
    });
    expect(full.results.validate_page50).toEqual({ ours_us: 50, openapi_response_validator_us: 40_000, ratio: 800 });
    // Geometric means over the two routes: ours √(8000·2000) = 4000, Prism √(400·100) = 200, node:http √(10000·4000) ≈ 6325.
    expect(full.results.mock_throughput).toEqual({
      ours_rps: 4000,
      prism_rps: 200,
      node_http_rps: 6325,
      ratio_vs_prism: 20,
      ratio_vs_node_http: 0.632,
    });
    expect(full.results.gen_ms).toBe(5000);
  });

  it("--quick, and a run where nothing could be measured, keep the same key set", () => {
    const quick = buildReport(measurements(QUICK_PLAN.driftSizes), QUICK_PLAN, [], "v20.0.0");
    const empty = buildReport({}, QUICK_PLAN, ["everything failed"], "v20.0.0");
    expect(new Set(shape(quick.results))).toEqual(new Set(shape(full.results)));
    expect(new Set(shape(empty.results))).toEqual(new Set(shape(full.results)));
    expect(quick.quick).toBe(true);
    expect(empty.results.client_overhead.ratio).toBeNull();
    expect(empty.results.drift_scale.map((d) => d.endpoints)).toEqual(QUICK_PLAN.driftSizes);
    expect(empty.results.drift_scale.every((d) => d.wall_ms === null && d.peak_rss_mb === null)).toBe(true);
  });

  it("reports no rps for a server that answered errors under load, and no ratio against Prism when Prism is missing", () => {
    const m = measurements(FULL_PLAN.driftSizes);
    m.mock_throughput!.routes.list_page50.ours = load(9000, { non_2xx: 12 });
    delete m.mock_throughput!.routes.retrieve.prism;
    delete m.mock_throughput!.routes.list_page50.prism;
    m.mock_throughput!.prism = { available: false, reason: "npm install failed" };
    const { mock_throughput } = buildReport(m, FULL_PLAN, [], "v20.0.0").results;
    expect(mock_throughput).toEqual({
      ours_rps: null,
      prism_rps: null,
      node_http_rps: 6325,
      ratio_vs_prism: null,
      ratio_vs_node_http: null,
    });
  });

  it("judges every target: met, missed by how much, or not measured", () => {
    const verdicts = Object.fromEntries(full.targets.map((t) => [t.target, t]));
    expect(verdicts["client ≤ 1.1× a bare fetch (validation off, every guarantee on)"]).toMatchObject({
      met: true,
      measured: "1.05×",
    });
    expect(verdicts["client ≤ 1.15× a bare fetch (validation on)"]).toMatchObject({
      met: false,
      missed_by: "0.10× (8.7%) over the bound",
    });
    expect(verdicts["client ≤ 1.05× a plain openapi-fetch client"]).toMatchObject({ met: true, measured: "0.70×" });
    expect(verdicts["client on the fast wire ≤ 0.6× a bare fetch"]).toMatchObject({ met: true, measured: "0.55×" });
    expect(verdicts["mock ≥ 50% of the bare node:http ceiling"]).toMatchObject({ met: true, measured: "63%" });
    expect(verdicts["drift, 100,000 endpoints read-only, under 60 s"]).toMatchObject({
      met: true,
      measured: "3000 ms",
    });
    const quick = buildReport(measurements(QUICK_PLAN.driftSizes), QUICK_PLAN, [], "v20.0.0");
    expect(quick.targets.find((t) => t.target.startsWith("drift, 100,000 endpoints read-only, under"))).toMatchObject({
      met: null,
      measured: "not measured",
    });
  });

  it("prints a table with a line per target and the notes", () => {
    const text = formatTable(buildReport({}, QUICK_PLAN, ["Prism not measured: offline"], "v20.0.0"));
    expect(text).toContain("npm run bench -- --quick");
    expect(text.match(/^ {2}\? /gm)).toHaveLength(full.targets.length);
    expect(text).toContain("- Prism not measured: offline");
    const measured = formatTable(full);
    expect(measured).toMatch(/^ {2}its transport alone \(no openapi-fetch\) +104\.0 +0\.52×/m);
    expect(measured).toContain("fast wire: its transport vs the floor 1.04× wall");
  });
});

describe("bench arguments", () => {
  it.each([
    { argv: ["--fast"], message: "error: unknown option --fast" },
    { argv: ["--out"], message: "error: option --out needs a value" },
    { argv: ["--out", "--quick"], message: "error: option --out needs a value" },
    { argv: ["results.json"], message: "error: unexpected argument" },
  ])("refuses $argv with exit 2, before measuring anything", async ({ argv, message }) => {
    let err = "";
    const code = await benchCommand.main(argv, {
      stdout: { write: () => true },
      stderr: { write: (t: string) => (err += t) },
      env: {},
      cwd: process.cwd(),
    });
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).not.toContain("bench [");
  });

  it("plans the same measurements for --quick, only smaller", () => {
    expect(Object.keys(QUICK_PLAN)).toEqual(Object.keys(FULL_PLAN));
    expect(QUICK_PLAN.throughput.durationSec).toBeLessThan(FULL_PLAN.throughput.durationSec);
    expect(Math.max(...QUICK_PLAN.driftSizes)).toBeLessThan(Math.max(...FULL_PLAN.driftSizes));
  });
});
