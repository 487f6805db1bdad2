/**
 * The README's tables describe registries of the code: every check of the catalogue with its
 * severity (the table `npm run gen` writes), every fault profile with the checks it names, every file a run writes, every command
 * of package.json and every bin. Each table holds exactly what its registry holds.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ALL_CHECKS } from "../src/checks";
import { FAULT_NAMES, FAULT_PROFILES, type FaultName } from "../src/mock";
import { HAR_FILE, REPORT_FILES, SUGGESTION_FILES } from "../src/drift";
import { RUN_FILES } from "../src/drift/report/write";
import { TableMarkersError, withTables } from "../src/codegen/readme-tables";
import { flagOf, optionRows } from "../src/cli/command";
import { DRIFT_OPTIONS } from "../src/cli/drift-plan";

const SOURCES = { checks: ALL_CHECKS, runFiles: RUN_FILES, driftFlags: optionRows(DRIFT_OPTIONS) };

const ROOT = resolve(__dirname, "..");
const readme = readFileSync(resolve(ROOT, "README.md"), "utf8").split("\n");
const pkg = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  bin: Record<string, string>;
};

/** The body rows of the table whose header row starts with `header`, as arrays of cells. */
function table(header: string): string[][] {
  const start = readme.findIndex((line) => line.startsWith(header));
  if (start < 0) throw new Error(`the README has no table headed ${header}`);
  const rows: string[][] = [];
  for (const line of readme.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

/** The backticked names in a cell. */
const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
const sorted = (list: Iterable<string>) => [...list].sort();
const CHECK_IDS = new Set<string>(ALL_CHECKS.map((c) => c.id));

test("the check table: as npm run gen writes it from the catalogue, every check once in report order", () => {
  const text = readme.join("\n");
  expect(withTables("README.md", text, SOURCES)).toBe(text);
  expect(table("| id | severity |").map(([id, severity]) => `${names(id!).join()} ${severity}`)).toEqual(
    ALL_CHECKS.map((c) => `${c.id} ${c.severity}`),
  );
});

test("the tables are rewritten from their sources between their markers, and nowhere else", () => {
  const text = readme.join("\n");
  const edited = text
    .replace(/\n\| `field-missing` \|[^\n]*/, "")
    .replace("| `body-not-json` | breaking |", "| `body-not-json` | info |");
  expect(edited).not.toBe(text);
  const alsoFiles = edited.replace(/\n\| `junit\.xml` \|[^\n]*/, "");
  expect(alsoFiles).not.toBe(edited);
  expect(withTables("README.md", alsoFiles, SOURCES)).toBe(text);
  for (const marker of ["<!-- end of the check table -->", "<!-- end of the table of a run's files -->"])
    expect(() => withTables("README.md", text.replace(marker, ""), SOURCES)).toThrow(TableMarkersError);
});

test("docs/drift.md's table of flags: every option of the drift command once, as its help says it", () => {
  const page = readFileSync(resolve(ROOT, "docs/drift.md"), "utf8");
  expect(withTables("docs/drift.md", page, SOURCES)).toBe(page);
  const flags = page
    .split("\n")
    .filter((line) => line.startsWith("| `--"))
    .map((line) => /^\| `(--[\w-]+)/.exec(line)![1]);
  expect(flags).toEqual(Object.entries(DRIFT_OPTIONS).map(([key, o]) => flagOf(key, o)));
});

test("the fault table: every profile once, naming exactly the checks its profile names", () => {
  const rows = table("| fault | drift | found by |").map(([fault, , foundBy]) => ({
    fault: names(fault!).join(),
    checks: sorted(names(foundBy!).filter((name) => CHECK_IDS.has(name))),
  }));
  expect(sorted(rows.map((r) => r.fault))).toEqual(sorted(FAULT_NAMES));
  for (const row of rows)
    expect({ fault: row.fault, checks: row.checks }).toEqual({
      fault: row.fault,
      checks: sorted(FAULT_PROFILES[row.fault as FaultName].checks),
    });
});

test("the table of a run's files: every file a run writes, and no other", () => {
  const files = table("| file | holds |").map(([file]) => names(file!).join());
  expect(sorted(files)).toEqual(sorted([...REPORT_FILES, HAR_FILE, ...Object.values(SUGGESTION_FILES)]));
});

test("the commands table: every script of package.json and every bin, and nothing that is neither", () => {
  const commands = table("| command | does |").flatMap(([command]) => names(command!));
  const scripts = commands.flatMap((c) =>
    c === "npm test" ? ["test"] : (/^npm run ([\w:-]+)/.exec(c)?.slice(1) ?? []),
  );
  const bins = commands.flatMap((c) => /^npx ([\w-]+)/.exec(c)?.slice(1) ?? []);
  expect(commands.filter((c) => !/^(npm test|npm run [\w:-]+|npx [\w-]+)/.test(c))).toEqual([]);
  // `prepare` is npm's lifecycle hook for `build`, which has its row.
  expect(sorted(new Set(scripts))).toEqual(sorted(Object.keys(pkg.scripts).filter((s) => s !== "prepare")));
  expect(sorted(new Set(bins))).toEqual(sorted(Object.keys(pkg.bin)));
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");

test("every link from the README and docs/ to a file of the repository leads to it, and to its heading", () => {
  const pages = [
    "README.md",
    ...readdirSync(resolve(ROOT, "docs"))
      .filter((f) => f.endsWith(".md"))
      .map((f) => `docs/${f}`),
  ];
  const broken: string[] = [];
  for (const page of pages) {
    const text = readFileSync(resolve(ROOT, page), "utf8");
    for (const [, target] of text.matchAll(/\]\(((?!https?:)[^)\s]+)\)/g)) {
      const [file, anchor] = target!.split("#");
      const path = file ? resolve(ROOT, page, "..", file) : resolve(ROOT, page);
      if (!existsSync(path)) {
        broken.push(`${page}: ${target}`);
        continue;
      }
      const headings = readFileSync(path, "utf8")
        .split("\n")
        .filter((line) => /^#{1,6} /.test(line))
        .map((line) => slug(line.replace(/^#+ /, "")));
      if (anchor && !headings.includes(anchor)) broken.push(`${page}: ${target}`);
    }
  }
  expect(broken).toEqual([]);
});
