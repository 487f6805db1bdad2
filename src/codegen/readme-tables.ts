/**
 * The README's tables of registries: the checks (a check's id, severity and what makes it fire
 * are said once, in its module) and the files a run writes (each said once, beside what writes
 * it). `npm run gen` writes each between its two markers; `npm run gen:check` fails when a table
 * there is another.
 */
import type { CheckInfo } from "../checks";

export class ReadmeMarkersError extends Error {
  override name = "ReadmeMarkersError";
}

export interface ReadmeSources {
  checks: readonly CheckInfo<string>[];
  runFiles: ReadonlyArray<{ file: string; holds: string }>;
}

const cell = (text: string) => text.replaceAll("|", "\\|");
const table = (header: readonly string[], rows: readonly string[][]) =>
  [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");

/** Each table: its name in the markers, and its rows from the sources. */
const TABLES: ReadonlyArray<{ name: string; from: string; render(sources: ReadmeSources): string }> = [
  {
    name: "the check table",
    from: "src/checks",
    render: ({ checks }) =>
      table(
        ["id", "severity", "fires when"],
        checks.map((c) => [`\`${c.id}\``, c.severity, c.firesWhen]),
      ),
  },
  {
    name: "the table of a run's files",
    from: "src/drift/report",
    render: ({ runFiles }) =>
      table(
        ["file", "holds"],
        runFiles.map((f) => [`\`${f.file}\``, f.holds]),
      ),
  },
];

/** The README with every table as its sources say; throws when a table's markers are not there once each. */
export function withTables(readme: string, sources: ReadmeSources): string {
  let text = readme;
  for (const { name, from, render } of TABLES) {
    const begin = `<!-- ${name}, written by \`npm run gen\` from ${from}: edit the code, not this -->`;
    const end = `<!-- end of ${name} -->`;
    const at = text.indexOf(begin);
    const to = text.indexOf(end);
    if (at < 0 || to < at || text.indexOf(begin, at + 1) >= 0 || text.indexOf(end, to + 1) >= 0)
      throw new ReadmeMarkersError(`README.md must hold the markers of ${name} once each, in order: ${begin} … ${end}`);
    text = `${text.slice(0, at + begin.length)}\n${render(sources)}\n${text.slice(to)}`;
  }
  return text;
}
