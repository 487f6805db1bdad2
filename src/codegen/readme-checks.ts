/**
 * The README's table of checks, written from the catalogue: a check's id, severity and what makes
 * it fire are said once, in its module, and `npm run gen` puts them in the README between two
 * markers (`npm run gen:check` fails when the table there is another).
 */
import type { CheckInfo } from "../checks";

const BEGIN = "<!-- the check table, written by `npm run gen` from src/checks: edit the checks, not this -->";
const END = "<!-- end of the check table -->";

export class ReadmeMarkersError extends Error {
  override name = "ReadmeMarkersError";
}

function checkTable(checks: readonly CheckInfo<string>[]): string {
  const cell = (text: string) => text.replaceAll("|", "\\|");
  return [
    "| id | severity | fires when |",
    "|---|---|---|",
    ...checks.map((c) => `| \`${c.id}\` | ${c.severity} | ${cell(c.firesWhen)} |`),
  ].join("\n");
}

/** The README with its check table as the catalogue says; throws when the markers are not there once each. */
export function withCheckTable(readme: string, checks: readonly CheckInfo<string>[]): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin || readme.indexOf(BEGIN, begin + 1) >= 0 || readme.indexOf(END, end + 1) >= 0)
    throw new ReadmeMarkersError(
      `README.md must hold the check table's markers once each, in order: ${BEGIN} … ${END}`,
    );
  return `${readme.slice(0, begin + BEGIN.length)}\n${checkTable(checks)}\n${readme.slice(end)}`;
}
