/** Broken copies of the real spec, written to a fresh temp folder per test file. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const REAL_SPEC = resolve(__dirname, "../../openapi/openapi.yaml");
export const realSpecText = () => readFileSync(REAL_SPEC, "utf8");

/** Replaces exactly one occurrence, so a spec edit that no longer applies fails loudly instead of testing nothing. */
export function replaceOnce(text: string, find: string, replacement: string): string {
  const first = text.indexOf(find);
  if (first < 0) throw new Error(`spec copy: text not found: ${JSON.stringify(find)}`);
  if (text.indexOf(find, first + 1) >= 0)
    throw new Error(`spec copy: text found more than once: ${JSON.stringify(find)}`);
  return text.slice(0, first) + replacement + text.slice(first + find.length);
}

/** 1-based line of the only line containing `snippet` (starting with it, when it begins with `^`). */
export function lineContaining(text: string, snippet: string): number {
  const lines = text.split("\n");
  const found = snippet.startsWith("^")
    ? (line: string) => line.startsWith(snippet.slice(1))
    : (line: string) => line.includes(snippet);
  const hits = lines.flatMap((line, i) => (found(line) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`expected one line with ${JSON.stringify(snippet)}, found ${hits.length}`);
  return hits[0]!;
}

export interface TempDir {
  path: string;
  write(name: string, text: string): string;
  remove(): void;
}

export function tempDir(prefix: string): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    write: (name, text) => {
      const file = join(path, name);
      writeFileSync(file, text);
      return file;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
