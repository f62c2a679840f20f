import { describe, expect, it } from 'vitest';
import {
  ARGON2ID,
  HEADER_BYTES,
  PBKDF2,
  decrypt,
  encrypt,
  isEncrypted,
  readHeader,
  type Kdf,
} from './crypto.ts';

// Small work factors keep most tests fast; the defaults get their own round trips.
const fastArgon: Kdf = { name: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };
const fastPbkdf2: Kdf = { name: 'pbkdf2-sha256', iterations: 1000 };
const text = new TextEncoder().encode('{"format":"tally-backup","formatVersion":1}');

describe('encrypted backups', () => {
  it.each([
    ['Argon2id (64 MiB, 3 passes)', ARGON2ID],
    ['PBKDF2-SHA256 (600 000 iterations)', PBKDF2],
  ])('round-trip with %s', async (_what, kdf) => {
    const sealed = await encrypt(text, 'correct horse battery staple', { kdf });
    expect(isEncrypted(sealed)).toBe(true);
    expect(readHeader(sealed)).toMatchObject({ ok: true, value: { version: 1, kdf } });
    expect(await decrypt(sealed, 'correct horse battery staple')).toEqual({ ok: true, value: text });
    // Deliberately slow: a few seconds on a small CI machine.
  }, 60_000);

  it('does not contain the plaintext, and differs every time (random salt and IV)', async () => {
    const a = await encrypt(text, 'pw', { kdf: fastArgon });
    const b = await encrypt(text, 'pw', { kdf: fastArgon });
    const asText = new TextDecoder('latin1').decode(a);
    expect(asText).not.toContain('tally-backup');
    expect(a.slice(19, 47)).not.toEqual(b.slice(19, 47));
    expect(a.length).toBe(HEADER_BYTES + text.length + 16);
  });

  it('lays out the header as documented', async () => {
    let n = 0;
    const counting = (length: number) => Uint8Array.from({ length }, () => n++);
    const sealed = await encrypt(text, 'pw', { kdf: fastArgon, random: counting });
    expect(new TextDecoder().decode(sealed.subarray(0, 8))).toBe('TALLYENC');
    expect([...sealed.subarray(8, 19)]).toEqual([1, 1, 0, 0, 0, 64, 0, 0, 0, 1, 1]);
    expect([...sealed.subarray(19, 35)]).toEqual([...Array(16).keys()]);
    expect([...sealed.subarray(35, 47)]).toEqual([...Array(12).keys()].map((i) => i + 16));
  });

  it.each([
    ['Argon2id', fastArgon],
    ['PBKDF2', fastPbkdf2],
  ])('says a wrong passphrase is wrong (%s)', async (_what, kdf) => {
    const sealed = await encrypt(text, 'right', { kdf });
    expect(await decrypt(sealed, 'wrong')).toMatchObject({
      ok: false,
      error: { kind: 'wrong-passphrase' },
    });
  });

  it('treats the passphrase as Unicode text, whatever its normal form', async () => {
    const sealed = await encrypt(text, 'cre\u0301me brûlée', { kdf: fastPbkdf2 });
    expect(await decrypt(sealed, 'cr\u00e9me brûlée')).toEqual({ ok: true, value: text });
  });

  it.each([
    ['a flipped ciphertext bit', (b: Uint8Array) => void (b[HEADER_BYTES + 3]! ^= 1)],
    ['a flipped tag bit', (b: Uint8Array) => void (b[b.length - 1]! ^= 0x80)],
    ['a changed IV', (b: Uint8Array) => void (b[40]! ^= 1)],
  ])('refuses a file with %s as damaged', async (_what, tamper) => {
    const sealed = await encrypt(text, 'pw', { kdf: fastArgon });
    tamper(sealed);
    expect(await decrypt(sealed, 'pw')).toMatchObject({ ok: false, error: { kind: 'damaged' } });
  });

  it('refuses a changed salt or KDF setting (the key no longer matches)', async () => {
    const sealed = await encrypt(text, 'pw', { kdf: fastArgon });
    const salted = sealed.slice();
    salted[20]! ^= 1;
    expect(await decrypt(salted, 'pw')).toMatchObject({ ok: false, error: { kind: 'wrong-passphrase' } });
    const cheaper = sealed.slice();
    cheaper[13] = 32; // memory 64 → 32 KiB
    expect(await decrypt(cheaper, 'pw')).toMatchObject({ ok: false });
  });

  it.each([
    ['cut inside the header', 40],
    ['cut before the tag ends', HEADER_BYTES + 10],
  ])('refuses a file %s', async (_what, length) => {
    const sealed = await encrypt(text, 'pw', { kdf: fastArgon });
    expect(await decrypt(sealed.subarray(0, length), 'pw')).toMatchObject({
      ok: false,
      error: { kind: 'damaged' },
    });
  });

  it('refuses a truncated ciphertext', async () => {
    const sealed = await encrypt(text, 'pw', { kdf: fastArgon });
    expect(await decrypt(sealed.subarray(0, sealed.length - 5), 'pw')).toMatchObject({
      ok: false,
      error: { kind: 'damaged' },
    });
  });

  it.each([
    ['a newer container', (b: Uint8Array) => void (b[8] = 2), 'unsupported'],
    ['an unknown KDF', (b: Uint8Array) => void (b[9] = 9), 'damaged'],
    ['absurd Argon2id memory', (b: Uint8Array) => void (b[10] = 0xff), 'damaged'],
  ])('refuses %s before deriving any key', async (_what, change, kind) => {
    const sealed = await encrypt(text, 'pw', { kdf: fastArgon });
    change(sealed);
    expect(readHeader(sealed)).toMatchObject({ ok: false, error: { kind } });
  });

  it('does not take a plain backup for an encrypted one', async () => {
    expect(isEncrypted(text)).toBe(false);
    expect(await decrypt(text, 'pw')).toMatchObject({ ok: false, error: { kind: 'not-encrypted' } });
  });
});
