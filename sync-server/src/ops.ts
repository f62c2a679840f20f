// Operations on the database file, for the CLI: online backup, restore, per-user export in the
// app's backup format, and a consistency check. Backups and exports may be sealed with the
// operator's passphrase (backup/sealed.ts); restore opens sealed files.
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { err, ok, type Result } from '@tally/model/result';
import { normalizeName } from './accounts/accounts.ts';
import { REPO_ROOT } from './paths.ts';
import { isSealed, openSealedFile, sealBytes, sealFile, type Kdf } from './backup/sealed.ts';
import { inspectUpdate } from './protocol/update.ts';
import type { StoredDoc } from './storage/port.ts';
import { SqliteStorage } from './storage/sqlite.ts';

const PRIVATE = 0o600;

/** Seal the file written with the operator's passphrase. */
export interface Sealing {
  passphrase: string;
  /** The key derivation; the app's default (Argon2id, 64 MiB) unless a test asks for less. */
  kdf?: Kdf;
}

/**
 * A private scratch file beside the database, for the plaintext a sealed backup passes through:
 * it lies where the plaintext database already is, never beside the file being written (which
 * may be on another disk or a synced folder), and is removed afterwards.
 */
function scratchBeside(database: string, purpose: string): Result<string, string> {
  const dir = dirname(resolve(database));
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    return err(`${dir}: ${(e as Error).message}`);
  }
  const file = join(dir, `.${basename(database)}.${purpose}-${randomBytes(6).toString('hex')}.tmp`);
  const created = createPrivate(file);
  return created.ok ? ok(file) : created;
}

function removeQuietly(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`])
    rmSync(f, { force: true });
}

/** Creates `file` empty and private before anything is written to it; refuses to overwrite. */
function createPrivate(file: string): Result<void, string> {
  try {
    closeSync(openSync(file, 'wx', PRIVATE));
    chmodSync(file, PRIVATE); // in case the umask took bits away… or the file system added some
    return ok(undefined);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err(
      code === 'EEXIST'
        ? `${file} already exists; choose a new file name`
        : `${file}: ${(e as Error).message}`,
    );
  }
}

/**
 * A consistent copy of the live database (SQLite's online backup), readable only by its owner;
 * sealed with the operator's passphrase when `seal` is given.
 */
export async function backupDatabase(
  database: string,
  file: string,
  seal?: Sealing,
): Promise<Result<{ bytes: number; sealed: boolean }, string>> {
  if (!existsSync(database)) return err(`${database}: no such database`);
  const target = resolve(file);
  const created = createPrivate(target);
  if (!created.ok) return created;
  let copyTo = target;
  if (seal) {
    const scratch = scratchBeside(database, 'backup');
    if (!scratch.ok) {
      rmSync(target, { force: true });
      return scratch;
    }
    copyTo = scratch.value;
  }
  const db = new Database(database, { readonly: true, fileMustExist: true });
  let done = false;
  try {
    const meta = await db.backup(copyTo);
    // A backup is one self-contained file: no -wal or -shm beside it, even when read.
    const copy = new Database(copyTo);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    chmodSync(copyTo, PRIVATE);
    if (seal) {
      await sealFile(copyTo, target, seal.passphrase, seal.kdf ? { kdf: seal.kdf } : {});
      chmodSync(target, PRIVATE);
      done = true;
      return ok({ bytes: statSync(target).size, sealed: true });
    }
    done = true;
    return ok({
      bytes: meta.totalPages * (db.pragma('page_size', { simple: true }) as number),
      sealed: false,
    });
  } catch (e) {
    return err(`backup to ${target} failed: ${(e as Error).message}`);
  } finally {
    db.close();
    if (copyTo !== target) removeQuietly(copyTo);
    if (!done && seal) rmSync(target, { force: true });
  }
}

/** Checks that `file` is a sound Tally database. */
function checkBackupFile(file: string): Result<void, string> {
  if (!existsSync(file)) return err(`${file}: no such file`);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    if (integrity !== 'ok') return err(`${file} is damaged: ${integrity}`);
    const tables = new Set(
      (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
          name: string;
        }[]
      ).map((r) => r.name),
    );
    for (const table of ['users', 'devices', 'docs', 'doc_updates', 'doc_snapshots']) {
      if (!tables.has(table)) return err(`${file} is not a Tally database (no ${table} table)`);
    }
    return ok(undefined);
  } catch (e) {
    return err(`${file} is not a readable SQLite database: ${(e as Error).message}`);
  } finally {
    db?.close();
  }
}

/**
 * Replaces the database with a backup, plain or sealed. The current database is first backed up
 * beside itself (`<database>.before-restore-<time>.sqlite`). Stop the server first. A sealed file
 * is opened into a private scratch file and checked before anything is replaced: a wrong
 * passphrase or a damaged file leaves the database as it was.
 */
export async function restoreDatabase(
  database: string,
  file: string,
  now: number = Date.now(),
  passphrase?: string,
): Promise<Result<{ safetyCopy: string | null; sealed: boolean }, string>> {
  const source = resolve(file);
  if (!existsSync(source)) return err(`${source}: no such file`);
  let sealed: boolean;
  try {
    sealed = await isSealed(source);
  } catch (e) {
    return err(`${source}: ${(e as Error).message}`);
  }
  let plain = source;
  if (sealed) {
    if (passphrase === undefined || passphrase === '')
      return err(
        `${source} is encrypted: give its passphrase in TALLY_BACKUP_PASSPHRASE or with --key-file FILE`,
      );
    const scratch = scratchBeside(database, 'restore');
    if (!scratch.ok) return scratch;
    const opened = await openSealedFile(source, scratch.value, passphrase);
    if (!opened.ok) {
      removeQuietly(scratch.value);
      return err(opened.error.message);
    }
    plain = scratch.value;
  }
  try {
    const replaced = await replaceDatabase(database, plain, source, now);
    return replaced.ok ? ok({ ...replaced.value, sealed }) : replaced;
  } finally {
    if (plain !== source) removeQuietly(plain);
  }
}

async function replaceDatabase(
  database: string,
  plain: string,
  source: string,
  now: number,
): Promise<Result<{ safetyCopy: string | null }, string>> {
  const checked = checkBackupFile(plain);
  if (!checked.ok) return plain === source ? checked : err(checked.error.replace(plain, source));
  let safetyCopy: string | null = null;
  if (existsSync(database)) {
    safetyCopy = `${database}.before-restore-${new Date(now).toISOString().replace(/[:.]/g, '-')}.sqlite`;
    const saved = await backupDatabase(database, safetyCopy);
    if (!saved.ok) return err(`could not back up the current database first: ${saved.error}`);
  }
  const db = new Database(plain, { readonly: true, fileMustExist: true });
  try {
    await db.backup(database);
    chmodSync(database, PRIVATE);
  } catch (e) {
    return err(`restore failed: ${(e as Error).message}`);
  } finally {
    db.close();
  }
  // An older backup is brought up to the current schema.
  const opened = SqliteStorage.open(database);
  if (!opened.ok) return err(opened.error);
  await opened.value.close();
  return ok({ safetyCopy });
}

/** The merged state of a stored document. */
export function mergedState(doc: StoredDoc): Uint8Array {
  const parts = doc.updates.map((u) => u.data);
  if (doc.snapshot !== null) parts.unshift(doc.snapshot);
  if (parts.length === 0) return Uint8Array.of(0, 0);
  return parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdates(parts);
}

export function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Writes a user's documents as a Tally backup file (the format the app restores); sealed with
 * the passphrase when `seal` is given, which the app opens as an encrypted backup.
 */
export async function exportUser(
  storage: SqliteStorage,
  username: string,
  file: string,
  now: number = Date.now(),
  seal?: Sealing,
): Promise<Result<{ docs: number; sealed: boolean }, string>> {
  const name = normalizeName(username);
  const user = await storage.findUserByName(name);
  if (!user) return err(`no user named ${name}`);
  const stored = await storage.dump(user.id);
  const docs = stored.map(({ name: docName, doc }) => ({ name: docName, state: mergedState(doc) }));
  const backup = await import('@tally/model/backup');
  const text = JSON.stringify(backup.createBackup(docs, appVersion(), now), null, 1);
  const bytes = seal
    ? await sealBytes(
        new TextEncoder().encode(text),
        seal.passphrase,
        seal.kdf ? { kdf: seal.kdf } : {},
      )
    : text;
  const target = resolve(file);
  const created = createPrivate(target);
  if (!created.ok) return created;
  writeFileSync(target, bytes, { mode: PRIVATE });
  return ok({ docs: docs.length, sealed: seal !== undefined });
}

/** Integrity and foreign keys, then every stored update and snapshot decoded. */
export async function checkDatabase(
  storage: SqliteStorage,
): Promise<{ problems: string[]; docs: number; updates: number; files: number }> {
  const problems = await storage.check();
  let docs = 0;
  let updates = 0;
  let files = 0;
  for (const user of await storage.listUsers()) {
    for (const { name, doc } of await storage.dump(user.id)) {
      docs++;
      if (doc.snapshot !== null) {
        const info = inspectUpdate(doc.snapshot);
        if (!info.ok) problems.push(`${user.name}/${name}: the snapshot is damaged: ${info.error}`);
      }
      for (const u of doc.updates) {
        updates++;
        if (u.damaged !== undefined) {
          problems.push(`${user.name}/${name}: row ${u.seq} is damaged: ${u.damaged}`);
          continue;
        }
        const info = inspectUpdate(u.data);
        if (!info.ok)
          problems.push(`${user.name}/${name}: update ${u.seq} is damaged: ${info.error}`);
      }
    }
    // Kept files are addressed by the SHA-256 of their bytes: bytes that no longer hash to their
    // address would be refused by every device that fetches them.
    for (const { hash, size } of await storage.listFiles(user.id)) {
      files++;
      const data = await storage.getFile(user.id, hash);
      if (data === undefined) continue;
      if (data.length !== size)
        problems.push(
          `${user.name}: kept file ${hash} holds ${data.length} bytes, its row says ${size}`,
        );
      else if (createHash('sha256').update(data).digest('hex') !== hash)
        problems.push(`${user.name}: kept file ${hash} is damaged (its bytes hash differently)`);
    }
  }
  return { problems, docs, updates, files };
}
