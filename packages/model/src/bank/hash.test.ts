import { describe, expect, it } from 'vitest';
import { hash64, hashBits, hashHex } from './hash.ts';

describe('hash', () => {
  it('is deterministic, 64-bit, and seed-dependent', () => {
    expect(hash64('abc')).toBe(hash64('abc'));
    expect(hash64('abc')).not.toBe(hash64('abd'));
    expect(hash64('abc', 1)).not.toBe(hash64('abc', 2));
    expect(hashHex('')).toMatch(/^[0-9a-f]{16}$/);
    expect(hash64('é')).not.toBe(hash64('e'));
  });

  it('spreads nearby inputs over the whole range', () => {
    const top = new Set(Array.from({ length: 1024 }, (_, i) => Number(hash64(`k${i}`) >> 56n)));
    expect(top.size).toBeGreaterThan(200);
  });

  it('gives the requested number of bits', () => {
    for (const bits of [1, 16, 80, 128])
      expect(hashBits('x', bits) < 1n << BigInt(bits)).toBe(true);
    expect(() => hashBits('x', 0)).toThrow(RangeError);
  });
});
