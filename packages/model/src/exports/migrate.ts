// Opening backup files of every format version this app knows. A file of an older format is
// brought up to date step by step (each step a pure function of the file's JSON) before it is
// validated by backup.readBackup; a file of a newer format is refused, never guessed at.
//
// Version 1 is the first format Tally wrote, so the list of steps is empty today. When version 2
// comes, its step goes here as `{ from: 1, … }`, and version-1 files keep opening.
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  readBackup,
  type Backup,
  type BackupError,
} from '../backup.ts';
import type { DocName } from '../documents.ts';
import { err, type Result } from '../result.ts';

export interface BackupMigration {
  /** The format version this step reads; it writes `from + 1`. */
  from: number;
  migrate(json: Record<string, unknown>): Result<Record<string, unknown>, string>;
}

export const backupMigrations: readonly BackupMigration[] = [];

export type OpenedBackup = {
  backup: Backup;
  docs: { name: DocName; state: Uint8Array }[];
  /** The file's own format version, when it was older and brought up to date. */
  migratedFrom?: number;
};

/** Brings a parsed backup of an older format up to `current`; other files pass unchanged. */
export function upgradeBackup(
  json: unknown,
  migrations: readonly BackupMigration[] = backupMigrations,
  current = BACKUP_VERSION,
): Result<unknown, BackupError> {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return err({ kind: 'not-a-backup', message: 'this is not a Tally backup file' });
  let file = json as Record<string, unknown>;
  if (file.format !== BACKUP_FORMAT)
    return err({ kind: 'not-a-backup', message: 'this is not a Tally backup file' });
  const stated = file.formatVersion;
  if (typeof stated !== 'number' || !Number.isInteger(stated))
    return err({ kind: 'corrupt', message: 'the file does not say which format version it is' });
  let version = stated;
  if (version > current)
    return err({ kind: 'newer-format', formatVersion: version, supported: current });
  while (version < current) {
    const from: number = version;
    const step = migrations.find((m) => m.from === from);
    if (!step) {
      return err({
        kind: 'corrupt',
        message: `it says it is of format version ${from}, which no version of Tally wrote`,
      });
    }
    const next = step.migrate(file);
    if (!next.ok)
      return err({
        kind: 'corrupt',
        message: `it could not be updated from version ${from}: ${next.error}`,
      });
    file = { ...next.value, formatVersion: from + 1 };
    version = from + 1;
  }
  return { ok: true, value: file };
}

/**
 * Reads a backup file's text of any known format version: parses, brings an older format up to
 * date, then validates every document (backup.readBackup).
 */
export function openBackup(
  text: string,
  migrations: readonly BackupMigration[] = backupMigrations,
): Result<OpenedBackup, BackupError> {
  // The current format, as createBackup writes it, names its version near the start: read it
  // from there and parse the (possibly large) file only once.
  const peeked =
    /^\s*\{\s*"format"\s*:\s*"tally-backup"\s*,\s*"formatVersion"\s*:\s*(\d+)\s*,/.exec(
      text.slice(0, 200),
    );
  if (peeked && Number(peeked[1]) === BACKUP_VERSION) return readBackup(text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return readBackup(text); // its message for text that is not JSON
  }
  const upgraded = upgradeBackup(json, migrations);
  if (!upgraded.ok) return upgraded;
  const from = (json as { formatVersion: number }).formatVersion;
  const read = readBackup(from === BACKUP_VERSION ? text : JSON.stringify(upgraded.value));
  if (!read.ok || from === BACKUP_VERSION) return read;
  return { ok: true, value: { ...read.value, migratedFrom: from } };
}
