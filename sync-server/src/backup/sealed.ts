// Files sealed with the operator's passphrase: `backup --encrypt` and `export --encrypt`, so a
// copy on another disk or in someone's cloud is unreadable without it. The file is the sealed
// container of @tally/model/sealed, the app's encrypted backup: an exported user file sealed here
// opens in the app with the same passphrase, and a file the app sealed opens here.
//
// The server streams the cipher, so a database of any size is sealed without holding it in
// memory. Opening writes the plaintext to a private file and removes it again unless the tag at
// the end proved the whole file intact.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  pbkdf2,
  randomBytes,
  timingSafeEqual,
  type CipherGCM,
} from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { hashRaw, type Algorithm, type Options } from '@node-rs/argon2';
import { err, ok, type Result } from '@tally/model/result';
import {
  ARGON2ID,
  CHECK_BYTES,
  CHECK_LABEL,
  HEADER_BYTES,
  IV_BYTES,
  KEY_BYTES,
  MAGIC,
  SALT_BYTES,
  TAG_BYTES,
  isSealedContainer,
  readHeader as readContainerHeader,
  writeHeader,
  type Header,
  type Kdf,
} from '@tally/model/sealed';

// Algorithm.Argon2id: a const enum, not importable as a value.
const ARGON2ID_ALGORITHM = 2 as Algorithm;
const PRIVATE = 0o600;

export { HEADER_BYTES, MAGIC, type Kdf };

/** The app's default (64 MiB, 3 passes): backups are rare, and the memory makes guessing dear. */
export const OPERATOR_KDF: Kdf = ARGON2ID;

/** A passphrase shorter than this is refused for sealing, as in the app. */
export const MIN_PASSPHRASE_LENGTH = 8;

export type OpenError =
  | { kind: 'not-encrypted'; message: string }
  | { kind: 'unsupported'; message: string }
  | { kind: 'damaged'; message: string }
  | { kind: 'wrong-passphrase'; message: string };

function damaged(file: string): OpenError {
  return {
    kind: 'damaged',
    message: `${file} is damaged or was changed after it was sealed; nothing was restored`,
  };
}

/** Whether bytes start like a sealed Tally file. */
export const isSealedBytes = isSealedContainer;

/** Whether the file at `path` is sealed (reads its first bytes only). */
export async function isSealed(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return isSealedBytes(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

function readHeader(bytes: Uint8Array, file: string): Result<Header, OpenError> {
  const header = readContainerHeader(bytes);
  if (header.ok) return header;
  const problem = header.error;
  switch (problem.kind) {
    case 'not-sealed':
      return err({ kind: 'not-encrypted', message: `${file} is not an encrypted Tally file` });
    case 'unsupported':
      return err({
        kind: 'unsupported',
        message: problem.newer
          ? `${file} was sealed by a newer version of Tally (container ${problem.version}); update the server`
          : `${file} is sealed in a container version (${problem.version}) Tally never wrote`,
      });
    case 'damaged':
      return err(damaged(file));
  }
}

/** 64 bytes from the passphrase (NFC, UTF-8): the AES key, then the key-check key. */
async function deriveKeys(
  passphrase: string,
  kdf: Kdf,
  salt: Uint8Array,
): Promise<{ aes: Buffer; check: Buffer }> {
  const password = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  let bits: Buffer;
  if (kdf.name === 'argon2id') {
    const options: Options = {
      algorithm: ARGON2ID_ALGORITHM,
      memoryCost: kdf.memoryKiB,
      timeCost: kdf.iterations,
      parallelism: kdf.parallelism,
      outputLen: KEY_BYTES,
      salt,
    };
    bits = await hashRaw(password, options); // runs on libuv's thread pool
  } else {
    bits = await new Promise<Buffer>((resolve, reject) =>
      pbkdf2(password, salt, kdf.iterations, KEY_BYTES, 'sha256', (e, key) =>
        e ? reject(e) : resolve(key),
      ),
    );
  }
  const check = createHmac('sha256', bits.subarray(32, KEY_BYTES))
    .update(CHECK_LABEL)
    .digest()
    .subarray(0, CHECK_BYTES);
  return { aes: bits.subarray(0, 32), check };
}

export interface SealOptions {
  kdf?: Kdf;
  /** Random bytes; node:crypto's unless a test passes its own. */
  random?: (length: number) => Uint8Array;
}

async function startSeal(
  passphrase: string,
  options: SealOptions,
): Promise<{ header: Buffer; cipher: CipherGCM }> {
  const random = options.random ?? ((n: number) => randomBytes(n));
  const kdf = options.kdf ?? OPERATOR_KDF;
  const salt = random(SALT_BYTES);
  const iv = random(IV_BYTES);
  const { aes, check } = await deriveKeys(passphrase, kdf, salt);
  const header = Buffer.from(writeHeader({ kdf, salt, iv, check }));
  const cipher = createCipheriv('aes-256-gcm', aes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(header);
  return { header, cipher };
}

/** Seals bytes in memory (a user's export: a JSON file). */
export async function sealBytes(
  plaintext: Uint8Array,
  passphrase: string,
  options: SealOptions = {},
): Promise<Buffer> {
  const { header, cipher } = await startSeal(passphrase, options);
  return Buffer.concat([header, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/**
 * Seals the file `source` into `target`, streaming. `target` must already exist (created
 * private by the caller, who also chose its name); it is overwritten.
 */
export async function sealFile(
  source: string,
  target: string,
  passphrase: string,
  options: SealOptions = {},
): Promise<void> {
  const { header, cipher } = await startSeal(passphrase, options);
  await pipeline(
    async function* () {
      yield header;
      for await (const chunk of createReadStream(source) as AsyncIterable<Buffer>)
        yield cipher.update(chunk);
      yield cipher.final();
      yield cipher.getAuthTag();
    },
    createWriteStream(target, { flags: 'w', mode: PRIVATE }),
  );
}

/**
 * Opens the sealed file `source` into `target` (created private, overwritten). On any error
 * `target` is removed, so nothing unproven is left behind.
 */
export async function openSealedFile(
  source: string,
  target: string,
  passphrase: string,
): Promise<Result<void, OpenError>> {
  const size = (await stat(source)).size;
  const handle = await open(source, 'r');
  const headBytes = Buffer.alloc(HEADER_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  try {
    const { bytesRead } = await handle.read(headBytes, 0, HEADER_BYTES, 0);
    const header = readHeader(headBytes.subarray(0, bytesRead), source);
    if (!header.ok) return header;
    if (size < HEADER_BYTES + TAG_BYTES) return err(damaged(source));
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
    const { aes, check } = await deriveKeys(passphrase, header.value.kdf, header.value.salt);
    if (!timingSafeEqual(check, header.value.check)) {
      return err({
        kind: 'wrong-passphrase',
        message: `that passphrase does not open ${source}; nothing was restored`,
      });
    }
    const decipher = createDecipheriv('aes-256-gcm', aes, header.value.iv, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(headBytes);
    decipher.setAuthTag(tag);
    try {
      await pipeline(
        size - TAG_BYTES > HEADER_BYTES
          ? createReadStream(source, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 })
          : Readable.from([]),
        decipher,
        createWriteStream(target, { flags: 'w', mode: PRIVATE }),
      );
    } catch {
      await rm(target, { force: true });
      return err(damaged(source));
    }
    return ok(undefined);
  } finally {
    await handle.close();
  }
}

/** Opens sealed bytes in memory. */
export async function openSealedBytes(
  bytes: Uint8Array,
  passphrase: string,
  name = 'the file',
): Promise<Result<Buffer, OpenError>> {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = readHeader(file, name);
  if (!header.ok) return header;
  if (file.length < HEADER_BYTES + TAG_BYTES) return err(damaged(name));
  const { aes, check } = await deriveKeys(passphrase, header.value.kdf, header.value.salt);
  if (!timingSafeEqual(check, header.value.check))
    return err({ kind: 'wrong-passphrase', message: `that passphrase does not open ${name}` });
  const decipher = createDecipheriv('aes-256-gcm', aes, header.value.iv, {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(file.subarray(0, HEADER_BYTES));
  decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
  try {
    return ok(
      Buffer.concat([
        decipher.update(file.subarray(HEADER_BYTES, file.length - TAG_BYTES)),
        decipher.final(),
      ]),
    );
  } catch {
    return err(damaged(name));
  }
}
