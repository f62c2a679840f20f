// The backup file: every document's full Yjs state (what a restore merges back, exactly), plus a
// JSON rendering of every record so the file is useful without Tally. Both the PWA and the
// server's `export USER` write this format.
import * as v from 'valibot';
import * as Y from 'yjs';
import { Collection } from './collection.ts';
import { isDocName, type DocName } from './documents.ts';
import { allRecords } from './projection.ts';
import { err, ok, type Result } from './result.ts';
import { SettingsMap } from './settings.ts';

export const BACKUP_FORMAT = 'tally-backup';
export const BACKUP_VERSION = 1;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  appVersion: string;
  /** ISO 8601. */
  createdAt: string;
  docs: { name: DocName; state: string }[];
  records: Record<string, Record<string, unknown>[]>;
}

const backupSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  formatVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  appVersion: v.string(),
  createdAt: v.string(),
  docs: v.array(
    v.object({
      name: v.pipe(v.string(), v.check(isDocName, 'not a document name')),
      state: v.string(),
    }),
  ),
  records: v.record(v.string(), v.array(v.record(v.string(), v.unknown()))),
});

/** Builds a backup from documents' encoded states, reporting each document done. */
export function createBackup(
  docs: readonly { name: DocName; state: Uint8Array }[],
  appVersion: string,
  createdAt: number,
  onProgress?: (done: number, total: number) => void,
): Backup {
  const records: Record<string, Record<string, unknown>[]> = {};
  for (const [i, { name, state }] of docs.entries()) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    for (const [table] of allRecords(doc, name)) {
      const rows =
        table === 'settings'
          ? [new SettingsMap(doc, null).get() as Record<string, unknown>]
          : new Collection(doc, name, table, null).all();
      (records[table] ??= []).push(...rows);
    }
    doc.destroy();
    onProgress?.(i + 1, docs.length);
  }
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_VERSION,
    appVersion,
    createdAt: new Date(createdAt).toISOString(),
    docs: docs.map(({ name, state }) => ({ name, state: toBase64(state) })),
    records,
  };
}

export type BackupError =
  | { kind: 'not-a-backup'; message: string }
  | { kind: 'newer-format'; formatVersion: number; supported: number }
  | { kind: 'corrupt'; message: string };

/** Reads a backup file's text: checks the format and version and that every state decodes. */
export function readBackup(
  text: string,
): Result<{ backup: Backup; docs: { name: DocName; state: Uint8Array }[] }, BackupError> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err({
      kind: 'not-a-backup',
      message: 'the file is not JSON — is it a Tally backup, or was it cut short?',
    });
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== BACKUP_FORMAT)
    return err({ kind: 'not-a-backup', message: 'this is not a Tally backup file' });
  const version = (json as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > BACKUP_VERSION) {
    return err({ kind: 'newer-format', formatVersion: version, supported: BACKUP_VERSION });
  }
  const parsed = v.safeParse(backupSchema, json);
  if (!parsed.success) return err({ kind: 'corrupt', message: v.summarize(parsed.issues) });
  const docs: { name: DocName; state: Uint8Array }[] = [];
  for (const { name, state } of parsed.output.docs) {
    const bytes = fromBase64(state);
    if (!bytes) return err({ kind: 'corrupt', message: `the data of ${name} is damaged` });
    if (!isCompleteUpdate(bytes))
      return err({ kind: 'corrupt', message: `the data of ${name} is damaged` });
    docs.push({ name, state: bytes });
  }
  return ok({ backup: parsed.output, docs });
}

/** Whether bytes decode as a Yjs update that applies whole, with nothing left waiting. */
export function isCompleteUpdate(bytes: Uint8Array): boolean {
  const doc = new Y.Doc();
  try {
    Y.decodeUpdate(bytes);
    Y.applyUpdate(doc, bytes);
    return doc.store.pendingStructs === null && doc.store.pendingDs === null;
  } catch {
    return false;
  } finally {
    doc.destroy();
  }
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array | undefined {
  try {
    const s = atob(text);
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}
