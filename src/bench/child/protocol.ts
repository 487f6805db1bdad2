/**
 * The child's side of the message protocol in `../children.ts`.
 */
import type { ChildMessage } from "../children";

/** Runs `body` with the parent's `init` message and reports its result, or its failure, back. */
export function onInit<I, T>(body: (init: I) => Promise<T>, type: "ready" | "done"): void {
  process.once("message", (message: I) => {
    body(message).then(
      (payload) => reply({ type, payload }),
      (error: unknown) => {
        reply({ type: "failed", error: error instanceof Error ? error.message : String(error) });
        process.exitCode = 1;
        process.disconnect?.();
      },
    );
  });
}

export function reply(message: ChildMessage): void {
  process.send?.(message);
}

/** Calls `close` when the parent says stop (or goes away), then lets the process end. */
export function onStop(close: () => Promise<void>): void {
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void close().finally(() => process.disconnect?.());
  };
  process.on("message", (message: { type?: string }) => {
    if (message.type === "stop") stop();
  });
  process.once("disconnect", stop);
}
