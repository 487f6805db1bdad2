/**
 * The shape of `bench-results.json`, built from the measurements as pure data. `results` holds
 * exactly the keys the issue names, in the full run and in `--quick` alike; whatever else is
 * worth keeping (per-route numbers, spreads, settings, why something was not measured) goes in
 * `details` and `notes`, so the headline keys never change shape.
 *
 * Times and rates are medians over rounds; every ratio is the median of per-round ratios (see
 * `pairedRatio`), so it can differ a little from the quotient of the two medians shown beside it.
 */
import type { VariantSummary } from "./interleave";
import type { BenchPlan } from "./plan";
import { geometricMean, isMeasured, median, pairedRatio, round } from "./stats";

interface ClientOverheadResult {
  raw_us: number | null;
  client_us: number | null;
  client_validate_us: number | null;
  /** The client on its opt-in fast wire (`wire: "undici"`), validation off. */
  client_fast_wire_us: number | null;
  /** A plain openapi-fetch client with a Basic header, on the global fetch: what a user would write instead. */
  openapi_fetch_us: number | null;
  /** A bare `undici.request` + `JSON.parse`: the floor of Node's HTTP client. */
  undici_us: number | null;
  /** client / raw */
  ratio: number | null;
  /** client with validation / raw */
  ratio_validate: number | null;
  /** client on the fast wire / raw */
  ratio_fast_wire: number | null;
  /** client / plain openapi-fetch */
  ratio_vs_openapi_fetch: number | null;
}

interface ValidatePage50Result {
  ours_us: number | null;
  /** As jest-openapi calls it: a new validator, its schemas compiled again, for each response. */
  openapi_response_validator_us: number | null;
  /** openapi-response-validator / ours: how many times faster ours is. */
  ratio: number | null;
}

interface MockThroughputResult {
  /** Geometric mean over the two routes (retrieve, 50-item list page); per route in `details`. */
  ours_rps: number | null;
  prism_rps: number | null;
  node_http_rps: number | null;
  /** ours / prism */
  ratio_vs_prism: number | null;
  /** ours / node:http */
  ratio_vs_node_http: number | null;
}

interface DriftScaleEntry {
  endpoints: number;
  /** From starting the drift process to its exit: module loading included, as a user waits for it. */
  wall_ms: number | null;
  /** Peak resident set of the drift process alone (not the mock's, not the bench's). */
  peak_rss_mb: number | null;
}

interface BundleSizeResult {
  /** What a minified ESM bundle of a client-only app loads at start (validation off), in KB. */
  client_esm_kb: number | null;
  /** The same bundle with the chunks that only validation loads. */
  client_esm_with_validation_kb: number | null;
  /** The CJS bundle: one file, lazy chunks included (esbuild cannot split CJS). */
  client_cjs_kb: number | null;
  /** The same app on a bare openapi-fetch client. */
  openapi_fetch_kb: number | null;
  /** client_esm / openapi_fetch */
  ratio_vs_openapi_fetch: number | null;
}

export interface BenchResults {
  client_overhead: ClientOverheadResult;
  validate_page50: ValidatePage50Result;
  mock_throughput: MockThroughputResult;
  drift_scale: DriftScaleEntry[];
  gen_ms: number | null;
  bundle_size: BundleSizeResult;
}

/** The keys of `results` and of each of its objects, as the issue lists them. */
export const RESULT_KEYS = {
  results: ["client_overhead", "validate_page50", "mock_throughput", "drift_scale", "gen_ms", "bundle_size"],
  client_overhead: [
    "raw_us",
    "client_us",
    "client_validate_us",
    "client_fast_wire_us",
    "openapi_fetch_us",
    "undici_us",
    "ratio",
    "ratio_validate",
    "ratio_fast_wire",
    "ratio_vs_openapi_fetch",
  ],
  validate_page50: ["ours_us", "openapi_response_validator_us", "ratio"],
  mock_throughput: ["ours_rps", "prism_rps", "node_http_rps", "ratio_vs_prism", "ratio_vs_node_http"],
  drift_scale: ["endpoints", "wall_ms", "peak_rss_mb"],
  bundle_size: [
    "client_esm_kb",
    "client_esm_with_validation_kb",
    "client_cjs_kb",
    "openapi_fetch_kb",
    "ratio_vs_openapi_fetch",
  ],
} as const;

// ---- what the measuring modules hand over ----

/** The ways the bench makes the same request, side by side. */
export const CLIENT_VARIANTS = [
  "raw",
  "client",
  "client_validate",
  "client_fast_wire",
  "openapi_fetch",
  "undici",
  "transport_fast_wire",
] as const;
export type ClientVariant = (typeof CLIENT_VARIANTS)[number];

export type ClientOverheadMeasurement = Record<ClientVariant, VariantSummary> & {
  /** CPU µs of the calling process per request (wall time above includes waiting for the server and for a core). */
  cpu?: Record<ClientVariant, VariantSummary>;
};

export interface ValidationMeasurement {
  ours: VariantSummary;
  /** As jest-openapi uses it: a new validator (schemas compiled again) for every response. */
  openapi_response_validator: VariantSummary;
  /** One validator built once and reused: the best a careful user of it gets. */
  openapi_response_validator_kept: VariantSummary;
  /** Undocumented fields each validator reported on the page (both must find them all). */
  found: { ours: number; openapi_response_validator: number; planted: number };
}

export const SERVERS = ["ours", "prism", "node_http"] as const;
export type ServerName = (typeof SERVERS)[number];
export const ROUTES = ["retrieve", "list_page50"] as const;
export type RouteName = (typeof ROUTES)[number];

export interface RouteLoad {
  rps: VariantSummary;
  /** Mean response size seen by the load generator, so "the same body" can be checked. */
  bytes_per_response: number;
  /** Responses that were not 2xx, and socket errors; either makes the rps meaningless. */
  non_2xx: number;
  errors: number;
}

export interface ThroughputMeasurement {
  connections: number;
  duration_sec: number;
  routes: Record<RouteName, Partial<Record<ServerName, RouteLoad>>>;
  prism: { available: true; version: string } | { available: false; reason: string };
}

export interface DriftRunMeasurement {
  endpoints: number;
  wall_ms: number;
  /** The engine's own run time, without process start and module loading. */
  run_ms: number;
  peak_rss_mb: number;
  pages: number;
  requests: number;
  outcome: string;
}

export interface BundleSizeMeasurement {
  esm_startup_bytes: number;
  esm_total_bytes: number;
  cjs_bytes: number;
  openapi_fetch_bytes: number;
}

export interface Measurements {
  client_overhead?: ClientOverheadMeasurement;
  validate_page50?: ValidationMeasurement;
  mock_throughput?: ThroughputMeasurement;
  drift_scale?: DriftRunMeasurement[];
  gen?: { runs_ms: number[] };
  bundle_size?: BundleSizeMeasurement;
}

export interface BenchReport {
  quick: boolean;
  node: string;
  results: BenchResults;
  targets: TargetVerdict[];
  details: Record<string, unknown>;
  /** Why something was not measured, and anything a reader of the numbers must know. */
  notes: string[];
}

export interface TargetVerdict {
  target: string;
  /** The measured value, as text with its unit; "not measured" when it was not. */
  measured: string;
  met: boolean | null;
  /** For a missed target: by how much. */
  missed_by?: string;
}

const us = (s: VariantSummary | undefined) => round(s?.median, 1);
const kb = (bytes: number | undefined) => round(bytes === undefined ? undefined : bytes / 1024, 1);

/** A server's load on a route, when it was measured cleanly (no errors, no non-2xx answers). */
function cleanLoad(m: ThroughputMeasurement | undefined, route: RouteName, server: ServerName): RouteLoad | undefined {
  const load = m?.routes[route]?.[server];
  return load && load.non_2xx === 0 && load.errors === 0 && isMeasured(load.rps.median) ? load : undefined;
}

/** A server's rps over both routes (geometric mean), or null unless both routes were measured cleanly. */
function serverRps(m: ThroughputMeasurement | undefined, server: ServerName): number | null {
  const values = ROUTES.map((route) => cleanLoad(m, route, server)?.rps.median);
  return values.every(isMeasured) ? round(geometricMean(values as number[]), 0) : null;
}

/** Ours against another server: the per-route paired ratios, combined by geometric mean as the rps are. */
function serverRatio(m: ThroughputMeasurement | undefined, other: ServerName): number | null {
  const ratios = ROUTES.map((route) =>
    pairedRatio(cleanLoad(m, route, "ours")?.rps.samples, cleanLoad(m, route, other)?.rps.samples),
  );
  return ratios.every(isMeasured) ? round(geometricMean(ratios as number[]), 3) : null;
}

export function buildResults(m: Measurements, plan: BenchPlan): BenchResults {
  const co = m.client_overhead;
  const va = m.validate_page50;
  const ours = serverRps(m.mock_throughput, "ours");
  const prism = serverRps(m.mock_throughput, "prism");
  const nodeHttp = serverRps(m.mock_throughput, "node_http");
  const drift = new Map((m.drift_scale ?? []).map((d) => [d.endpoints, d]));
  return {
    client_overhead: {
      raw_us: us(co?.raw),
      client_us: us(co?.client),
      client_validate_us: us(co?.client_validate),
      client_fast_wire_us: us(co?.client_fast_wire),
      openapi_fetch_us: us(co?.openapi_fetch),
      undici_us: us(co?.undici),
      ratio: pairedRatio(co?.client.samples, co?.raw.samples),
      ratio_validate: pairedRatio(co?.client_validate.samples, co?.raw.samples),
      ratio_fast_wire: pairedRatio(co?.client_fast_wire.samples, co?.raw.samples),
      ratio_vs_openapi_fetch: pairedRatio(co?.client.samples, co?.openapi_fetch.samples),
    },
    validate_page50: {
      ours_us: us(va?.ours),
      openapi_response_validator_us: us(va?.openapi_response_validator),
      ratio: pairedRatio(va?.openapi_response_validator.samples, va?.ours.samples),
    },
    mock_throughput: {
      ours_rps: ours,
      prism_rps: prism,
      node_http_rps: nodeHttp,
      ratio_vs_prism: serverRatio(m.mock_throughput, "prism"),
      ratio_vs_node_http: serverRatio(m.mock_throughput, "node_http"),
    },
    // Every planned size gets an entry, measured or not, so the array has the same length every run.
    drift_scale: plan.driftSizes.map((endpoints) => {
      const run = drift.get(endpoints);
      return { endpoints, wall_ms: round(run?.wall_ms, 0), peak_rss_mb: round(run?.peak_rss_mb, 1) };
    }),
    gen_ms: m.gen ? round(median(m.gen.runs_ms), 0) : null,
    bundle_size: {
      client_esm_kb: kb(m.bundle_size?.esm_startup_bytes),
      client_esm_with_validation_kb: kb(m.bundle_size?.esm_total_bytes),
      client_cjs_kb: kb(m.bundle_size?.cjs_bytes),
      openapi_fetch_kb: kb(m.bundle_size?.openapi_fetch_bytes),
      ratio_vs_openapi_fetch: m.bundle_size
        ? round(m.bundle_size.esm_startup_bytes / m.bundle_size.openapi_fetch_bytes, 2)
        : null,
    },
  };
}
