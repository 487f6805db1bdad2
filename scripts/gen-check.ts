/** `npm run gen:check`: fails with a unified diff when generated/ no longer matches the spec. */
import { loadSpec } from "../src/spec-build/load";
import { generateArtefacts } from "../src/codegen/generate";
import { findStaleFiles } from "../src/codegen/check";
import { SPEC_PATH, GENERATED_DIR, fromRoot, runMain } from "./cli";

const MAX_DIFF_LINES = 200;

runMain(async () => {
  const artefacts = await generateArtefacts(loadSpec(fromRoot(SPEC_PATH)));
  const stale = findStaleFiles(fromRoot(GENERATED_DIR), artefacts);
  if (stale.length === 0) {
    console.log(`gen:check: ${GENERATED_DIR}/ is up to date with ${SPEC_PATH}`);
    return 0;
  }
  for (const file of stale) {
    const lines = file.diff.split("\n");
    console.error(lines.slice(0, MAX_DIFF_LINES).join("\n"));
    if (lines.length > MAX_DIFF_LINES) console.error(`… ${lines.length - MAX_DIFF_LINES} more diff lines in ${file.file}`);
  }
  console.error(`\ngen:check: ${stale.length} generated file(s) out of date with ${SPEC_PATH}: ${stale.map((s) => `${s.file} (${s.kind})`).join(", ")}`);
  console.error("Fix: run `npm run gen` and commit generated/.");
  return 1;
});
