/**
 * The action's commands, one file each (`action/*.mjs`): a bin with every runtime dependency it
 * needs inlined, so a workflow runs it with the job's own Node and installs nothing. Committed
 * like `generated/`, and checked fresh by `npm run bundle:check`.
 *
 * Undici stays out (the client loads it by a name, not a literal import): the bundled client then
 * talks through Node's own `fetch`, as the client does wherever undici cannot be loaded.
 */
import { build } from "esbuild";
import { join } from "node:path";

/** Each file of the action, by the bin it is made from. */
export const ACTION_BUNDLES = {
  "action/sip-endpoints-drift.mjs": "src/bin/sip-endpoints-drift.ts",
  "action/sip-endpoints-issues.mjs": "src/bin/sip-endpoints-issues.ts",
} as const;

export type ActionBundle = keyof typeof ACTION_BUNDLES;

/** esbuild's CommonJS shims need a `require` inside an ES module (yaml and fast-xml-parser use it). */
const REQUIRE_SHIM =
  'import { createRequire as __bundleRequire } from "node:module";\nconst require = __bundleRequire(import.meta.url);';

export async function buildActionBundle(root: string, file: ActionBundle): Promise<string> {
  const result = await build({
    entryPoints: [join(root, ACTION_BUNDLES[file])],
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    legalComments: "none",
    banner: { js: REQUIRE_SHIM },
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}
