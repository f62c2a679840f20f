import { describe, expect, it } from 'vitest';
import { prng } from '../testing.ts';
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

  // Ids of imported transactions derive from these hashes, and every device must derive the
  // same ones, whatever version of Tally it runs: the values are pinned.
  it.each([
    ['', 0, 'f52a15e9a9b5e89b'],
    ['', 7, 'f121e77647e3e933'],
    ['abc', 0, '0dd490490804b508'],
    ['é', 0, '233403617480019e'],
    ['fp\nacc\n2026-03-01\n-1234\nUSD\nnetflix.com', 0, '8936efa484a86ca9'],
    ['fp\nacc\n2026-03-01\n-1234\nUSD\nnetflix.com', 7, '117b3abb52cddd9f'],
    ['日本語 ✓ 𝄞', 0, '44fa28df6186207b'],
    ['x'.repeat(1000), 0, '82d7935ebaec8a6a'],
  ])('hashHex(%j, %i) = %s', (text, seed, expected) => {
    expect(hashHex(text, seed)).toBe(expected);
  });

  it('pins the 80 bits a transaction id takes', () => {
    expect(hashBits('abc', 80).toString(16)).toBe('452ec90cfb0d18b0be3d');
  });

  it('equals a plain 64-bit FNV-1a on random text, lone surrogates and seeds included', () => {
    const random = prng(11);
    const alphabet = [
      'a',
      'Z',
      '0',
      ' ',
      '\n',
      'é',
      'ß',
      '€',
      '日',
      '𝄞',
      '\ud800',
      '\udc00',
      '\u0000',
    ];
    for (let n = 0; n < 300; n++) {
      const length = Math.floor(random() * 40);
      const text = Array.from(
        { length },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      const seed = Math.floor(random() * 2 ** 32);
      expect(hash64(text, seed)).toBe(reference(text, seed));
    }
  });
});

/** FNV-1a 64 in BigInt with the same finaliser: slow, obviously right. */
function reference(text: string, seed: number): bigint {
  const mask = (1n << 64n) - 1n;
  let h = 0xcbf29ce484222325n ^ BigInt(seed >>> 0);
  for (const byte of new TextEncoder().encode(text))
    h = ((h ^ BigInt(byte)) * 0x100000001b3n) & mask;
  let z = h;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
  return z ^ (z >> 31n);
}
