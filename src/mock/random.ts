/**
 * Where the mock's randomness comes from. Without a seed, ids come from the platform's UUID
 * generator; with one, from a small seeded generator, so two mocks started with the same seed
 * hand out the same ids in the same order (reproducible fixtures and bug reports).
 */
import { createHash, randomUUID } from "node:crypto";

/** Makes a fresh RFC 4122 version-4 UUID on every call. */
export type IdSource = () => string;

export function createIdSource(seed?: number | string): IdSource {
  if (seed === undefined) return randomUUID;
  const next = sfc32(seedWords(seed));
  return () => formatUuid(next(), next(), next(), next());
}

/** Four 32-bit words from any seed; hashing spreads similar seeds (1, 2, "1") far apart. */
function seedWords(seed: number | string): [number, number, number, number] {
  const digest = createHash("sha256").update(`${typeof seed}:${seed}`).digest();
  return [digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12)];
}

/** The "small fast counter" generator: 128 bits of state, good spread, a few integer operations per draw. */
function sfc32([a, b, c, d]: [number, number, number, number]): () => number {
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // The first outputs still show the seed's structure; discard them as the generator's authors advise.
  for (let i = 0; i < 12; i++) next();
  return next;
}

const hex8 = (n: number) => n.toString(16).padStart(8, "0");

function formatUuid(w0: number, w1: number, w2: number, w3: number): string {
  const version = ((w1 & 0xffff0fff) | 0x00004000) >>> 0; // version nibble 4
  const variant = ((w2 & 0x3fffffff) | 0x80000000) >>> 0; // variant bits 10
  const a = hex8(w0);
  const b = hex8(version);
  const c = hex8(variant);
  const d = hex8(w3);
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}
