// Encrypted backups: the backup file's bytes sealed with a passphrase, so a copy on a lost USB
// stick or in someone else's cloud is unreadable without it. WebCrypto does the cipher
// (AES-256-GCM); the key comes from the passphrase through Argon2id (hash-wasm, memory-hard) or,
// where WebAssembly cannot run, PBKDF2-HMAC-SHA256 with 600 000 iterations (WebCrypto). The file
// is the sealed container of @tally/model/sealed, which the server writes and reads too.
import { argon2id } from 'hash-wasm';
import { err, ok, type Result } from '@tally/model';
import {
  ARGON2ID,
  CHECK_BYTES,
  CHECK_LABEL,
  HEADER_BYTES,
  IV_BYTES,
  KEY_BYTES,
  PBKDF2,
  SALT_BYTES,
  TAG_BYTES,
  isSealedContainer,
  readHeader as readContainerHeader,
  writeHeader,
  type Header,
  type Kdf,
} from '@tally/model/sealed';

export { ARGON2ID, HEADER_BYTES, PBKDF2, type Kdf };

const CHECK_TEXT = new TextEncoder().encode(CHECK_LABEL);

export type DecryptError =
  | { kind: 'not-encrypted'; message: string }
  | { kind: 'unsupported'; message: string }
  | { kind: 'damaged'; message: string }
  | { kind: 'wrong-passphrase'; message: string }
  | { kind: 'kdf-unavailable'; message: string };

/** Whether bytes start like an encrypted Tally backup. */
export const isEncrypted = isSealedContainer;

export function readHeader(bytes: Uint8Array): Result<Header, DecryptError> {
  const header = readContainerHeader(bytes);
  if (header.ok) return bytes.length < HEADER_BYTES + TAG_BYTES ? err(damaged()) : header;
  const problem = header.error;
  switch (problem.kind) {
    case 'not-sealed':
      return err({ kind: 'not-encrypted', message: 'This is not an encrypted Tally backup.' });
    case 'unsupported':
      return err({
        kind: 'unsupported',
        message: problem.newer
          ? 'This backup was encrypted by a newer version of Tally. Update Tally on this device, then try again.'
          : 'This encrypted backup is of a kind Tally does not know.',
      });
    case 'damaged':
      return err(damaged());
  }
}

/** 64 bytes from the passphrase: the AES key, then the check key. */
export async function deriveBits(passphrase: string, kdf: Kdf, salt: Uint8Array): Promise<Uint8Array> {
  const password = new TextEncoder().encode(passphrase.normalize('NFC'));
  if (kdf.name === 'argon2id') {
    return argon2id({
      password,
      salt,
      memorySize: kdf.memoryKiB,
      iterations: kdf.iterations,
      parallelism: kdf.parallelism,
      hashLength: KEY_BYTES,
      outputType: 'binary',
    });
  }
  const base = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: own(salt), iterations: kdf.iterations },
    base,
    KEY_BYTES * 8,
  );
  return new Uint8Array(bits);
}

/** A WebCrypto key (named so, as `CryptoKey` is a type in browsers but a value in Node's types). */
type AesKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

async function keys(bits: Uint8Array): Promise<{ aes: AesKey; check: Uint8Array }> {
  const aes = await crypto.subtle.importKey('raw', bits.slice(0, 32), 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  const hmac = await crypto.subtle.importKey(
    'raw',
    bits.slice(32, KEY_BYTES),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmac, CHECK_TEXT));
  return { aes, check: mac.slice(0, CHECK_BYTES) };
}

export interface EncryptOptions {
  kdf?: Kdf;
  /** Random bytes; crypto.getRandomValues unless a test passes its own. */
  random?: (length: number) => Uint8Array;
}

const randomBytes = (length: number): Uint8Array => crypto.getRandomValues(new Uint8Array(length));

/** WebCrypto takes views of plain ArrayBuffers only. */
function own(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : new Uint8Array(bytes);
}

/** Seals `plaintext` with the passphrase into a container (see the top of this file). */
export async function encrypt(
  plaintext: Uint8Array,
  passphrase: string,
  options: EncryptOptions = {},
): Promise<Uint8Array> {
  const random = options.random ?? randomBytes;
  const kdf = options.kdf ?? ARGON2ID;
  const salt = random(SALT_BYTES);
  const iv = random(IV_BYTES);
  const { aes, check } = await keys(await deriveBits(passphrase, kdf, salt));
  const header = writeHeader({ kdf, salt, iv, check });
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: own(iv), additionalData: own(header) },
      aes,
      own(plaintext),
    ),
  );
  const out = new Uint8Array(header.length + sealed.length);
  out.set(header);
  out.set(sealed, header.length);
  return out;
}

/** Opens a container. A wrong passphrase and a damaged file are told apart where possible. */
export async function decrypt(
  file: Uint8Array,
  passphrase: string,
): Promise<Result<Uint8Array, DecryptError>> {
  const header = readHeader(file);
  if (!header.ok) return header;
  const { kdf, salt, iv } = header.value;
  let bits: Uint8Array;
  try {
    bits = await deriveBits(passphrase, kdf, salt);
  } catch (error) {
    return err({
      kind: 'kdf-unavailable',
      message: `This backup's key is made with ${kdf.name === 'argon2id' ? 'Argon2id' : 'PBKDF2'}, which could not run here (${error instanceof Error ? error.message : String(error)}). Open it in another browser.`,
    });
  }
  const { aes, check } = await keys(bits);
  if (!equal(check, header.value.check)) {
    return err({
      kind: 'wrong-passphrase',
      message: 'That passphrase does not open this backup. Check it and try again.',
    });
  }
  try {
    const opened = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: own(iv), additionalData: own(file.subarray(0, HEADER_BYTES)) },
      aes,
      own(file.subarray(HEADER_BYTES)),
    );
    return ok(new Uint8Array(opened));
  } catch {
    return err(damaged());
  }
}

function damaged(): DecryptError {
  return {
    kind: 'damaged',
    message:
      'This encrypted backup is damaged or was changed after it was made, so it cannot be opened. Try another copy.',
  };
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Argon2id where WebAssembly runs (a content security policy may forbid it), else PBKDF2. */
export async function bestKdf(): Promise<Kdf> {
  try {
    await argon2id({
      password: 'probe',
      salt: new Uint8Array(16),
      memorySize: 8,
      iterations: 1,
      parallelism: 1,
      hashLength: 16,
      outputType: 'binary',
    });
    return ARGON2ID;
  } catch {
    return PBKDF2;
  }
}

export function describeKdf(kdf: Kdf): string {
  return kdf.name === 'argon2id'
    ? `Argon2id (${kdf.memoryKiB / 1024} MiB, ${kdf.iterations} passes)`
    : `PBKDF2-SHA256 (${kdf.iterations.toLocaleString('en')} iterations)`;
}
