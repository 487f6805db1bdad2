/**
 * The readable table `npm run bench` prints. Returns text; printing is the script's job.
 */
import type { BenchReport, RouteName, ServerName, ThroughputMeasurement } from "./results";

const num = (v: number | null | undefined, digits = 1) =>
  typeof v === "number" && Number.isFinite(v) ? v.toFixed(digits) : "—";
const int = (v: number | null | undefined) =>
  typeof v === "number" && Number.isFinite(v) ? Math.round(v).toLocaleString("en-US") : "—";
const x = (v: number | null | undefined) => (typeof v === "number" ? `${v.toFixed(2)}×` : "—");
const row = (cells: string[], widths: number[]) =>
  cells
    .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
    .join("  ")
    .trimEnd();

export function formatTable(report: BenchReport): string {
  const { results: r, details } = report;
  const plan = details.plan as {
    rounds: number;
    throughput: { connections: number; durationSec: number; rounds: number };
  };
  const lines: string[] = [];
  const w = [42, 12, 11];
  lines.push(
    `npm run bench${report.quick ? " -- --quick" : ""} · node ${report.node} · medians of ${plan.rounds} interleaved rounds`,
    "",
  );

  lines.push("Client overhead: sequential GET /endpoints/sip/{id} against the mock (in its own process)");
  const co = r.client_overhead;
  type Split = { transport_vs_undici: number | null; client_vs_transport: number | null };
  const coDetails = details.client_overhead as {
    transport_fast_wire_us: { median: number | null } | null;
    fast_wire_split: Split;
    cpu_us:
      | (Record<string, { median: number | null } | null> & {
          ratio: number | null;
          ratio_validate: number | null;
          ratio_vs_openapi_fetch: number | null;
          fast_wire_split: Split;
        })
      | null;
  } | null;
  const cpu = coDetails?.cpu_us;
  const wc = [42, 12, 11, 12];
  lines.push(row(["", "µs/request", "vs fetch", "CPU µs/req"], wc));
  const cpuOf = (variant: string) => num(cpu?.[variant]?.median);
  lines.push(
    row(
      [
        "bare undici.request + JSON.parse (floor)",
        num(co.undici_us),
        x(co.raw_us && co.undici_us ? co.undici_us / co.raw_us : null),
        cpuOf("undici"),
      ],
      wc,
    ),
  );
  lines.push(row(["raw fetch + JSON.parse", num(co.raw_us), "", cpuOf("raw")], wc));
  lines.push(
    row(
      [
        "plain openapi-fetch client",
        num(co.openapi_fetch_us),
        x(co.raw_us && co.openapi_fetch_us ? co.openapi_fetch_us / co.raw_us : null),
        cpuOf("openapi_fetch"),
      ],
      wc,
    ),
  );
  lines.push(row(["client, validation off", num(co.client_us), x(co.ratio), cpuOf("client")], wc));
  lines.push(
    row(["client, validation on", num(co.client_validate_us), x(co.ratio_validate), cpuOf("client_validate")], wc),
  );
  lines.push(
    row(
      [
        "client, fast wire (undici), validation off",
        num(co.client_fast_wire_us),
        x(co.ratio_fast_wire),
        cpuOf("client_fast_wire"),
      ],
      wc,
    ),
  );
  const transportUs = coDetails?.transport_fast_wire_us?.median;
  lines.push(
    row(
      [
        "  its transport alone (no openapi-fetch)",
        num(transportUs),
        x(co.raw_us && transportUs ? transportUs / co.raw_us : null),
        cpuOf("transport_fast_wire"),
      ],
      wc,
    ),
  );
  lines.push(
    `  client vs plain openapi-fetch: ${x(co.ratio_vs_openapi_fetch)} wall, ${x(cpu?.ratio_vs_openapi_fetch)} CPU`,
  );
  lines.push(
    `  fast wire: its transport vs the floor ${x(coDetails?.fast_wire_split.transport_vs_undici)} wall, ${x(cpu?.fast_wire_split.transport_vs_undici)} CPU; ` +
      `the client vs its transport ${x(coDetails?.fast_wire_split.client_vs_transport)} wall, ${x(cpu?.fast_wire_split.client_vs_transport)} CPU`,
  );
  lines.push("");

  lines.push("Strict validation of one 50-item list page (undocumented fields planted)");
  lines.push(row(["", "µs/page", "ours faster"], w));
  lines.push(row(["ours (precompiled ajv)", num(r.validate_page50.ours_us), ""], w));
  lines.push(
    row(
      [
        "openapi-response-validator, per response",
        num(r.validate_page50.openapi_response_validator_us),
        x(r.validate_page50.ratio),
      ],
      w,
    ),
  );
  const va = details.validate_page50 as {
    openapi_response_validator_kept_us: { median: number | null } | null;
    ratio_vs_kept: number | null;
  } | null;
  lines.push(
    row(
      ["openapi-response-validator, kept", num(va?.openapi_response_validator_kept_us?.median), x(va?.ratio_vs_kept)],
      w,
    ),
  );
  lines.push("  (per response: how jest-openapi calls it, compiling the schemas for every response; kept: built once)");
  lines.push("");

  const mt = details.mock_throughput as
    | (Omit<ThroughputMeasurement, "routes"> & {
        routes: Record<RouteName, Record<ServerName, { rps: { median: number | null } | null } | null>>;
      })
    | null;
  const t = plan.throughput;
  lines.push(
    `Mock throughput: autocannon in the bench process, each server in its own process, ${t.connections} connections, ${t.durationSec} s × ${t.rounds} rounds`,
  );
  const wt = [42, 12, 12, 12];
  lines.push(row(["requests/s", "retrieve", "list (50)", "geo. mean"], wt));
  const label: Record<ServerName, string> = {
    ours: "our mock",
    prism: "Prism mock",
    node_http: "bare node:http (fixed body)",
  };
  const total: Record<ServerName, number | null> = {
    ours: r.mock_throughput.ours_rps,
    prism: r.mock_throughput.prism_rps,
    node_http: r.mock_throughput.node_http_rps,
  };
  for (const server of ["ours", "prism", "node_http"] as const) {
    const cell = (route: RouteName) => int(mt?.routes[route]?.[server]?.rps?.median);
    lines.push(row([label[server], cell("retrieve"), cell("list_page50"), int(total[server])], wt));
  }
  lines.push(row(["ours / Prism", "", "", x(r.mock_throughput.ratio_vs_prism)], wt));
  lines.push(row(["ours / node:http", "", "", x(r.mock_throughput.ratio_vs_node_http)], wt));
  if (mt && !mt.prism.available) lines.push(`  Prism unavailable: ${mt.prism.reason}`);
  lines.push("");

  lines.push("Drift job, read-only, page_size 1000, in its own process against the mock in another");
  const wd = [42, 12, 12];
  lines.push(row(["endpoints", "wall ms", "peak RSS MB"], wd));
  for (const d of r.drift_scale)
    lines.push(row([d.endpoints.toLocaleString("en-US"), int(d.wall_ms), num(d.peak_rss_mb)], wd));
  lines.push("");
  lines.push(row(["npm run gen (wall ms)", int(r.gen_ms)], [42, 12]));
  lines.push("");

  lines.push("Bundle size: a client-only app, esbuild --bundle --minify, from the built package");
  const wb = [42, 12, 12];
  lines.push(row(["", "KB", "vs bare"], wb));
  const b = r.bundle_size;
  lines.push(
    row(["ours, ESM, loaded at start (validation off)", num(b.client_esm_kb), x(b.ratio_vs_openapi_fetch)], wb),
  );
  lines.push(row(["ours, ESM, with the validation chunks", num(b.client_esm_with_validation_kb), ""], wb));
  lines.push(row(["ours, CJS (one file, lazy chunks inlined)", num(b.client_cjs_kb), ""], wb));
  lines.push(row(["bare openapi-fetch client", num(b.openapi_fetch_kb), ""], wb));
  lines.push("");

  lines.push("Targets");
  for (const v of report.targets) {
    const mark = v.met === null ? "?" : v.met ? "✓" : "✗";
    lines.push(`  ${mark} ${v.target}: ${v.measured}${v.missed_by ? ` — missed by ${v.missed_by}` : ""}`);
  }
  if (report.notes.length > 0) {
    lines.push("", "Notes");
    for (const note of report.notes) lines.push(`  - ${note}`);
  }
  return lines.join("\n");
}
