/** Running the drift engine and CLI inside a test: real mocks on 127.0.0.1, output captured. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createDriftSend,
  runDrift,
  startEmbeddedMock,
  type DriftExchange,
  type DriftMode,
  type DriftRequest,
  type DriftResult,
  type SendOptions,
} from "../../src/drift";
import { DriftSession } from "../../src/drift/session";
import { FAULT_PROFILES, type FaultName, type FaultOptions, type MockServer } from "../../src/mock";
import { driftCommand } from "../../src/cli/drift";

const { main } = driftCommand("npm run drift --");
import { basicAuthHeader } from "../../src/redact";

/** Fault knobs that keep every profile fast: no real waits for 429s, a slow answer far beyond the timeout. */
const FAST_FAULTS: FaultOptions = { retryAfterSeconds: 0, delayMs: 20_000 };

/** Those of the fast knobs the fault reads (a knob it does not read is refused). */
export function fastFaultOptions(fault: FaultName | undefined): FaultOptions {
  const reads = fault === undefined ? [] : (FAULT_PROFILES[fault].options ?? []);
  return Object.fromEntries(
    Object.entries(FAST_FAULTS).filter(([name]) => (reads as readonly string[]).includes(name)),
  );
}
/** Client settings for the tests: short waits, since the mock answers in milliseconds. */
export const FAST_SEND: SendOptions = { timeoutMs: 1_500, retry: { baseDelayMs: 1, maxDelayMs: 2 } };

export interface EngineRun extends DriftResult {
  mock: MockServer;
}

/**
 * The fault profiles that show only when the run creates, updates or deletes: the others drift
 * the same way in a read-only run, which costs a seventh of a read-write one.
 */
export const WRITE_FAULTS: readonly FaultName[] = [
  "accepts-invalid",
  "created-201",
  "ignores-updates",
  "still-there-after-delete",
];

/** The cheapest mode in which a fault profile shows. */
export const modeFor = (fault: FaultName): DriftMode => (WRITE_FAULTS.includes(fault) ? "read-write" : "read-only");

/** Starts an embedded mock, runs the engine against it, and closes the mock. */
export async function runEngine(options: {
  fault?: FaultName;
  mode: DriftMode;
  seedCount?: number;
  pageSize?: number;
  send?: SendOptions;
  signal?: AbortSignal;
  onProgress?: Parameters<typeof runDrift>[0]["onProgress"];
}): Promise<EngineRun> {
  const target = await startEmbeddedMock({
    fault: options.fault,
    faultOptions: fastFaultOptions(options.fault),
    seedCount: options.seedCount ?? 12,
  });
  try {
    const result = await runDrift({
      target,
      send: createDriftSend(target, {
        ...FAST_SEND,
        ...options.send,
        retry: { ...FAST_SEND.retry, ...options.send?.retry },
      }),
      mode: options.mode,
      pageSize: options.pageSize ?? 5,
      signal: options.signal,
      onProgress: options.onProgress,
    });
    return { ...result, mock: target.mock! };
  } finally {
    await target.close();
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the drift command in this process (`main` of scripts/drift.ts) with its own env. */
export async function runCliInProcess(
  argv: string[],
  env: Record<string, string | undefined>,
  cwd = tmpdir(),
  signal?: AbortSignal,
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    env,
    cwd,
    signal,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

export function tempDir(label: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `drift-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Every file under a folder, with its text. */
export function readAll(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
      return { file, text: readFileSync(file, "utf8") };
    });
}

/** Usernames of endpoints a drift run must never touch, one of which looks like another run's leftover. */
export const FOREIGN_USERNAMES = ["alice", "drift-bob", "team-drift-a1b2c3d4-x", "drift-a1b2c3d4e5-other-run"];

/** Adds foreign endpoints to a mock through its own API (as another user of the Space would). */
export async function addForeignEndpoints(mock: MockServer): Promise<void> {
  const auth = basicAuthHeader(mock.credentials.projectId, mock.credentials.apiToken);
  for (const username of FOREIGN_USERNAMES) {
    const response = await fetch(`${mock.url}/endpoints/sip`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify({ username, password: "foreign-password", caller_id: "someone else" }),
    });
    if (response.status !== 200) throw new Error(`could not seed ${username}: ${response.status}`);
  }
}

/** A drift session whose every request gets `answer` (or throws what it throws); `asked` records the requests. */
/** A clock for `now` options that reads the given times in turn. */
export const clock =
  (...times: number[]) =>
  () =>
    times.shift()!;

/** What a synchronous call threw (undefined when it returned). */
export function thrownBy(call: () => unknown): unknown {
  try {
    call();
    return undefined;
  } catch (error) {
    return error;
  }
}

export function sessionAnswering(
  answer: (request: DriftRequest) => DriftExchange | Promise<DriftExchange>,
  options: Partial<ConstructorParameters<typeof DriftSession>[1]> = {},
) {
  const asked: DriftRequest[] = [];
  const session = new DriftSession(
    async (request) => {
      asked.push(request);
      return answer(request);
    },
    { failOn: "warning", ...options },
  );
  return { session, asked };
}
