import { describe, expect, it } from 'vitest';
import {
  ARGON2ID,
  HEADER_BYTES,
  PBKDF2,
  isSealedContainer,
  readHeader,
  writeHeader,
  type Kdf,
} from './sealed.ts';

const bytes = (n: number, start: number): Uint8Array =>
  Uint8Array.from({ length: n }, (_, i) => (start + i) % 256);
const parts = { salt: bytes(16, 1), iv: bytes(12, 100), check: bytes(16, 200) };

describe('the sealed container header', () => {
  it.each<[string, Kdf]>([
    ['Argon2id', ARGON2ID],
    ['PBKDF2', PBKDF2],
  ])('round-trips with %s', (_, kdf) => {
    const header = writeHeader({ kdf, ...parts });
    expect(header.length).toBe(HEADER_BYTES);
    expect(new TextDecoder().decode(header.subarray(0, 8))).toBe('TALLYENC');
    expect(readHeader(header)).toEqual({ ok: true, value: { version: 1, kdf, ...parts } });
  });

  it('lays the fields out as documented (big-endian)', () => {
    const h = writeHeader({ kdf: ARGON2ID, ...parts });
    expect([...h.subarray(8, 19)]).toEqual([1, 1, 0, 1, 0, 0, 0, 0, 0, 3, 1]);
    expect(h.subarray(19, 35)).toEqual(parts.salt);
    expect(h.subarray(35, 47)).toEqual(parts.iv);
    expect(h.subarray(47, 63)).toEqual(parts.check);
  });

  it('tells what is not sealed, what is newer, and what is damaged', () => {
    expect(isSealedContainer(new TextEncoder().encode('{"tally":1}'))).toBe(false);
    expect(readHeader(new TextEncoder().encode('TALLYEN'))).toEqual({
      ok: false,
      error: { kind: 'not-sealed' },
    });
    const header = writeHeader({ kdf: ARGON2ID, ...parts });
    expect(readHeader(header.subarray(0, 40))).toEqual({ ok: false, error: { kind: 'damaged' } });

    const newer = header.slice();
    newer[8] = 2;
    expect(readHeader(newer)).toEqual({
      ok: false,
      error: { kind: 'unsupported', version: 2, newer: true },
    });
    const older = header.slice();
    older[8] = 0;
    expect(readHeader(older)).toMatchObject({ ok: false, error: { newer: false } });
  });

  it.each<[string, (h: Uint8Array) => void]>([
    ['an unknown KDF', (h) => void (h[9] = 7)],
    ['Argon2id asking for 8 GiB', (h) => new DataView(h.buffer).setUint32(10, 8 * 1024 * 1024)],
    ['Argon2id with 1,000 passes', (h) => new DataView(h.buffer).setUint32(14, 1000)],
    ['Argon2id with no lanes', (h) => void (h[18] = 0)],
  ])('refuses %s as damaged, before any key is derived', (_, spoil) => {
    const header = writeHeader({ kdf: ARGON2ID, ...parts });
    spoil(header);
    expect(readHeader(header)).toEqual({ ok: false, error: { kind: 'damaged' } });
  });
});
