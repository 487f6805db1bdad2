/**
 * The statistics the bench reports. Medians, not means: on a shared machine one round disturbed
 * by another process must not move the result.
 */

/** The median of the samples (mean of the two middle values for an even count); NaN for none. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * How far the rounds disagree: (max − min) / median. A reader can tell a solid ratio from one
 * measured while something else was running.
 */
export function spread(samples: readonly number[]): number {
  const m = median(samples);
  if (!(m > 0)) return Number.NaN;
  return (Math.max(...samples) - Math.min(...samples)) / m;
}

/** The geometric mean: the mean of ratios that keeps `gm(a)/gm(b) = gm(a/b)`. NaN for none or a non-positive value. */
export function geometricMean(values: readonly number[]): number {
  if (values.length === 0 || values.some((v) => !(v > 0))) return Number.NaN;
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

/**
 * `numerator / denominator`, or null when either side was not measured (null, NaN, infinite)
 * or the denominator is not positive. Rounded to three decimals, which is more than the noise allows.
 */
export function ratio(numerator: number | null | undefined, denominator: number | null | undefined): number | null {
  if (!isMeasured(numerator) || !isMeasured(denominator) || denominator <= 0) return null;
  return round(numerator / denominator, 3);
}

/**
 * The median of per-round ratios `numerators[i] / denominators[i]`. Both sides of a pair were
 * measured in the same round, moments apart, so a disturbance that slows the whole round cancels
 * out; this is steadier on a busy machine than the quotient of two medians. Null without pairs.
 */
export function pairedRatio(
  numerators: readonly number[] | undefined,
  denominators: readonly number[] | undefined,
): number | null {
  if (!numerators || !denominators) return null;
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(numerators.length, denominators.length); i++) {
    const [a, b] = [numerators[i], denominators[i]];
    if (isMeasured(a) && isMeasured(b) && b > 0) ratios.push(a / b);
  }
  return ratios.length === 0 ? null : round(median(ratios), 3);
}

export function isMeasured(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** Rounds to `digits` decimals; null stays null, NaN becomes null (JSON has no NaN). */
export function round(value: number, digits: number): number;
export function round(value: number | null | undefined, digits: number): number | null;
export function round(value: number | null | undefined, digits: number): number | null {
  if (!isMeasured(value)) return null;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
