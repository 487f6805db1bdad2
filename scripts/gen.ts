/** `npm run gen`: wipes generated/ and rewrites it from openapi/openapi.yaml. */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadSpec } from "../src/spec-build/load";
import { generateArtefacts } from "../src/codegen/generate";
import { SPEC_PATH, GENERATED_DIR, fromRoot, runMain } from "./cli";

runMain(async () => {
  const started = Date.now();
  const artefacts = await generateArtefacts(loadSpec(fromRoot(SPEC_PATH)));
  const dir = fromRoot(GENERATED_DIR);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(artefacts)) writeFileSync(join(dir, name), content);
  console.log(`gen: wrote ${Object.keys(artefacts).length} files to ${GENERATED_DIR}/ in ${Date.now() - started} ms`);
  return 0;
});
