/**
 * What the drift command prints while it runs: one rewritten line on a terminal, a plain line per
 * step otherwise (CI logs). When nothing has happened for a while (a target that does not answer),
 * it says so, so a log never looks hung.
 */
import type { ProgressEvent } from "../drift";
import type { CommandIo } from "./command";

/** How long without a step or an answer before the printer says it is still waiting, and again after each as long. */
export const WAIT_NOTE_MS = 5_000;

export function progressPrinter(
  stream: CommandIo["stderr"],
  tty: boolean,
  now: () => number = Date.now,
): { onProgress: (event: ProgressEvent) => void; done: () => void } {
  let lastStep = "";
  let drawn = false;
  let lastEvent = now();
  const timer = setInterval(() => {
    const waited = now() - lastEvent;
    if (lastStep === "" || waited < WAIT_NOTE_MS) return;
    const note = `  … ${lastStep}: still waiting for an answer (${Math.floor(waited / 1000)} s)`;
    stream.write(tty ? `\r\u001b[2K${note}` : `${note}\n`);
    drawn = tty;
  }, WAIT_NOTE_MS);
  // The printer never keeps the process alive on its own.
  timer.unref();
  return {
    onProgress: (event) => {
      lastEvent = now();
      if (tty) {
        stream.write(`\r\u001b[2K  ${event.step} — ${event.requests} requests, ${event.findings} findings`);
        drawn = true;
      } else if (event.step !== lastStep) {
        stream.write(`  ${event.step}\n`);
      }
      lastStep = event.step;
    },
    done: () => {
      clearInterval(timer);
      if (drawn) stream.write("\r\u001b[2K");
      drawn = false;
    },
  };
}
