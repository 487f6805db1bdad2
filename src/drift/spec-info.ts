/** Which spec a report was judged against: its path in the repository and the hash of its text. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export const SPEC_PATH = "openapi/openapi.yaml";

export function specInfo(root = resolve(__dirname, "..", "..")): { path: string; sha256: string } {
  const text = readFileSync(resolve(root, SPEC_PATH));
  return { path: SPEC_PATH, sha256: createHash("sha256").update(text).digest("hex") };
}
