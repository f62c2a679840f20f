// Sealed files: round trips in memory and streamed, the app's container both ways, and every way
// a file can fail to open (wrong passphrase, changed, cut short, newer container).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import * as app from '../../../web/lib/data/crypto.ts';
import {
  HEADER_BYTES,
  MAGIC,
  OPERATOR_KDF,
  isSealed,
  isSealedBytes,
  openSealedBytes,
  openSealedFile,
  sealBytes,
  sealFile,
  type Kdf,
} from './sealed.ts';

// Small work factors keep most tests fast; the operator's default gets its own round trip.
const fastArgon: Kdf = { name: 'argon2id', memoryKiB: 256, iterations: 2, parallelism: 1 };
const fastPbkdf2: Kdf = { name: 'pbkdf2-sha256', iterations: 1000 };
const PASS = 'operator passphrase, long enough';
const text = new TextEncoder().encode('{"format":"tally-backup","formatVersion":1}');

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tally-sealed-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('sealed bytes', () => {
  it('round-trip with the operator default (Argon2id, 64 MiB)', async () => {
    const sealed = await sealBytes(text, PASS);
    expect(sealed.subarray(0, 8).toString('latin1')).toBe(MAGIC);
    expect(sealed.readUInt32BE(10)).toBe(
      OPERATOR_KDF.name === 'argon2id' ? OPERATOR_KDF.memoryKiB : 0,
    );
    expect(await openSealedBytes(sealed, PASS)).toEqual({ ok: true, value: Buffer.from(text) });
  }, 60_000);

  it('does not contain the plaintext, and differs every time (random salt and IV)', async () => {
    const a = await sealBytes(text, PASS, { kdf: fastArgon });
    const b = await sealBytes(text, PASS, { kdf: fastArgon });
    expect(a.includes(Buffer.from('tally-backup'))).toBe(false);
    expect(a.subarray(19, 47).equals(b.subarray(19, 47))).toBe(false);
    expect(a.subarray(HEADER_BYTES).equals(b.subarray(HEADER_BYTES))).toBe(false);
  });

  it.each([
    ['Argon2id', fastArgon],
    ['PBKDF2-SHA256', fastPbkdf2],
  ])('the app opens what the server sealed, and the reverse (%s)', async (_what, kdf) => {
    const byServer = await sealBytes(text, 'pässphrase'.normalize('NFD'), { kdf });
    expect(await app.decrypt(byServer, 'pässphrase')).toEqual({ ok: true, value: text });
    const byApp = await app.encrypt(text, 'pässphrase', { kdf });
    expect(await openSealedBytes(byApp, 'pässphrase'.normalize('NFD'))).toEqual({
      ok: true,
      value: Buffer.from(text),
    });
    // A wrong passphrase is told apart the same way on both sides.
    expect(await app.decrypt(byServer, 'another one')).toMatchObject({
      ok: false,
      error: { kind: 'wrong-passphrase' },
    });
  });

  it.each<[string, (b: Buffer) => Buffer, string]>([
    ['a wrong passphrase', (b) => b, 'wrong-passphrase'],
    ['a changed ciphertext byte', (b) => flip(b, HEADER_BYTES + 3), 'damaged'],
    ['a changed tag', (b) => flip(b, b.length - 1), 'damaged'],
    ['a changed IV (in the authenticated header)', (b) => flip(b, 40), 'damaged'],
    ['a changed salt (the key no longer matches)', (b) => flip(b, 20), 'wrong-passphrase'],
    ['a cut-short file', (b) => b.subarray(0, b.length - 5), 'damaged'],
    ['only a header', (b) => b.subarray(0, HEADER_BYTES), 'damaged'],
    ['a newer container', (b) => withByte(b, 8, 2), 'unsupported'],
    ['an absurd KDF setting', (b) => withByte(b, 9, 7), 'damaged'],
    ['a plain file', () => Buffer.from(text), 'not-encrypted'],
  ])('refuses %s', async (what, damage, kind) => {
    const sealed = await sealBytes(text, PASS, { kdf: fastArgon });
    const passphrase = what === 'a wrong passphrase' ? 'not the passphrase' : PASS;
    expect(await openSealedBytes(damage(sealed), passphrase)).toMatchObject({
      ok: false,
      error: { kind },
    });
  });
});

function flip(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}

function withByte(bytes: Buffer, at: number, value: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = value;
  return copy;
}

describe('sealed files (streamed)', () => {
  it('round-trip a file of many chunks, and say which files are sealed', async () => {
    const dir = workdir();
    const plain = join(dir, 'plain.bin');
    const content = randomBytes(300_000 + 17); // several 64 KiB stream chunks, an odd length
    writeFileSync(plain, content);
    const sealed = join(dir, 'sealed.bin');
    writeFileSync(sealed, '');
    await sealFile(plain, sealed, PASS, { kdf: fastArgon });
    expect(await isSealed(sealed)).toBe(true);
    expect(await isSealed(plain)).toBe(false);
    const bytes = readFileSync(sealed);
    expect(bytes.length).toBe(content.length + HEADER_BYTES + 16);
    // The streamed file is the same container the in-memory reader and the app open.
    expect(await openSealedBytes(bytes, PASS)).toEqual({ ok: true, value: content });
    const out = join(dir, 'out.bin');
    expect(await openSealedFile(sealed, out, PASS)).toEqual({ ok: true, value: undefined });
    expect(readFileSync(out).equals(content)).toBe(true);
  });

  it('seals and opens an empty file', async () => {
    const dir = workdir();
    const plain = join(dir, 'empty');
    writeFileSync(plain, '');
    const sealed = join(dir, 'sealed');
    await sealFile(plain, sealed, PASS, { kdf: fastPbkdf2 });
    const out = join(dir, 'out');
    expect(await openSealedFile(sealed, out, PASS)).toEqual({ ok: true, value: undefined });
    expect(readFileSync(out).length).toBe(0);
  });

  it.each<[string, (b: Buffer) => Buffer, string, string]>([
    ['a wrong passphrase', (b) => b, 'nope nope nope', 'wrong-passphrase'],
    ['a changed byte deep inside', (b) => flip(b, 200_000), PASS, 'damaged'],
    ['a cut-short file', (b) => b.subarray(0, 150_000), PASS, 'damaged'],
  ])('leaves no plaintext behind on %s', async (_what, damage, passphrase, kind) => {
    const dir = workdir();
    const plain = join(dir, 'plain.bin');
    writeFileSync(plain, randomBytes(250_000));
    const sealed = join(dir, 'sealed.bin');
    await sealFile(plain, sealed, PASS, { kdf: fastArgon });
    writeFileSync(sealed, damage(readFileSync(sealed)));
    const out = join(dir, 'out.bin');
    const opened = await openSealedFile(sealed, out, passphrase);
    expect(opened).toMatchObject({ ok: false, error: { kind } });
    if (!opened.ok) expect(opened.error.message).toContain(sealed);
    expect(existsSync(out)).toBe(false);
  });

  it('knows the magic only at the start', () => {
    expect(isSealedBytes(Buffer.from(`x${MAGIC}`))).toBe(false);
    expect(isSealedBytes(Buffer.from(MAGIC.slice(0, 7)))).toBe(false);
  });
});
