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

/**
 * Every rendering of a report, one file each: what `writeReports` writes, the tests read and the
 * README's table of files says (`holds`, written there by `npm run gen`).
 */
export const REPORT_RENDERERS = [
  {
    file: "report.json",
    render: renderJson,
    holds:
      "outcome, exit code, reasons, target, spec hash, summary, findings, coverage, the checks evaluated or not (and why), steps, cleanup",
  },
  {
    file: "report.md",
    render: renderMarkdown,
    holds: "the same for people; also appended to `$GITHUB_STEP_SUMMARY` when set",
  },
  {
    file: "junit.xml",
    render: renderJunit,
    holds: "one test case per check × operation evaluated, a skipped one per check not evaluated, one per step",
  },
  {
    file: "report.sarif",
    render: renderSarif,
    holds: "SARIF 2.1.0 for code scanning: one result per finding, on the spec's line where the fix goes",
  },
] as const;

export const REPORT_FILES = REPORT_RENDERERS.map((r) => r.file);

import { HAR_FILE, OTHER_RUN_FILES } from "./files";

export { HAR_FILE, SUGGESTION_FILES } from "./files";

/** Every file a run may write in its folder, with what it holds, in the order the README lists them. */
export const RUN_FILES: ReadonlyArray<{ file: string; holds: string }> = [
  ...REPORT_RENDERERS.map(({ file, holds }) => ({ file, holds })),
  ...OTHER_RUN_FILES,
];

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
