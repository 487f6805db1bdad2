/**
 * One attempt: fetch, then read the body, under a deadline. No abort signal is handed to `fetch`
 * for the deadline: on Node 20 a per-request signal costs undici about as much CPU as the rest of
 * the client together. The deadline instead rejects on its own (so even a `fetch` that never
 * settles cannot hang the caller), cancels the body being read (which releases the connection),
 * and cancels the body of an answer that arrives after it. A caller's own signal is handed to
 * `fetch` as usual.
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
  reject: (reason: unknown) => void;
  timeoutMs: number;
}

function stop(deadline: Deadline, reason: unknown): void {
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
  const deadline: Deadline = { expired: false, reject: noop, timeoutMs: limits.timeoutMs, reader: undefined };
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
    return await Promise.race([fetchAndRead(fetchImpl, url, init, limits.maxResponseBytes, deadline), ended]);
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
