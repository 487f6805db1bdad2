/** What every command-line entry point shares: where things are, and how a command ends. */
import { resolve } from "node:path";

export const ROOT = resolve(__dirname, "..");
export const SPEC_PATH = "openapi/openapi.yaml";
export const GENERATED_DIR = "generated";

export const fromRoot = (relative: string) => resolve(ROOT, relative);

/**
 * Runs a command's body and exits with its code. An unexpected error prints its message (not a
 * stack of library frames) and exits 2, the code every script uses for "could not do the job".
 */
export function runMain(body: () => Promise<number>): void {
  body().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? `error: ${error.message}` : `error: ${String(error)}`);
      if (process.env.DEBUG && error instanceof Error) console.error(error.stack);
      process.exitCode = 2;
    },
  );
}
