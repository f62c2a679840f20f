// Encrypted backups: the backup file's bytes sealed with a passphrase, so a copy on a lost USB
// stick or in someone else's cloud is unreadable without it. WebCrypto does the cipher
// (AES-256-GCM); the key comes from the passphrase through Argon2id (hash-wasm, memory-hard) or,
// where WebAssembly cannot run, PBKDF2-HMAC-SHA256 with 600 000 iterations (WebCrypto).
//
// The file, container version 1 (all integers big-endian):
//
//   offset size  field
//        0    8  magic: ASCII "TALLYENC"
//        8    1  container version: 1
//        9    1  KDF: 1 = Argon2id (v1.3), 2 = PBKDF2-HMAC-SHA256
//       10    4  Argon2id memory in KiB (0 for PBKDF2)
//       14    4  iterations (Argon2id passes, or PBKDF2 iterations)
//       18    1  Argon2id parallelism (0 for PBKDF2)
//       19   16  salt (random)
//       35   12  AES-GCM IV (random)
//       47   16  key check: HMAC-SHA256(check key, "tally key check"), first 16 bytes
//       63    …  AES-256-GCM ciphertext of the backup file, with its 16-byte tag at the end;
//               the 63 header bytes are its additional authenticated data
//
// The KDF gives 64 bytes from the passphrase (Unicode NFC, UTF-8) and the salt: the first 32 are
// the AES key, the last 32 the check key. The key check tells a wrong passphrase apart from a
// damaged or altered file (it says nothing an attacker could not learn by trying the passphrase
// against the tag anyway); the tag, over the header too, catches any other change.
import { argon2id } from 'hash-wasm';
import { err, ok, type Result } from '@tally/model';

export const MAGIC = 'TALLYENC';
export const CONTAINER_VERSION = 1;
export const HEADER_BYTES = 63;
const TAG_BYTES = 16;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const CHECK_BYTES = 16;
const CHECK_LABEL = new TextEncoder().encode('tally key check');

export type Kdf =
  | { name: 'argon2id'; memoryKiB: number; iterations: number; parallelism: number }
  | { name: 'pbkdf2-sha256'; iterations: number };

/** OWASP's first Argon2id choice is 19 MiB × 2; this spends more memory, as backups are rare. */
export const ARGON2ID: Kdf = { name: 'argon2id', memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 };
export const PBKDF2: Kdf = { name: 'pbkdf2-sha256', iterations: 600_000 };

// What a file may ask for: enough for any sane setting, not enough to hang the device.
const LIMITS = {
  argon2Memory: [8, 1024 * 1024],
  argon2Iterations: [1, 64],
  argon2Parallelism: [1, 16],
  pbkdf2Iterations: [1, 20_000_000],
} as const;

export interface Header {
  version: number;
  kdf: Kdf;
  salt: Uint8Array;
  iv: Uint8Array;
  check: Uint8Array;
}

export type DecryptError =
  | { kind: 'not-encrypted'; message: string }
  | { kind: 'unsupported'; message: string }
  | { kind: 'damaged'; message: string }
  | { kind: 'wrong-passphrase'; message: string }
  | { kind: 'kdf-unavailable'; message: string };

/** Whether bytes start like an encrypted Tally backup. */
export function isEncrypted(bytes: Uint8Array): boolean {
  if (bytes.length < MAGIC.length) return false;
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) return false;
  return true;
}

export function writeHeader(header: Header): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES);
  const view = new DataView(out.buffer);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  out[8] = header.version;
  const k = header.kdf;
  out[9] = k.name === 'argon2id' ? 1 : 2;
  view.setUint32(10, k.name === 'argon2id' ? k.memoryKiB : 0);
  view.setUint32(14, k.iterations);
  out[18] = k.name === 'argon2id' ? k.parallelism : 0;
  out.set(header.salt, 19);
  out.set(header.iv, 35);
  out.set(header.check, 47);
  return out;
}

const inRange = (n: number, [min, max]: readonly [number, number]): boolean => n >= min && n <= max;

export function readHeader(bytes: Uint8Array): Result<Header, DecryptError> {
  if (!isEncrypted(bytes))
    return err({ kind: 'not-encrypted', message: 'This is not an encrypted Tally backup.' });
  if (bytes.length < HEADER_BYTES + TAG_BYTES) return err(damaged());
  const version = bytes[8] ?? 0;
  if (version !== CONTAINER_VERSION) {
    return err({
      kind: 'unsupported',
      message:
        version > CONTAINER_VERSION
          ? 'This backup was encrypted by a newer version of Tally. Update Tally on this device, then try again.'
          : 'This encrypted backup is of a kind Tally does not know.',
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kdfId = bytes[9];
  const memory = view.getUint32(10);
  const iterations = view.getUint32(14);
  const parallelism = bytes[18] ?? 0;
  let kdf: Kdf;
  if (
    kdfId === 1 &&
    inRange(memory, LIMITS.argon2Memory) &&
    inRange(iterations, LIMITS.argon2Iterations) &&
    inRange(parallelism, LIMITS.argon2Parallelism) &&
    memory >= 8 * parallelism
  ) {
    kdf = { name: 'argon2id', memoryKiB: memory, iterations, parallelism };
  } else if (kdfId === 2 && inRange(iterations, LIMITS.pbkdf2Iterations)) {
    kdf = { name: 'pbkdf2-sha256', iterations };
  } else {
    return err(damaged());
  }
  return ok({
    version,
    kdf,
    salt: bytes.slice(19, 19 + SALT_BYTES),
    iv: bytes.slice(35, 35 + IV_BYTES),
    check: bytes.slice(47, 47 + CHECK_BYTES),
  });
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
      hashLength: 64,
      outputType: 'binary',
    });
  }
  const base = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: own(salt), iterations: kdf.iterations },
    base,
    512,
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
    bits.slice(32, 64),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmac, CHECK_LABEL));
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
  const header = writeHeader({ version: CONTAINER_VERSION, kdf, salt, iv, check });
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
