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
    stale.push(...staleText(shown, readFileSync(path, "utf8"), want));
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

/** A file whose text is not what `npm run gen` would write, with the diff; none when it is. */
export function staleText(file: string, have: string, want: string): StaleFile[] {
  const committed = normalise(have);
  if (committed === want) return [];
  return [
    {
      file,
      kind: "changed",
      diff: createTwoFilesPatch(file, file, committed, want, "committed", "from npm run gen", { context: 3 }),
    },
  ];
}
