/** Running commands to completion (npm, the generator) with a time limit. */
import { spawn } from "node:child_process";

export interface Finished {
  code: number | null;
  ms: number;
  /** The first and last part of stderr and stdout, for an error message (npm says why first, then a stack). */
  head: string;
  tail: string;
}

export function runCommand(
  command: string,
  args: string[],
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<Finished> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let head = "";
    let tail = "";
    const keep = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      if (head.length < 1500) head = (head + text).slice(0, 1500);
      tail = (tail + text).slice(-1500);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(() => {
      tail += `\n(stopped after ${options.timeoutMs} ms)`;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      resolve({
        code: null,
        ms: performance.now() - started,
        head: head || error.message,
        tail: `${tail}\n${error.message}`,
      });
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, ms: performance.now() - started, head, tail });
    });
  });
}

/** npm as the bench was started with it (`npm run` sets `npm_execpath`), else the one on PATH. */
export function npmCommand(args: string[]): [string, string[]] {
  const cli = process.env.npm_execpath;
  return cli && /npm-cli\.js$/.test(cli) ? [process.execPath, [cli, ...args]] : ["npm", args];
}
