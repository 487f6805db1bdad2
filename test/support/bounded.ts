/**
 * Hang guards for the hostile suites: a result within a bound derived from the configured limits
 * (not a speed assertion: the bound is generous, and only a hang exceeds it), and a script run as
 * a child process, asynchronously, so servers in this process keep answering it.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";

const ROOT = resolve(__dirname, "..", "..");

/** `work`, or a rejection saying `what` hung once `ms` have passed. */
export async function within<T>(ms: number, work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new HangError(`${what} did not end within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, guard]);
  } finally {
    clearTimeout(timer);
  }
}

export class HangError extends Error {
  override name = "HangError";
}

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `scripts/<name>.ts` with tsx from the repository root, with only PATH and `env` in its environment. */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
  hangAfterMs = 60_000,
): Promise<ScriptRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const guard = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new HangError(`${script} did not end within ${hangAfterMs} ms`));
    }, hangAfterMs);
    child.on("error", fail);
    child.on("close", (code) => {
      clearTimeout(guard);
      done({ code, stdout, stderr });
    });
  });
}
