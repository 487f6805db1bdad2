/**
 * Writing a report to disk. Every byte goes through the redaction of the run's secrets on the way
 * out, as a second net behind the report already being built from scrubbed data.
 */
import { appendFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { redactText } from "../../redact";
import { renderHar, type Har } from "../har";
import type { DriftReport } from "../types";
import { renderJunit } from "./junit";
import { renderMarkdown } from "./markdown";
import { renderSarif, type SarifOptions } from "./sarif";

export function renderJson(report: DriftReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Every rendering of a report, one file each: what `writeReports` writes and the tests read. */
export const REPORT_RENDERERS = [
  { file: "report.json", render: renderJson },
  { file: "report.md", render: renderMarkdown },
  { file: "junit.xml", render: renderJunit },
  { file: "report.sarif", render: renderSarif },
] as const;

export const REPORT_FILES = REPORT_RENDERERS.map((r) => r.file);

import { HAR_FILE } from "./files";

export { HAR_FILE, SUGGESTION_FILES } from "./files";

/**
 * Writes every rendering of `REPORT_RENDERERS` into `dir` (created if needed), the recording as
 * `exchanges.har` when there is one, and, when `stepSummary` names a file (GitHub's
 * `$GITHUB_STEP_SUMMARY`), appends the Markdown to it. Returns the paths written.
 */
export async function writeReports(
  report: DriftReport,
  dir: string,
  secrets: readonly string[],
  options: { stepSummary?: string; har?: Har } & SarifOptions = {},
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const { file, render } of REPORT_RENDERERS) {
    const path = join(dir, file);
    await writeFile(path, redactText(render(report, options), secrets), "utf8");
    written.push(path);
  }
  if (options.har) {
    const path = join(dir, HAR_FILE);
    await writeFile(path, redactText(renderHar(options.har), secrets), "utf8");
    written.push(path);
  }
  if (options.stepSummary) {
    await appendFile(options.stepSummary, `${redactText(renderMarkdown(report), secrets)}\n`, "utf8");
    written.push(options.stepSummary);
  }
  return written;
}
