/**
 * `npm run gen` (wipes generated/ and rewrites it from the spec; writes the README's check table
 * and the configuration file's schema from the code) and `npm run gen:check`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineCommand, optionRows } from "./command";
import { fromRoot, GENERATED_DIR, SPEC_PATH } from "./repository";

const MAX_DIFF_LINES = 200;

/** The generator is loaded when a command runs, not when it is declared: `--help` needs none of it. */
async function generateFromSpec() {
  const [{ generateArtefacts }, { loadSpec }] = await Promise.all([
    import("../codegen/generate"),
    import("../spec-build/load"),
  ]);
  return generateArtefacts(loadSpec(fromRoot(SPEC_PATH)), SPEC_PATH);
}

/** Files outside generated/ that gen writes from the code: as they are, and as they should be. */
async function derivedFiles(): Promise<Array<{ file: string; have: string; want: string }>> {
  const [{ ALL_CHECKS }, { RUN_FILES }, { PAGE_TABLES, withTables }, { driftConfigSchema }, { DRIFT_OPTIONS }] =
    await Promise.all([
      import("../checks"),
      import("../drift/report/write"),
      import("../codegen/readme-tables"),
      import("./drift-config"),
      import("./drift-plan"),
    ]);
  const sources = { checks: ALL_CHECKS, runFiles: RUN_FILES, driftFlags: optionRows(DRIFT_OPTIONS) };
  const read = (file: string) => (existsSync(fromRoot(file)) ? readFileSync(fromRoot(file), "utf8") : undefined);
  // A page this checkout does not have (a copy of the project made to regenerate a spec) holds no table to keep.
  const pages = Object.keys(PAGE_TABLES).flatMap((file) => {
    const have = read(file);
    return have === undefined ? [] : [{ file, have, want: withTables(file, have, sources) }];
  });
  return [
    ...pages,
    {
      file: "drift-config.schema.json",
      have: read("drift-config.schema.json") ?? "",
      want: `${JSON.stringify(driftConfigSchema(), null, 2)}\n`,
    },
  ];
}

export const genCommand = defineCommand({
  invocation: "npm run gen --",
  summary: `Wipes ${GENERATED_DIR}/ and writes it anew from ${SPEC_PATH}: types, the operation index, the spec facts and the validators; writes the tables of README.md and docs/drift.md and drift-config.schema.json from the code.`,
  options: {},
  async run(_args, io) {
    const started = Date.now();
    const artefacts = await generateFromSpec();
    const dir = fromRoot(GENERATED_DIR);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(artefacts)) writeFileSync(join(dir, name), content);
    const changed = (await derivedFiles()).filter((f) => f.want !== f.have);
    for (const { file, want } of changed) writeFileSync(fromRoot(file), want);
    io.stdout.write(
      `gen: wrote ${Object.keys(artefacts).length} files to ${GENERATED_DIR}/${changed.map((f) => ` and ${f.file}`).join("")} in ${Date.now() - started} ms\n`,
    );
    return 0;
  },
});

export const genCheckCommand = defineCommand({
  invocation: "npm run gen:check --",
  summary: `Fails with a unified diff when ${GENERATED_DIR}/ no longer matches ${SPEC_PATH}, or a page's tables or drift-config.schema.json the code. Exit 0 when fresh, 1 when stale.`,
  options: {},
  async run(_args, io) {
    const artefacts = await generateFromSpec();
    const { findStaleFiles, staleText } = await import("../codegen/check");
    const stale = [
      ...findStaleFiles(fromRoot(GENERATED_DIR), artefacts),
      ...(await derivedFiles()).flatMap((f) => staleText(f.file, f.have, f.want)),
    ];
    if (stale.length === 0) {
      io.stdout.write(
        `gen:check: ${GENERATED_DIR}/ is up to date with ${SPEC_PATH}, the pages' tables and drift-config.schema.json with the code\n`,
      );
      return 0;
    }
    for (const file of stale) {
      const lines = file.diff.split("\n");
      io.stderr.write(`${lines.slice(0, MAX_DIFF_LINES).join("\n")}\n`);
      if (lines.length > MAX_DIFF_LINES)
        io.stderr.write(`… ${lines.length - MAX_DIFF_LINES} more diff lines in ${file.file}\n`);
    }
    io.stderr.write(
      `\ngen:check: ${stale.length} generated file(s) out of date with ${SPEC_PATH} or the catalogue: ${stale.map((s) => `${s.file} (${s.kind})`).join(", ")}\n`,
    );
    io.stderr.write("Fix: run `npm run gen` and commit what it wrote.\n");
    return 1;
  },
});
