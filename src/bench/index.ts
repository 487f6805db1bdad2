/**
 * The measurement library behind `npm run bench`: each comparison of the issue as a function that
 * returns data, and `runBench`, which runs them all and builds the report. A comparison that
 * cannot be measured (a tool that will not install, a server that will not start) becomes a null
 * with a note saying why; the others still run.
 */
import { measureBundleSize } from "./bundle-size";
import { measureClientOverhead } from "./client-overhead";
import { measureDriftScale } from "./drift-scale";
import { measureGen } from "./gen-time";
import type { BenchPlan } from "./plan";
import { buildReport } from "./report";
import type { BenchReport, Measurements } from "./results";
import { measureThroughput } from "./throughput";
import { measureValidation } from "./validation-cost";

export { FULL_PLAN, QUICK_PLAN, type BenchPlan } from "./plan";
export { formatTable } from "./table";
export { buildReport } from "./report";

export { RESULT_KEYS, type BenchReport } from "./results";

export interface BenchOptions {
  /** The project root (where package.json, generated/ and .bench-tools/ are). */
  root: string;
  /** Told what is being measured now; the CLI prints it. */
  progress?: (message: string) => void;
}

export async function runBench(plan: BenchPlan, options: BenchOptions): Promise<BenchReport> {
  const progress = options.progress ?? (() => undefined);
  const notes: string[] = [];
  const measured: Measurements = {};
  const attempt = async <K extends keyof Measurements>(key: K, what: string, body: () => Promise<Measurements[K]>) => {
    progress(what);
    try {
      measured[key] = await body();
    } catch (error) {
      notes.push(`${key} not measured: ${(error as Error).message}`);
    }
  };

  await attempt("validate_page50", "validation: strict 50-item page, ours vs openapi-response-validator", () =>
    measureValidation(plan),
  );
  await attempt("client_overhead", "client overhead: raw fetch vs client vs client with validation", () =>
    measureClientOverhead(plan),
  );
  await attempt("mock_throughput", "mock throughput", () =>
    measureThroughput(plan, { root: options.root, progress, notes }),
  );
  await attempt("drift_scale", "drift job at scale", () => measureDriftScale(plan, progress, notes));
  await attempt("bundle_size", "bundle size: a client-only app bundled with esbuild, vs openapi-fetch alone", () =>
    measureBundleSize(options.root),
  );
  await attempt("gen", `npm run gen (${plan.genRuns} run${plan.genRuns === 1 ? "" : "s"}, in a scratch copy)`, () =>
    measureGen(options.root, plan.genRuns, notes),
  );

  const va = measured.validate_page50;
  if (va && (va.found.ours !== va.found.planted || va.found.openapi_response_validator !== va.found.planted)) {
    notes.push(
      `validation: ${va.found.planted} undocumented keys planted; ours found ${va.found.ours}, openapi-response-validator ${va.found.openapi_response_validator}`,
    );
  }
  return buildReport(measured, plan, notes);
}
