/**
 * One attempt: fetch, then read the body, under a deadline. When the deadline passes, the request
 * is aborted through the signal handed to `fetch`: without that, a server that never answers
 * keeps its socket, and the process that made the request, alive for minutes after the caller
 * has given up (undici's own header timeout is 300 s). The deadline also rejects on its own, so
 * an injected `fetch` that ignores signals cannot hang the caller either, and it cancels the body
 * of an answer that arrives after it. A per-request signal costs undici some CPU on Node 20;
 * `npm run bench` shows that cost, and correctness wins over it.
 */
import { BodyTooLarge, readBodyText, type ReaderSlot } from "./body";
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

interface Deadline extends ReaderSlot {
  expired: boolean;
  controller: AbortController;
  reject: (reason: unknown) => void;
  timeoutMs: number;
}

function stop(deadline: Deadline, reason: unknown): void {
  deadline.controller.abort(reason);
  if (deadline.reader) void deadline.reader.cancel(reason).catch(noop);
  deadline.reject(reason);
}

function expire(deadline: Deadline): void {
  deadline.expired = true;
  stop(deadline, new Error(`no complete answer within ${deadline.timeoutMs} ms`));
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
  const deadline: Deadline = { expired: false, controller, reject: noop, timeoutMs: limits.timeoutMs, reader: undefined };
  const ended = new Promise<never>((_resolve, reject) => {
    deadline.reject = reject;
  });
  const timer = setTimeout(expire, limits.timeoutMs, deadline);
  let onUserAbort: (() => void) | undefined;
  if (userSignal) {
    onUserAbort = () => stop(deadline, userSignal.reason);
    userSignal.addEventListener("abort", onUserAbort, { once: true });
  }
  try {
    const attemptInit: RequestInit = { ...init, signal: controller.signal };
    return await Promise.race([fetchAndRead(fetchImpl, url, attemptInit, limits.maxResponseBytes, deadline), ended]);
  } catch (error) {
    if (deadline.expired) throw new AttemptFailure("timeout", error);
    if (userSignal?.aborted) throw new AttemptFailure("aborted", error);
    if (error instanceof BodyTooLarge) throw error;
    throw new AttemptFailure("network", error);
  } finally {
    clearTimeout(timer);
    if (onUserAbort) userSignal?.removeEventListener("abort", onUserAbort);
  }
}

async function fetchAndRead(fetchImpl: FetchLike, url: string, init: RequestInit, maxBytes: number, deadline: Deadline): Promise<Attempted> {
  const response = await fetchImpl(url, init);
  if (deadline.expired) {
    // Nobody waits for this answer any more: drop its body so the connection is let go.
    void response.body?.cancel().catch(noop);
    throw new Error("answer arrived after the deadline");
  }
  return { response, bodyText: await readBodyText(response, maxBytes, deadline) };
}

function noop(): void {}
