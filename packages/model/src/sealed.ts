// The sealed container: a file encrypted with a passphrase, as the app writes its encrypted
// backups and the server its `backup --encrypt` and `export --encrypt`. One layout for both, so
// that a file sealed on one side opens on the other. The cipher and the key derivation run at
// the edges (WebCrypto and hash-wasm in the app, node:crypto and @node-rs/argon2 on the server);
// this module only knows the bytes.
//
// Container version 1 (all integers big-endian):
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
//       63    …  AES-256-GCM ciphertext of the file, with its 16-byte tag at the end;
//               the 63 header bytes are its additional authenticated data
//
// The KDF gives 64 bytes from the passphrase (Unicode NFC, UTF-8) and the salt: the first 32 are
// the AES key, the last 32 the check key. The key check tells a wrong passphrase apart from a
// damaged or altered file (it says nothing an attacker could not learn by trying the passphrase
// against the tag anyway); the tag, over the header too, catches any other change.
import { err, ok, type Result } from './result.ts';

export const MAGIC = 'TALLYENC';
export const CONTAINER_VERSION = 1;
export const HEADER_BYTES = 63;
export const TAG_BYTES = 16;
export const SALT_BYTES = 16;
export const IV_BYTES = 12;
export const CHECK_BYTES = 16;
/** What the check key signs. */
export const CHECK_LABEL = 'tally key check';
/** Bytes the KDF derives: the AES key, then the check key. */
export const KEY_BYTES = 64;

export type Kdf =
  | { name: 'argon2id'; memoryKiB: number; iterations: number; parallelism: number }
  | { name: 'pbkdf2-sha256'; iterations: number };

/** OWASP's first Argon2id choice is 19 MiB × 2; this spends more memory, as backups are rare. */
export const ARGON2ID: Kdf = {
  name: 'argon2id',
  memoryKiB: 64 * 1024,
  iterations: 3,
  parallelism: 1,
};
/** Where WebAssembly cannot run: OWASP's PBKDF2-HMAC-SHA256 figure. */
export const PBKDF2: Kdf = { name: 'pbkdf2-sha256', iterations: 600_000 };

// What a file may ask for: enough for any sane setting, not enough to hang the device or the
// server on a hostile header.
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

/** Why a header cannot be used; each side words the message for its own reader. */
export type HeaderProblem =
  | { kind: 'not-sealed' }
  /** A container version this code does not read (`newer`: written by a later Tally). */
  | { kind: 'unsupported'; version: number; newer: boolean }
  | { kind: 'damaged' };

/** Whether bytes start like a sealed container. */
export function isSealedContainer(bytes: Uint8Array): boolean {
  if (bytes.length < MAGIC.length) return false;
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) return false;
  return true;
}

/** The 63 header bytes, for the current container version. */
export function writeHeader(header: Omit<Header, 'version'>): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES);
  const view = new DataView(out.buffer);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  out[8] = CONTAINER_VERSION;
  const k = header.kdf;
  out[9] = k.name === 'argon2id' ? 1 : 2;
  view.setUint32(10, k.name === 'argon2id' ? k.memoryKiB : 0);
  view.setUint32(14, k.iterations);
  out[18] = k.name === 'argon2id' ? k.parallelism : 0;
  out.set(header.salt.subarray(0, SALT_BYTES), 19);
  out.set(header.iv.subarray(0, IV_BYTES), 35);
  out.set(header.check.subarray(0, CHECK_BYTES), 47);
  return out;
}

const inRange = (n: number, [min, max]: readonly [number, number]): boolean => n >= min && n <= max;

/** Reads the header at the start of `bytes` (which may be the whole file or its first bytes). */
export function readHeader(bytes: Uint8Array): Result<Header, HeaderProblem> {
  if (!isSealedContainer(bytes)) return err({ kind: 'not-sealed' });
  if (bytes.length < HEADER_BYTES) return err({ kind: 'damaged' });
  const version = bytes[8] ?? 0;
  if (version !== CONTAINER_VERSION)
    return err({ kind: 'unsupported', version, newer: version > CONTAINER_VERSION });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const memory = view.getUint32(10);
  const iterations = view.getUint32(14);
  const parallelism = bytes[18] ?? 0;
  let kdf: Kdf;
  if (
    bytes[9] === 1 &&
    inRange(memory, LIMITS.argon2Memory) &&
    inRange(iterations, LIMITS.argon2Iterations) &&
    inRange(parallelism, LIMITS.argon2Parallelism) &&
    memory >= 8 * parallelism
  ) {
    kdf = { name: 'argon2id', memoryKiB: memory, iterations, parallelism };
  } else if (bytes[9] === 2 && inRange(iterations, LIMITS.pbkdf2Iterations)) {
    kdf = { name: 'pbkdf2-sha256', iterations };
  } else {
    return err({ kind: 'damaged' });
  }
  return ok({
    version,
    kdf,
    salt: bytes.slice(19, 19 + SALT_BYTES),
    iv: bytes.slice(35, 35 + IV_BYTES),
    check: bytes.slice(47, 47 + CHECK_BYTES),
  });
}
