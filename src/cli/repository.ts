/**
 * Where the repository's own commands (gen, lint, bench, fuzz, soak) find things, and the
 * credentials several of them read. Not part of the package: only the mock and drift commands are.
 */
import { resolve } from "node:path";
import { UsageError } from "./command";

export const ROOT = resolve(__dirname, "../..");
export const SPEC_PATH = "openapi/openapi.yaml";
export const GENERATED_DIR = "generated";

export const fromRoot = (relative: string) => resolve(ROOT, relative);

/** Both variables, or neither; one alone is a half-done setup and is refused, never ignored. */
export function credentialsFromEnv(env: Record<string, string | undefined>): { projectId: string; apiToken: string } | undefined {
  const projectId = env.SIGNALWIRE_PROJECT_ID || undefined;
  const apiToken = env.SIGNALWIRE_API_TOKEN || undefined;
  if (projectId && apiToken) return { projectId, apiToken };
  if (projectId || apiToken) {
    throw new UsageError(`${projectId ? "SIGNALWIRE_PROJECT_ID" : "SIGNALWIRE_API_TOKEN"} is set but ${projectId ? "SIGNALWIRE_API_TOKEN" : "SIGNALWIRE_PROJECT_ID"} is not: set both, or neither for the mock's demo pair`);
  }
  return undefined;
}
