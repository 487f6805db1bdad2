/**
 * One attempt: fetch, then read the body, under a deadline. The deadline aborts the request (so
 * the socket is released) and also rejects on its own, so even a `fetch` that ignores its signal
 * cannot hang the caller. Written without per-attempt event listeners: they are the costliest
 * part of an attempt after the request itself.
 */
import { BodyTooLarge, readBodyText } from "./body";
import type { FetchLike } from "./types";

export interface Attempted {
  response: Response;
  bodyText: string;
}

/** Why an attempt ended without a response. */
export class AttemptFailure {
  constructor(
    readonly kind: "timeout" | "network" | "aborted",
    readonly cause: unknown,
  ) {}
}

interface Deadline {
  controller: AbortController;
  reject: (reason: unknown) => void;
  timedOut: boolean;
  timeoutMs: number;
}

function expire(deadline: Deadline): void {
  deadline.timedOut = true;
  const reason = new Error(`no complete answer within ${deadline.timeoutMs} ms`);
  deadline.controller.abort(reason);
  deadline.reject(reason);
}

export async function attempt(
  fetchImpl: FetchLike,
  url: string,
  init: RequestInit,
  limits: { timeoutMs: number; maxResponseBytes: number },
  userSignal: AbortSignal | undefined,
): Promise<Attempted> {
  if (userSignal?.aborted) throw new AttemptFailure("aborted", userSignal.reason);
  const controller = new AbortController();
  const deadline: Deadline = { controller, reject: noop, timedOut: false, timeoutMs: limits.timeoutMs };
  const expired = new Promise<never>((_resolve, reject) => {
    deadline.reject = reject;
  });
  const timer = setTimeout(expire, limits.timeoutMs, deadline);
  let onUserAbort: (() => void) | undefined;
  if (userSignal) {
    onUserAbort = () => {
      controller.abort(userSignal.reason);
      deadline.reject(userSignal.reason);
    };
    userSignal.addEventListener("abort", onUserAbort, { once: true });
  }
  init.signal = controller.signal;
  try {
    return await Promise.race([fetchAndRead(fetchImpl, url, init, limits.maxResponseBytes), expired]);
  } catch (error) {
    if (deadline.timedOut) throw new AttemptFailure("timeout", error);
    if (userSignal?.aborted) throw new AttemptFailure("aborted", error);
    if (error instanceof BodyTooLarge) throw error;
    throw new AttemptFailure("network", error);
  } finally {
    clearTimeout(timer);
    if (onUserAbort) userSignal?.removeEventListener("abort", onUserAbort);
  }
}

async function fetchAndRead(fetchImpl: FetchLike, url: string, init: RequestInit, maxBytes: number): Promise<Attempted> {
  const response = await fetchImpl(url, init);
  return { response, bodyText: await readBodyText(response, maxBytes) };
}

function noop(): void {}
