/**
 * The tables of the README and the reference pages that list a registry of the code: the checks
 * (a check's id, severity and what makes it fire are said once, in its module), the files a run
 * writes (each said once, beside what writes it) and the drift command's flags (said once, in its
 * options). `npm run gen` writes each between its two markers; `npm run gen:check` fails when a
 * table there is another.
 */
import type { CheckInfo } from "../checks";

export class TableMarkersError extends Error {
  override name = "TableMarkersError";
}

export interface TableSources {
  checks: readonly CheckInfo<string>[];
  runFiles: ReadonlyArray<{ file: string; holds: string }>;
  driftFlags: ReadonlyArray<{ option: string; help: string }>;
}

/** A table cell's text: a pipe would end the cell, and `<run id>` would read as an HTML tag. */
const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("<", "&lt;");
const code = (text: string) => `\`${text}\``;
const table = (header: readonly string[], rows: readonly string[][]) =>
  [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");

/** Each table: its name in the markers, where its rows come from, its columns and its rows. */
const TABLES = {
  checks: {
    name: "the check table",
    from: "src/checks",
    header: ["id", "severity", "fires when"],
    rows: ({ checks }: TableSources) => checks.map((c) => [code(c.id), c.severity, c.firesWhen]),
  },
  runFiles: {
    name: "the table of a run's files",
    from: "src/drift/report",
    header: ["file", "holds"],
    rows: ({ runFiles }: TableSources) => runFiles.map((f) => [code(f.file), f.holds]),
  },
  driftFlags: {
    name: "the table of the drift command's flags",
    from: "src/cli/drift-plan.ts",
    header: ["flag", "meaning"],
    rows: ({ driftFlags }: TableSources) => driftFlags.map((f) => [code(f.option), f.help]),
  },
} as const;

export type TableName = keyof typeof TABLES;

/** Which page holds which tables. */
export const PAGE_TABLES: Readonly<Record<string, readonly TableName[]>> = {
  "README.md": ["checks", "runFiles"],
  "docs/drift.md": ["driftFlags"],
};

/** A page with each of its tables as its sources say; throws when a table's markers are not there once each. */
export function withTables(page: string, text: string, sources: TableSources): string {
  let out = text;
  for (const { name, from, header, rows } of (PAGE_TABLES[page] ?? []).map((t) => TABLES[t])) {
    const begin = `<!-- ${name}, written by \`npm run gen\` from ${from}: edit the code, not this -->`;
    const end = `<!-- end of ${name} -->`;
    const at = out.indexOf(begin);
    const to = out.indexOf(end);
    if (at < 0 || to < at || out.indexOf(begin, at + 1) >= 0 || out.indexOf(end, to + 1) >= 0)
      throw new TableMarkersError(`${page} must hold the markers of ${name} once each, in order: ${begin} … ${end}`);
    out = `${out.slice(0, at + begin.length)}\n${table(header, rows(sources))}\n${out.slice(to)}`;
  }
  return out;
}
