/**
 * Puts the measurements together into the report written to `bench-results.json`: the headline
 * `results`, the verdicts on the targets, and the details behind them.
 */
import type { VariantSummary } from "./interleave";
import type { BenchPlan } from "./plan";
import { buildResults, CLIENT_VARIANTS, ROUTES, SERVERS, type BenchReport, type Measurements } from "./results";
import { pairedRatio, round } from "./stats";
import { judgeTargets } from "./targets";

const summary = (s: VariantSummary | undefined, digits: number) =>
  s
    ? { median: round(s.median, digits), spread: round(s.spread, 3), samples: s.samples.map((v) => round(v, digits)) }
    : null;

export function buildReport(
  measured: Measurements,
  plan: BenchPlan,
  notes: string[],
  node = process.version,
): BenchReport {
  const results = buildResults(measured, plan);
  const { client_overhead: co, validate_page50: va, mock_throughput: mt } = measured;
  const routes = Object.fromEntries(
    ROUTES.map((route) => [
      route,
      Object.fromEntries(
        SERVERS.map((server) => {
          const load = mt?.routes[route]?.[server];
          return [
            server,
            load
              ? {
                  rps: summary(load.rps, 0),
                  bytes_per_response: Math.round(load.bytes_per_response),
                  non_2xx: load.non_2xx,
                  errors: load.errors,
                }
              : null,
          ];
        }),
      ),
    ]),
  );
  return {
    quick: plan.quick,
    node,
    results,
    targets: judgeTargets(results),
    details: {
      plan,
      client_overhead: co
        ? {
            raw_us: summary(co.raw, 1),
            client_us: summary(co.client, 1),
            client_validate_us: summary(co.client_validate, 1),
            client_fast_wire_us: summary(co.client_fast_wire, 1),
            openapi_fetch_us: summary(co.openapi_fetch, 1),
            undici_us: summary(co.undici, 1),
            transport_fast_wire_us: summary(co.transport_fast_wire, 1),
            fast_wire_split: fastWireSplit(co),
            cpu_us: co.cpu
              ? {
                  ...Object.fromEntries(CLIENT_VARIANTS.map((v) => [v, summary(co.cpu![v], 1)])),
                  ratio: pairedRatio(co.cpu.client.samples, co.cpu.raw.samples),
                  ratio_validate: pairedRatio(co.cpu.client_validate.samples, co.cpu.raw.samples),
                  ratio_fast_wire: pairedRatio(co.cpu.client_fast_wire.samples, co.cpu.raw.samples),
                  ratio_vs_openapi_fetch: pairedRatio(co.cpu.client.samples, co.cpu.openapi_fetch.samples),
                  fast_wire_split: fastWireSplit(co.cpu),
                }
              : null,
          }
        : null,
      validate_page50: va
        ? {
            ours_us: summary(va.ours, 1),
            openapi_response_validator_us: summary(va.openapi_response_validator, 1),
            openapi_response_validator_kept_us: summary(va.openapi_response_validator_kept, 1),
            ratio_vs_kept: pairedRatio(va.openapi_response_validator_kept.samples, va.ours.samples),
            found: va.found,
          }
        : null,
      mock_throughput: mt
        ? { connections: mt.connections, duration_sec: mt.duration_sec, prism: mt.prism, routes }
        : null,
      drift_scale: measured.drift_scale ?? null,
      gen_runs_ms: measured.gen?.runs_ms.map((v) => Math.round(v)) ?? null,
    },
    notes,
  };
}

/**
 * Where a call on the fast wire spends its time: its transport alone against the floor (the
 * transport's guarantees), and the whole client against its transport (openapi-fetch's request
 * building and the typed layer).
 */
function fastWireSplit(co: Record<"undici" | "transport_fast_wire" | "client_fast_wire", VariantSummary>) {
  return {
    transport_vs_undici: pairedRatio(co.transport_fast_wire.samples, co.undici.samples),
    client_vs_transport: pairedRatio(co.client_fast_wire.samples, co.transport_fast_wire.samples),
  };
}
