/**
 * Where the repository's own commands (gen, lint, bench, fuzz, soak) find things, and the
 * credentials several of them read. Not part of the package: only the mock and drift commands are.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { specFacts } from "../../generated/spec-facts";
import { UsageError } from "./command";

export const ROOT = resolve(__dirname, "../..");
export const SPEC_PATH = "openapi/openapi.yaml";
export const GENERATED_DIR = "generated";

export const fromRoot = (relative: string) => resolve(ROOT, relative);

/** Both variables, or neither; one alone is a half-done setup and is refused, never ignored. */
export function credentialsFromEnv(
  env: Record<string, string | undefined>,
): { projectId: string; apiToken: string } | undefined {
  const projectId = env.SIGNALWIRE_PROJECT_ID || undefined;
  const apiToken = env.SIGNALWIRE_API_TOKEN || undefined;
  if (projectId && apiToken) return { projectId, apiToken };
  if (projectId || apiToken) {
    throw new UsageError(
      `${projectId ? "SIGNALWIRE_PROJECT_ID" : "SIGNALWIRE_API_TOKEN"} is set but ${projectId ? "SIGNALWIRE_API_TOKEN" : "SIGNALWIRE_PROJECT_ID"} is not: set both, or neither for the mock's demo pair`,
    );
  }
  return undefined;
}

/**
 * Why `generated/` cannot judge the spec in this checkout, if it cannot: the validators were made
 * from another text of `openapi/openapi.yaml` than the one here (edited without `npm run gen`).
 */
export function staleGenerated(root = ROOT): string | undefined {
  let text: Buffer;
  try {
    text = readFileSync(resolve(root, SPEC_PATH));
  } catch {
    return `${SPEC_PATH} cannot be read`;
  }
  const sha256 = createHash("sha256").update(text).digest("hex");
  if (sha256 === specFacts.sha256) return undefined;
  return `${GENERATED_DIR}/ was generated from another version of ${SPEC_PATH} (sha256 ${specFacts.sha256.slice(0, 12)}…, the file is ${sha256.slice(0, 12)}…): run \`npm run gen\` first, so the run judges the spec as it is`;
}
