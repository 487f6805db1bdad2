/**
 * Compares freshly generated artefacts with the files on disk. Returns the differences as data;
 * the CLI decides how to print them.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createTwoFilesPatch } from "diff";
import type { Artefacts } from "./generate";

export interface StaleFile {
  file: string;
  kind: "missing" | "changed" | "extra";
  /** Unified diff from what is on disk to what `npm run gen` would write. */
  diff: string;
}

const normalise = (text: string) => text.replace(/\r\n/g, "\n");

export function findStaleFiles(dir: string, expected: Artefacts): StaleFile[] {
  const stale: StaleFile[] = [];
  const onDisk = existsSync(dir) ? readdirSync(dir) : [];
  for (const [name, want] of Object.entries(expected)) {
    const path = join(dir, name);
    const shown = `generated/${name}`;
    if (!onDisk.includes(name)) {
      stale.push({
        file: shown,
        kind: "missing",
        diff: createTwoFilesPatch("/dev/null", shown, "", want, "", "", { context: 3 }),
      });
      continue;
    }
    const have = normalise(readFileSync(path, "utf8"));
    if (have !== want) {
      stale.push({
        file: shown,
        kind: "changed",
        diff: createTwoFilesPatch(shown, shown, have, want, "committed", "from the spec", { context: 3 }),
      });
    }
  }
  for (const name of onDisk) {
    if (!(name in expected)) {
      stale.push({
        file: `generated/${name}`,
        kind: "extra",
        diff: `generated/${name} is not produced by the generator any more\n`,
      });
    }
  }
  return stale;
}
