/**
 * Interleaved A/B rounds. Every variant is measured once per round, and the order rotates from
 * round to round, so a slow patch of the machine (another process, a GC, thermal drift) hits
 * every variant alike instead of one variant's whole run. Warm-up rounds run first and are dropped.
 */
import { median, spread } from "./stats";

export interface Variant {
  name: string;
  /** One measurement (µs per call, requests per second, …). */
  measure: () => Promise<number>;
}

export interface RoundOptions {
  rounds: number;
  warmupRounds: number;
}

export interface VariantSummary {
  median: number;
  spread: number;
  samples: number[];
}

/** The order of the variants in round `round`: rotated by one each round. */
export function roundOrder<T>(variants: readonly T[], round: number): T[] {
  const n = variants.length;
  if (n === 0) return [];
  const shift = ((round % n) + n) % n;
  return [...variants.slice(shift), ...variants.slice(0, shift)];
}

/** Runs the rounds and returns, per variant name, the samples of the measured rounds and their median. */
export async function interleaved(
  variants: readonly Variant[],
  options: RoundOptions,
): Promise<Record<string, VariantSummary>> {
  const samples = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let round = 0; round < options.warmupRounds + options.rounds; round++) {
    for (const variant of roundOrder(variants, round)) {
      const value = await variant.measure();
      if (round >= options.warmupRounds) samples.get(variant.name)!.push(value);
    }
  }
  const out: Record<string, VariantSummary> = {};
  for (const [name, values] of samples) out[name] = { median: median(values), spread: spread(values), samples: values };
  return out;
}

export interface LoopOptions {
  /** Keep calling until this much time has passed … */
  minMs: number;
  /** … and at least this many calls were made. */
  minCalls: number;
  /** Clock in ms; `performance.now` unless a test gives its own. */
  now?: () => number;
}

/**
 * Calls `call` back to back and returns the mean µs per call. Time-bounded rather than
 * count-bounded, so a variant 50× slower than another still finishes its round in time.
 */
export async function timePerCall(call: () => unknown, options: LoopOptions): Promise<number> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  let calls = 0;
  let elapsed = 0;
  do {
    await call();
    calls++;
    elapsed = now() - started;
  } while (calls < options.minCalls || elapsed < options.minMs);
  return (elapsed * 1000) / calls;
}

/** `timePerCall` for synchronous work: no `await` per call, which would cost more than a validation. */
export function timePerSyncCall(call: () => unknown, options: LoopOptions): number {
  const now = options.now ?? (() => performance.now());
  const started = now();
  let calls = 0;
  let elapsed = 0;
  do {
    call();
    calls++;
    elapsed = now() - started;
  } while (calls < options.minCalls || elapsed < options.minMs);
  return (elapsed * 1000) / calls;
}
