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
  const digest = createHash("sha256")
    .update(`${typeof seed}:${seed}`)
    .digest();
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

/** Two hex digits per byte value, so formatting an id is table look-ups and no number-to-string work. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));
const hex = (word: number, from: number, to: number) => {
  let out = "";
  for (let shift = 24 - 8 * from; shift >= 32 - 8 * to; shift -= 8) out += HEX[(word >>> shift) & 0xff];
  return out;
};

function formatUuid(w0: number, w1: number, w2: number, w3: number): string {
  const version = (w1 & 0xffff0fff) | 0x00004000; // version nibble 4
  const variant = (w2 & 0x3fffffff) | 0x80000000; // variant bits 10
  return `${hex(w0, 0, 4)}-${hex(version, 0, 2)}-${hex(version, 2, 4)}-${hex(variant, 0, 2)}-${hex(variant, 2, 4)}${hex(w3, 0, 4)}`;
}
