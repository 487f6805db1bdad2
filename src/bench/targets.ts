/**
 * The issue's targets, judged against the results as data: met, missed (and by how much), or
 * not measured. The table and the JSON both show these verdicts.
 */
import type { BenchResults, TargetVerdict } from "./results";
import { isMeasured } from "./stats";

/** The drift size the absolute drift targets are stated for. */
const DRIFT_TARGET_SIZE = 100_000;
/** "RSS does not grow in proportion": from the smallest to the largest size, at most this factor. */
const RSS_GROWTH_LIMIT = 2;

type Bound = { kind: "max" | "min"; limit: number };

function verdict(
  target: string,
  value: number | null | undefined,
  bound: Bound,
  show: (v: number) => string,
): TargetVerdict {
  if (!isMeasured(value)) return { target, measured: "not measured", met: null };
  const met = bound.kind === "max" ? value <= bound.limit : value >= bound.limit;
  const out: TargetVerdict = { target, measured: show(value), met };
  if (!met) {
    const gap = Math.abs(value - bound.limit);
    const relative = (gap / bound.limit) * 100;
    out.missed_by = `${show(gap)} (${relative.toFixed(1)}%) ${bound.kind === "max" ? "over" : "under"} the bound`;
  }
  return out;
}

const times = (v: number) => `${v.toFixed(2)}×`;
const ms = (v: number) => `${Math.round(v)} ms`;
const mb = (v: number) => `${v.toFixed(1)} MB`;

export function judgeTargets(results: BenchResults): TargetVerdict[] {
  const { client_overhead: co, validate_page50: va, mock_throughput: mt, drift_scale: drift } = results;
  const big = drift.find((d) => d.endpoints === DRIFT_TARGET_SIZE);
  const measured = drift.filter((d) => isMeasured(d.peak_rss_mb));
  const smallest = measured[0];
  const largest = measured[measured.length - 1];
  const growth = smallest && largest && largest !== smallest ? largest.peak_rss_mb! / smallest.peak_rss_mb! : null;
  const sizes =
    smallest && largest
      ? `${smallest.endpoints.toLocaleString("en-US")} → ${largest.endpoints.toLocaleString("en-US")} endpoints`
      : "";
  return [
    verdict(
      "client ≤ 1.1× a bare fetch (validation off, every guarantee on)",
      co.ratio,
      { kind: "max", limit: 1.1 },
      times,
    ),
    verdict("client ≤ 1.15× a bare fetch (validation on)", co.ratio_validate, { kind: "max", limit: 1.15 }, times),
    verdict(
      "client ≤ 1.05× a plain openapi-fetch client",
      co.ratio_vs_openapi_fetch,
      { kind: "max", limit: 1.05 },
      times,
    ),
    verdict("client on the fast wire ≤ 0.6× a bare fetch", co.ratio_fast_wire, { kind: "max", limit: 0.6 }, times),
    verdict(
      "strict page validation ≥ 10× faster than openapi-response-validator",
      va.ratio,
      { kind: "min", limit: 10 },
      times,
    ),
    verdict(
      "strict page validation under 0.2 ms",
      va.ours_us === null ? null : va.ours_us / 1000,
      { kind: "max", limit: 0.2 },
      (v) => `${v.toFixed(3)} ms`,
    ),
    verdict("mock ≥ 5× Prism's throughput", mt.ratio_vs_prism, { kind: "min", limit: 5 }, times),
    verdict(
      "mock ≥ 50% of the bare node:http ceiling",
      mt.ratio_vs_node_http,
      { kind: "min", limit: 0.5 },
      (v) => `${(v * 100).toFixed(0)}%`,
    ),
    verdict(
      "client-only app bundle (esbuild, minified ESM, validation off) under 60 KB",
      results.bundle_size.client_esm_kb,
      { kind: "max", limit: 60 },
      (v) => `${v.toFixed(1)} KB`,
    ),
    verdict("drift, 100,000 endpoints read-only, under 60 s", big?.wall_ms, { kind: "max", limit: 60_000 }, ms),
    verdict(
      "drift, 100,000 endpoints read-only, peak RSS under 300 MB",
      big?.peak_rss_mb,
      { kind: "max", limit: 300 },
      mb,
    ),
    verdict(
      `drift peak RSS grows ≤ ${RSS_GROWTH_LIMIT}× ${sizes ? `over ${sizes}` : "from the smallest to the largest size"}`,
      growth,
      { kind: "max", limit: RSS_GROWTH_LIMIT },
      times,
    ),
  ];
}
