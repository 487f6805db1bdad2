/** The soak's figures as the lines `npm run soak` prints (no console here: the script prints). */
import type { SoakReport } from "./soak";

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function formatSoak(report: SoakReport): string {
  const { memory: m, byOperation: ops } = report;
  const seconds = report.durationMs / 1000;
  const lines = [
    `soak: ${report.concurrency} clients for ${seconds} s against the mock: ${report.ok ? "OK" : "FAILED"}`,
    `  requests     ${report.requests} (${Math.round(report.requests / seconds)}/s): create ${ops.create}, retrieve ${ops.retrieve}, update ${ops.update}, list ${ops.list}, delete ${ops.delete}`,
    `  errors       ${report.errors}`,
    `  endpoints    created ${report.created}, deleted ${report.deleted}, expected ${report.expected}, listed ${report.listed}`,
    `  consistency  lost ${report.lost}, duplicated ${report.duplicated}, unexpected ${report.unexpected}`,
    `  heap (after GC) baseline ${mib(m.baselineBytes)}, after load and cleanup ${mib(m.afterBytes)}, retained ${mib(m.retainedBytes)} (tolerance ${mib(m.toleranceBytes)}); peak during load ${mib(m.peakBytes)}`,
  ];
  for (const sample of report.errorSamples) lines.push(`  ! ${sample}`);
  return lines.join("\n");
}
