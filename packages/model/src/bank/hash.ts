// A small, fast, non-cryptographic hash for identities derived from file contents (dedupe keys,
// record ids). FNV-1a over UTF-8 bytes, 64-bit, with a splitmix64 finaliser so that every output
// bit depends on every input byte. Collisions only need to be unlikely among one person's
// transactions, and the result must be the same on every device: no crypto, no platform APIs.

const MASK_64 = (1n << 64n) - 1n;

const encoder = new TextEncoder();
// Reused for every hash: encoding into it allocates nothing (a UTF-8 byte per UTF-16 unit ≤ 3).
let buffer = new Uint8Array(256);

/** A 64-bit hash of `text`; different `seed`s give independent hashes of the same text. */
export function hash64(text: string, seed = 0): bigint {
  // FNV-1a over four 16-bit limbs (h0 lowest) in plain numbers: BigInt arithmetic per byte made
  // importing 100 000 rows take seconds. The offset basis is 0xcbf29ce484222325, XOR the seed.
  const s = seed >>> 0;
  let h0 = 0x2325 ^ (s & 0xffff);
  let h1 = 0x8422 ^ (s >>> 16);
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  if (buffer.length < text.length * 3) buffer = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, buffer);
  for (let i = 0; i < written; i++) {
    h0 ^= buffer[i] ?? 0;
    // h × 0x100000001b3 mod 2^64 = h × 0x1b3 + (h << 40). Every partial stays below 2^26.
    let t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3;
    let t2 = h2 * 0x1b3 + (h0 << 8);
    let t3 = h3 * 0x1b3 + (h1 << 8);
    t1 += t0 >>> 16;
    t0 &= 0xffff;
    t2 += t1 >>> 16;
    t1 &= 0xffff;
    t3 = (t3 + (t2 >>> 16)) & 0xffff;
    t2 &= 0xffff;
    h0 = t0;
    h1 = t1;
    h2 = t2;
    h3 = t3;
  }
  const high = (h3 * 0x10000 + h2) >>> 0;
  const low = (h1 * 0x10000 + h0) >>> 0;
  return finalise((BigInt(high) << 32n) | BigInt(low));
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
