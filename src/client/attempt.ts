/**
 * One attempt: send, then read the body, under a deadline. When the deadline passes, the request
 * is aborted through the wire: without that, a server that never answers
 * keeps its socket, and the process that made the request, alive for minutes after the caller
 * has given up (undici's own header timeout is 300 s). The deadline also rejects on its own, so
 * an injected `fetch` that ignores signals cannot hang the caller either, and it cancels the body
 * of an answer that arrives after it.
 */
import { BodyTooLarge } from "./body";
import type { InFlight, Wire, WireRequest, WireResponse } from "./wire";

export interface Attempted {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  bodyText: string;
}

/** Why an attempt ended without a usable response. */
export class AttemptFailure {
  constructor(
    readonly kind: "timeout" | "network" | "aborted" | "too-large",
    readonly cause: unknown,
    /** The status of the answer whose body was too large. */
    readonly status = 0,
  ) {}
}

interface Deadline {
  expired: boolean;
  inFlight: InFlight | undefined;
  reject: (reason: unknown) => void;
  timeoutMs: number;
  response: WireResponse | undefined;
}

function stop(deadline: Deadline, reason: unknown): void {
  deadline.inFlight?.abort(reason);
  deadline.response?.cancel(reason);
  deadline.reject(reason);
}

function expire(deadline: Deadline): void {
  deadline.expired = true;
  stop(deadline, new Error(`no complete answer within ${deadline.timeoutMs} ms`));
}

export async function attempt(
  wire: Wire,
  request: WireRequest,
  limits: { timeoutMs: number; maxResponseBytes: number },
  userSignal: AbortSignal | undefined,
): Promise<Attempted> {
  if (userSignal?.aborted) throw new AttemptFailure("aborted", userSignal.reason);
  const deadline: Deadline = {
    expired: false,
    inFlight: undefined,
    reject: noop,
    timeoutMs: limits.timeoutMs,
    response: undefined,
  };
  const ended = new Promise<never>((_resolve, reject) => {
    deadline.reject = reject;
  });
  const timer = setTimeout(expire, limits.timeoutMs, deadline);
  let onUserAbort: (() => void) | undefined;
  if (userSignal) {
    onUserAbort = () => stop(deadline, userSignal.reason);
    userSignal.addEventListener("abort", onUserAbort);
  }
  try {
    return await Promise.race([sendAndRead(wire, request, limits.maxResponseBytes, deadline), ended]);
  } catch (error) {
    if (error instanceof AttemptFailure) throw error;
    if (deadline.expired) throw new AttemptFailure("timeout", error);
    if (userSignal?.aborted) throw new AttemptFailure("aborted", error);
    throw new AttemptFailure("network", error);
  } finally {
    clearTimeout(timer);
    if (onUserAbort) userSignal?.removeEventListener("abort", onUserAbort);
  }
}

async function sendAndRead(wire: Wire, request: WireRequest, maxBytes: number, deadline: Deadline): Promise<Attempted> {
  deadline.inFlight = wire(request);
  const response = await deadline.inFlight.response;
  if (deadline.expired) {
    // Nobody waits for this answer any more: drop its body so the connection is let go.
    response.cancel(undefined);
    // Stryker disable next-line StringLiteral: nobody hears this rejection; the race ended at the deadline.
    throw new Error("answer arrived after the deadline");
  }
  deadline.response = response;
  try {
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      bodyText: await response.text(maxBytes),
    };
  } catch (error) {
    if (error instanceof BodyTooLarge) throw new AttemptFailure("too-large", error, response.status);
    throw error;
  }
}

function noop(): void {}
