/** `npm run bundle` (writes the action's one-file drift command) and `npm run bundle:check`. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { defineCommand } from "./command";
import { fromRoot, ROOT } from "./repository";

/** The bundler is loaded when a command runs, not when it is declared: `--help` needs none of it. */
async function bundles(): Promise<Array<{ file: string; text: string }>> {
  const { ACTION_BUNDLES, buildActionBundle } = await import("../codegen/action-bundle");
  return Promise.all(
    (Object.keys(ACTION_BUNDLES) as Array<keyof typeof ACTION_BUNDLES>).map(async (file) => ({
      file,
      text: await buildActionBundle(ROOT, file),
    })),
  );
}

export const bundleCommand = defineCommand({
  invocation: "npm run bundle --",
  summary: "Writes the GitHub Action's commands (action/*.mjs), one file each with its runtime dependencies inlined.",
  options: {},
  async run(_args, io) {
    for (const { file, text } of await bundles()) {
      mkdirSync(dirname(fromRoot(file)), { recursive: true });
      writeFileSync(fromRoot(file), text);
      io.stdout.write(`bundle: wrote ${file} (${Math.round(text.length / 1024)} KiB)\n`);
    }
    return 0;
  },
});

export const bundleCheckCommand = defineCommand({
  invocation: "npm run bundle:check --",
  summary:
    "Fails when a committed action/*.mjs is not what npm run bundle makes of src/ today. Exit 0 when fresh, 1 when stale.",
  options: {},
  async run(_args, io) {
    let stale = 0;
    for (const { file, text } of await bundles()) {
      let committed: string | undefined;
      try {
        committed = readFileSync(fromRoot(file), "utf8").replace(/\r\n/g, "\n");
      } catch {
        committed = undefined;
      }
      if (committed === text) continue;
      stale++;
      const where =
        committed === undefined
          ? "it is missing"
          : `from line ${firstDifference(committed, text)} on, it differs from what src/ makes`;
      io.stderr.write(`bundle:check: ${file} is out of date: ${where}.\n`);
    }
    if (stale === 0) {
      io.stdout.write("bundle:check: action/ is up to date with src/\n");
      return 0;
    }
    io.stderr.write("Fix: run `npm run bundle` and commit action/.\n");
    return 1;
  },
});

function firstDifference(a: string, b: string): number {
  const left = a.split("\n");
  const right = b.split("\n");
  let line = 0;
  while (line < left.length && left[line] === right[line]) line++;
  return line + 1;
}
