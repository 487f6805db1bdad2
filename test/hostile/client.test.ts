/**
 * The typed client against the table of hostile servers. Each row: the client raises the typed
 * error the misbehaviour calls for, within its configured time and memory limits (a hang guard
 * derived from the limits, and the bytes the server got to send), never sends anything (let alone
 * credentials) to another host, never lets the canary secrets into an error or an exchange, and
 * never lets a hostile body touch `Object.prototype`.
 */
import { inspect } from "node:util";
import { randomUUID } from "node:crypto";
import {
  ApiError,
  createSipEndpointsClient,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  PaginationError,
  RateLimitError,
  ResponseTooLargeError,
  ServerError,
  SipEndpointsError,
  TimeoutError,
  type ClientExchange,
  type SipEndpointsClient,
} from "../../src/client";
import type { Finding } from "../../src/checks";
import { startMockServer, type MockServer } from "../../src/mock";
import { HangError, within } from "../support/bounded";
import { CANARY, expectNoCanary } from "../support/canary";
import { HUGE_BYTES, type HostileName } from "../support/hostile-behaviours";
import { startHostile, startRecorder, type HostileServer, type Recorder } from "../support/hostile-servers";

/**
 * Small limits, so every row ends quickly; the same limits bound the hang guard. The short
 * timeout is only for rows whose expected end is that timeout (a server that stalls or trickles
 * forever): every other row gets one far longer than its own end (an answer, the size cap, a
 * reset) takes on a busy machine, so no row races a short clock against real work.
 */
const LIMITS = { timeoutMs: 100, generousTimeoutMs: 5_000, maxResponseBytes: 64 * 1024, maxAttempts: 3 };
/** The hang guard: every attempt may use its whole (short) timeout; retry waits are injected and instant. */
const BOUND_MS = LIMITS.maxAttempts * LIMITS.timeoutMs + 3_000;
/** The hang guard of a row with the generous timeout: its end never waits for that timeout. */
const GENEROUS_BOUND_MS = LIMITS.generousTimeoutMs - 500;
/** A client that stops reading at the limit lets the server hand over at most this much (socket buffers included). */
const READ_BOUND_BYTES = 8 * 1024 * 1024;

interface Probe {
  client: SipEndpointsClient;
  sleeps: number[];
  exchanges: ClientExchange[];
  findings: Finding[];
}

function probe(server: HostileServer, timeoutMs = LIMITS.timeoutMs): Probe {
  const sleeps: number[] = [];
  const exchanges: ClientExchange[] = [];
  const findings: Finding[] = [];
  const client = createSipEndpointsClient({
    baseUrl: server.baseUrl,
    projectId: CANARY.projectId,
    apiToken: CANARY.apiToken,
    env: {},
    timeoutMs,
    maxResponseBytes: LIMITS.maxResponseBytes,
    validateResponses: "throw",
    retry: { maxAttempts: LIMITS.maxAttempts, random: () => 0, sleep: async (ms) => void sleeps.push(ms) },
    onExchange: (exchange) => exchanges.push(exchange),
    onFindings: (found) => findings.push(...found),
  });
  return { client, sleeps, exchanges, findings };
}

async function outcome(work: Promise<unknown>, bound = BOUND_MS): Promise<{ value?: unknown; error?: unknown }> {
  try {
    return { value: await within(bound, work, "the client") };
  } catch (error) {
    if (error instanceof HangError) throw error;
    return { error };
  }
}

const collect = async (pages: AsyncIterable<unknown>) => {
  const all: unknown[] = [];
  for await (const item of pages) all.push(item);
  return all;
};

const checksOf = (error: unknown) => ((error as { findings?: Finding[] }).findings ?? []).map((f) => f.check);

interface Row {
  name: HostileName;
  call: (p: Probe) => Promise<unknown>;
  /** The typed error, and what else it must say. */
  want: {
    error: new (...args: never[]) => SipEndpointsError;
    status?: number;
    attempts?: number;
    checks?: string[];
    message?: RegExp;
  };
  also?: (p: Probe, server: HostileServer, error: unknown) => void | Promise<void>;
}

/**
 * The connections the server saw the client close before their answer was finished. Closing is
 * the client's last act before it throws, but the server hears of it a few event-loop turns later.
 */
async function hangUps(server: HostileServer): Promise<number> {
  for (let waited = 0; server.sent.hungUp === 0 && waited < 2_000; waited += 10)
    await new Promise((resolve) => setTimeout(resolve, 10));
  return server.sent.hungUp;
}

/** The client let go of an answer it would not read to the end. */
const hangsUp = async (_p: Probe, server: HostileServer) => expect(await hangUps(server)).toBeGreaterThan(0);

const list = (p: Probe) => p.client.list();

const ROWS: Row[] = [
  {
    name: "html-error-page",
    call: list,
    want: { error: ServerError, status: 500, attempts: 1, checks: ["content-type-mismatch", "body-not-json"] },
  },
  { name: "truncated-json", call: list, want: { error: InvalidResponseError, status: 200, checks: ["body-not-json"] } },
  { name: "empty-200", call: list, want: { error: InvalidResponseError, status: 200, checks: ["body-not-json"] } },
  {
    name: "wrong-content-type",
    call: list,
    want: { error: InvalidResponseError, status: 200, checks: ["content-type-mismatch"] },
  },
  {
    name: "huge-declared",
    call: list,
    want: { error: ResponseTooLargeError, status: 200, attempts: 1 },
    also: async (p, server, error) => {
      expect((error as ResponseTooLargeError).limitBytes).toBe(LIMITS.maxResponseBytes);
      expect(server.sent.bytes).toBeLessThan(READ_BOUND_BYTES);
      await hangsUp(p, server);
    },
  },
  // Refused on the declared length alone: waiting for the body would end in a timeout instead.
  {
    name: "huge-declared-then-silent",
    call: list,
    want: { error: ResponseTooLargeError, status: 200, attempts: 1 },
    also: hangsUp,
  },
  {
    name: "huge-chunked",
    call: list,
    want: { error: ResponseTooLargeError, status: 200, attempts: 1 },
    also: async (p, server) => {
      expect(server.sent.bytes).toBeGreaterThan(LIMITS.maxResponseBytes);
      expect(server.sent.bytes).toBeLessThan(Math.min(READ_BOUND_BYTES, HUGE_BYTES));
      await hangsUp(p, server);
    },
  },
  // The cap counts the bytes after decompression, and the compressed stream is let go as well.
  { name: "gzip-endless", call: list, want: { error: ResponseTooLargeError, status: 200, attempts: 1 }, also: hangsUp },
  // A reset under the decompressor is a network failure, not a decoder left waiting for its deadline.
  { name: "gzip-reset-mid-body", call: list, want: { error: NetworkError, attempts: LIMITS.maxAttempts } },
  { name: "endless-body", call: list, want: { error: TimeoutError, attempts: LIMITS.maxAttempts }, also: hangsUp },
  {
    name: "stall",
    call: list,
    want: { error: TimeoutError, attempts: LIMITS.maxAttempts },
    also: (_p, server) => expect(server.received).toHaveLength(LIMITS.maxAttempts),
  },
  {
    name: "stall-after-headers",
    call: list,
    want: { error: TimeoutError, attempts: LIMITS.maxAttempts },
    also: hangsUp,
  },
  { name: "reset-mid-body", call: list, want: { error: NetworkError, attempts: LIMITS.maxAttempts } },
  { name: "invalid-utf8", call: list, want: { error: InvalidResponseError, status: 200, checks: ["body-not-json"] } },
  {
    name: "rate-limit-storm",
    call: list,
    want: { error: RateLimitError, status: 429, attempts: LIMITS.maxAttempts },
    also: (p, _server, error) => {
      expect((error as RateLimitError).retryAfter).toBe("1");
      expect(p.sleeps).toEqual([1000, 1000]);
    },
  },
  // The client retries 429 and 502-504 only: a 500 may mean the request did harm, so it is reported at once.
  { name: "error-burst", call: list, want: { error: ServerError, status: 500, attempts: 1 } },
  {
    name: "redirect-302",
    call: list,
    want: { error: ApiError, status: 302, message: /redirect to http:\/\/127\.0\.0\.1:\d+\/.* not followed/ },
  },
  {
    name: "redirect-307",
    call: (p) => p.client.create({ username: "hostile-307", password: CANARY.password }),
    want: { error: ApiError, status: 307, message: /not followed/ },
  },
  {
    name: "next-loop",
    call: (p) => collect(p.client.listAll()),
    want: { error: PaginationError, message: /links\.next repeats a page already fetched/ },
  },
  {
    name: "next-endless",
    call: (p) => collect(p.client.listAll({}, { maxPages: 10, atMaxPages: "throw" })),
    want: { error: PaginationError, message: /maxPages \(10\) reached/ },
  },
  {
    name: "next-foreign",
    call: (p) => collect(p.client.listAll()),
    want: {
      error: PaginationError,
      message: /links\.next leads to http:\/\/127\.0\.0\.1:\d+\/api\/relay\/rest\/endpoints\/sip, not to the list/,
    },
  },
  {
    name: "next-with-credentials",
    call: (p) => collect(p.client.listAll()),
    want: { error: PaginationError, message: /links\.next to .* carries credentials/ },
  },
];

let mock: MockServer;
let recorder: Recorder;
let server: HostileServer | undefined;

beforeAll(async () => {
  mock = await startMockServer({
    port: 0,
    seedCount: 3,
    projectId: CANARY.projectId,
    apiToken: CANARY.apiToken,
    env: {},
  });
});
afterAll(() => mock.close());
beforeEach(async () => {
  recorder = await startRecorder();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await recorder.close();
});

describe.each(ROWS)("$name", ({ name, call, want, also }) => {
  test(`→ ${want.error.name}`, async () => {
    server = await startHostile(name, mock, recorder);
    const timesOut = want.error === TimeoutError;
    const p = probe(server, timesOut ? LIMITS.timeoutMs : LIMITS.generousTimeoutMs);
    const { error } = await outcome(call(p), timesOut ? BOUND_MS : GENEROUS_BOUND_MS);

    expect(error).toBeInstanceOf(want.error);
    const typed = error as SipEndpointsError & { status?: number; attempts?: number };
    if (want.status !== undefined) expect(typed.status).toBe(want.status);
    if (want.attempts !== undefined) expect(typed.attempts).toBe(want.attempts);
    if (want.checks) expect(checksOf(error)).toEqual(expect.arrayContaining(want.checks));
    if (want.message) expect(typed.message).toMatch(want.message);
    await also?.(p, server, error);

    expect(recorder.received).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("polluted");
    const rendered = [
      typed.message,
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 8 }),
      JSON.stringify(p.exchanges),
      JSON.stringify(p.findings),
    ].join("\n");
    expectNoCanary(rendered, `the ${name} error and exchanges`);
  });
});

describe("proto-keys", () => {
  test("pages come back as plain data with their odd keys as data, and nothing is polluted", async () => {
    server = await startHostile("proto-keys", mock, recorder);
    const p = probe(server);
    const page = (await within(BOUND_MS, p.client.list(), "the client")) as unknown as Record<string, unknown> & {
      data: Array<Record<string, unknown>>;
    };
    for (const value of [page, ...page.data]) {
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.keys(value)).toEqual(expect.arrayContaining(["__proto__", "constructor"]));
      expect(value.polluted).toBeUndefined();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(p.findings.map((f) => f.check)).toContain("field-undocumented");
    expect(recorder.received).toEqual([]);
  });

  test("an error body with a __proto__ key keeps it as data, and the error's body has no foreign prototype", async () => {
    server = await startHostile("proto-keys", mock, recorder);
    const p = probe(server);
    const { error } = await outcome(p.client.retrieve(randomUUID()));
    expect(error).toBeInstanceOf(NotFoundError);
    const body = (error as NotFoundError).body as Record<string, unknown>;
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.keys(body)).toEqual(expect.arrayContaining(["__proto__", "constructor", "error"]));
    expect(body.polluted).toBeUndefined();
    expect((error as NotFoundError).error).toBe("Not Found");
  });
});
