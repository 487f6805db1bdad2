/**
 * Measured servers and the drift job run in child processes, so the process generating load or
 * timing calls does not share an event loop (or a heap) with what it measures. A child gets its
 * settings in an `init` message, answers `ready` (a server) or `done` (a job), and a server
 * closes and exits on `stop`.
 */
import { fork, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** The TypeScript loader for the children, resolved from this project rather than from the current directory. */
const TSX_LOADER = pathToFileURL(require.resolve("tsx")).href;

export type ChildEntry = "mock-server" | "fixed-http" | "drift-run";

export interface ChildMessage<T = unknown> {
  type: "ready" | "done" | "failed";
  payload?: T;
  error?: string;
}

export interface RunningChild<T> {
  payload: T;
  process: ChildProcess;
  /** Asks the child to stop and waits for its exit (killing it if it does not go within 5 s). */
  stop(): Promise<void>;
}

class ChildFailed extends Error {
  override name = "ChildFailed";
}

export function forkChild(entry: ChildEntry): ChildProcess {
  return fork(resolve(__dirname, "child", `${entry}.ts`), [], {
    execArgv: ["--import", TSX_LOADER],
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
}

/**
 * Waits for the child's first `ready`, `done` or `failed` message. Rejects with what the child
 * wrote to stderr when it exits or times out first.
 */
export function awaitMessage<T>(child: ChildProcess, what: string, timeoutMs: number): Promise<T> {
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  return new Promise<T>((resolvePromise, reject) => {
    const fail = (why: string) => {
      cleanup();
      reject(new ChildFailed(`${what}: ${why}${stderr.trim() ? `\n${stderr.trim()}` : ""}`));
    };
    const onMessage = (message: ChildMessage<T>) => {
      if (message.type === "failed") return fail(message.error ?? "failed");
      cleanup();
      resolvePromise(message.payload as T);
    };
    const onExit = (code: number | null, signal: string | null) => fail(`exited early (${signal ?? `code ${code}`})`);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(`no answer within ${timeoutMs} ms`);
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolvePromise();
    });
  });
}

/** Starts a server child and waits until it listens. */
export async function startServerChild<T>(
  entry: ChildEntry,
  init: unknown,
  timeoutMs = 60_000,
): Promise<RunningChild<T>> {
  const child = forkChild(entry);
  child.send({ type: "init", ...(init as object) });
  try {
    const payload = await awaitMessage<T>(child, entry, timeoutMs);
    return {
      payload,
      process: child,
      stop: async () => {
        if (child.connected) child.send({ type: "stop" });
        await waitForExit(child, 5_000);
      },
    };
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
}
