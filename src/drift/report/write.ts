/**
 * Writing a report to disk. Every byte goes through the redaction of the run's secrets on the way
 * out, as a second net behind the report already being built from scrubbed data.
 */
import { appendFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { redactText } from "../../redact";
import type { DriftReport } from "../types";
import { renderJunit } from "./junit";
import { renderMarkdown } from "./markdown";

export const REPORT_FILES = ["report.json", "report.md", "junit.xml"] as const;

export function renderJson(report: DriftReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * Writes `report.json`, `report.md` and `junit.xml` into `dir` (created if needed) and, when
 * `stepSummary` names a file (GitHub's `$GITHUB_STEP_SUMMARY`), appends the Markdown to it.
 * Returns the paths written.
 */
export async function writeReports(report: DriftReport, dir: string, secrets: readonly string[], options: { stepSummary?: string } = {}): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const markdown = redactText(renderMarkdown(report), secrets);
  const files: Array<[string, string]> = [
    ["report.json", redactText(renderJson(report), secrets)],
    ["report.md", markdown],
    ["junit.xml", redactText(renderJunit(report), secrets)],
  ];
  const written: string[] = [];
  for (const [name, text] of files) {
    const path = join(dir, name);
    await writeFile(path, text, "utf8");
    written.push(path);
  }
  if (options.stepSummary) {
    await appendFile(options.stepSummary, `${markdown}\n`, "utf8");
    written.push(options.stepSummary);
  }
  return written;
}
