// A small, fast, non-cryptographic hash for identities derived from file contents (dedupe keys,
// record ids). FNV-1a over UTF-8 bytes, 64-bit, with a splitmix64 finaliser so that every output
// bit depends on every input byte. Collisions only need to be unlikely among one person's
// transactions, and the result must be the same on every device: no crypto, no platform APIs.

const MASK_64 = (1n << 64n) - 1n;
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;

const encoder = new TextEncoder();

/** A 64-bit hash of `text`; different `seed`s give independent hashes of the same text. */
export function hash64(text: string, seed = 0): bigint {
  let h = FNV_OFFSET ^ BigInt(seed >>> 0);
  for (const byte of encoder.encode(text)) {
    h ^= BigInt(byte);
    h = (h * FNV_PRIME) & MASK_64;
  }
  return finalise(h);
}

/** `hash64` as 16 lowercase hex digits. */
export function hashHex(text: string, seed = 0): string {
  return hash64(text, seed).toString(16).padStart(16, '0');
}

/** `bits` bits (up to 128) of hash, from two independent 64-bit hashes. */
export function hashBits(text: string, bits: number): bigint {
  if (bits < 1 || bits > 128) throw new RangeError(`bits must be 1–128, got ${bits}`);
  const wide = (hash64(text, 1) << 64n) | hash64(text, 2);
  return wide >> BigInt(128 - bits);
}

function finalise(x: bigint): bigint {
  let z = x;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
  return z ^ (z >> 31n);
}
