// The heavy work of the "Your data" page, run in a worker (export.worker.ts) so the page stays
// responsive: building backups (and encrypting them), opening backup files, and turning the
// projection tables into CSV files, a zip of them, or a workbook. Exports read IndexedDB through
// a Dexie instance of their own, opened by name with the app's schema.
import { strToU8, zipSync } from 'fflate';
import { collectionNames, collections, type CollectionName } from '@tally/model';
import { createBackup, type BackupError } from '@tally/model/backup';
import { backupContents } from '@tally/model/exports/contents';
import { tableCsv } from '@tally/model/exports/csv';
import { openBackup } from '@tally/model/exports/migrate';
import { workbookSheets } from '@tally/model/exports/sheets';
import {
  buildTable,
  fileStem,
  finder,
  settingsTable,
  tableDefs,
  type ExportContext,
  type Row,
  type Table,
} from '@tally/model/exports/tables';
import { err, ok, type Result } from '@tally/model/result';
import { indexFields, type TallyDB } from '../store/schema.ts';
import { bestKdf, decrypt, encrypt, isEncrypted, type Kdf } from './crypto.ts';
import type {
  FileOut,
  JobError,
  JobRequest,
  JobResult,
  OpenedFile,
  Progress,
  TableOptions,
} from './protocol.ts';
import { workbookBytes, XLSX_TYPE } from './xlsx.ts';

export interface JobDeps {
  /** Opens the app's database by name (a second connection beside the page's). */
  openDb(name: string): TallyDB;
  progress(progress: Progress): void;
  /** The key derivation for new encrypted backups; the best this environment runs if absent. */
  kdf?: Kdf;
}

export const CSV_TYPE = 'text/csv;charset=utf-8';
export const ZIP_TYPE = 'application/zip';
export const JSON_TYPE = 'application/json';
export const ENCRYPTED_TYPE = 'application/octet-stream';

export async function runJob(request: JobRequest, deps: JobDeps): Promise<JobResult> {
  switch (request.type) {
    case 'backup':
      return ok(await makeBackup(request, deps));
    case 'open-backup':
      return openBackupFile(request.bytes, request.passphrase, deps);
    case 'csv':
    case 'csv-zip':
    case 'xlsx':
      return ok(await exportTables(request, deps));
  }
}

// ---- Backups ----

async function makeBackup(
  request: Extract<JobRequest, { type: 'backup' }>,
  deps: JobDeps,
): Promise<FileOut> {
  deps.progress({ stage: 'building', done: 0, total: request.docs.length });
  const backup = createBackup(request.docs, request.appVersion, request.createdAt, (done, total) =>
    deps.progress({ stage: 'building', done, total }),
  );
  const records = Object.entries(backup.records)
    .filter(([table]) => table !== 'settings')
    .reduce((sum, [, rows]) => sum + rows.length, 0);
  deps.progress({ stage: 'writing', done: request.docs.length, total: request.docs.length });
  const bytes = new TextEncoder().encode(JSON.stringify(backup));
  if (request.passphrase === undefined) return { bytes, type: JSON_TYPE, records };
  deps.progress({ stage: 'encrypting', done: 0, total: 1 });
  const kdf = deps.kdf ?? (await bestKdf());
  const sealed = await encrypt(bytes, request.passphrase, { kdf });
  deps.progress({ stage: 'encrypting', done: 1, total: 1 });
  return { bytes: sealed, type: ENCRYPTED_TYPE, records, kdf };
}

/** Opens a backup file, plain or encrypted, and checks every document in it. */
export async function openBackupFile(
  bytes: Uint8Array,
  passphrase: string | undefined,
  deps: Pick<JobDeps, 'progress'>,
): Promise<Result<OpenedFile, JobError>> {
  let plain = bytes;
  const encrypted = isEncrypted(bytes);
  if (encrypted) {
    if (passphrase === undefined || passphrase === '') {
      return err({
        kind: 'needs-passphrase',
        message: 'This backup is encrypted. Enter its passphrase to open it.',
      });
    }
    deps.progress({ stage: 'decrypting', done: 0, total: 1 });
    const opened = await decrypt(bytes, passphrase);
    if (!opened.ok) {
      const { kind, message } = opened.error;
      return err({ kind: kind === 'not-encrypted' ? 'not-a-backup' : kind, message });
    }
    plain = opened.value;
  }
  deps.progress({ stage: 'checking', done: 0, total: 1 });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    return err({
      kind: 'not-a-backup',
      message: 'This file is not a Tally backup (it is not text). Choose a tally-backup file.',
    });
  }
  const read = openBackup(text);
  if (!read.ok) return err(describeBackupError(read.error));
  deps.progress({ stage: 'checking', done: 1, total: 1 });
  return ok({
    encrypted,
    contents: backupContents(read.value.backup),
    docs: read.value.docs,
    ...(read.value.migratedFrom !== undefined && { migratedFrom: read.value.migratedFrom }),
  });
}

export function describeBackupError(error: BackupError): JobError {
  switch (error.kind) {
    case 'not-a-backup':
      return {
        kind: 'not-a-backup',
        message: `This file cannot be restored: ${error.message}. Choose a tally-backup file.`,
      };
    case 'newer-format':
      return {
        kind: 'newer-format',
        message: `This backup was made by a newer version of Tally (backup format ${error.formatVersion}; this version reads up to ${error.supported}). Update Tally on this device, then restore it. Nothing was changed.`,
      };
    case 'corrupt':
      return {
        kind: 'corrupt',
        message: `This backup is damaged: ${error.message}. Nothing was restored; try another copy.`,
      };
  }
}

// ---- Tables ----

type TableRequest = Extract<JobRequest, { type: 'csv' | 'csv-zip' | 'xlsx' }>;

/** Index-only fields the store adds to projection rows (not part of the record). */
function stripIndexFields(table: CollectionName, row: Row): Row {
  const added = Object.keys(indexFields(table, { id: '' })).filter((k) => k !== 'id');
  if (added.length === 0) return row;
  const copy = { ...row };
  for (const k of added) delete copy[k];
  return copy;
}

async function readCollections(
  db: TallyDB,
  names: readonly CollectionName[],
  deps: JobDeps,
): Promise<Partial<Record<CollectionName, Row[]>>> {
  const out: Partial<Record<CollectionName, Row[]>> = {};
  for (const [i, name] of names.entries()) {
    deps.progress({ stage: 'reading', done: i, total: names.length, label: collections[name].label });
    out[name] = (await db[name].toArray()).map((r) => stripIndexFields(name, r));
  }
  deps.progress({ stage: 'reading', done: names.length, total: names.length });
  return out;
}

function context(options: TableOptions, records: Partial<Record<string, Row[]>>): ExportContext {
  return { zone: options.zone, currency: options.currency, now: options.now, find: finder(records) };
}

async function exportTables(request: TableRequest, deps: JobDeps): Promise<FileOut> {
  const wanted = request.type === 'csv' ? [request.collection] : collectionNames;
  const needed = [...new Set([...wanted, ...wanted.flatMap((n) => tableDefs[n].uses)])];
  const db = deps.openDb(request.db);
  let records: Partial<Record<CollectionName, Row[]>>;
  let settings: Row | undefined;
  try {
    await db.open();
    records = await readCollections(db, needed, deps);
    settings = await db.settings.get('settings');
  } finally {
    db.close();
  }
  const ctx = context(request, records);
  const total = wanted.reduce((sum, n) => sum + (records[n]?.length ?? 0), 0);
  let before = 0;
  const tables: Table[] = wanted.map((name) => {
    const rows = records[name] ?? [];
    const table = buildTable(name, rows, ctx, (done) =>
      deps.progress({ stage: 'building', done: before + done, total, label: collections[name].label }),
    );
    before += rows.length;
    return table;
  });
  const csvOptions = { zone: request.zone, escapeFormulae: request.escapeFormulae, bom: true };
  deps.progress({ stage: 'writing', done: 0, total: 1 });
  if (request.type === 'csv') {
    const [table] = tables;
    const text = table ? tableCsv(table, csvOptions) : '';
    return { bytes: strToU8(text), type: CSV_TYPE, records: total };
  }
  const all = [...tables, settingsTable(stripId(settings))];
  if (request.type === 'csv-zip') {
    const files: Record<string, Uint8Array> = {
      'README.txt': strToU8(readme(request)),
    };
    for (const t of all) files[`${fileStem(t.name)}.csv`] = strToU8(tableCsv(t, csvOptions));
    return { bytes: zipSync(files, { level: 1 }), type: ZIP_TYPE, records: total };
  }
  const bytes = workbookBytes(workbookSheets(all, request.zone));
  return { bytes, type: XLSX_TYPE, records: total };
}

function stripId(row: Row | undefined): Row | undefined {
  if (!row) return undefined;
  const { id: _id, ...rest } = row;
  return rest;
}

function readme(options: TableOptions): string {
  return [
    'Your data from Tally, one CSV file per kind of record (UTF-8, comma-separated).',
    '',
    `Times are ISO 8601 in ${options.zone}, with their offset from UTC. Calendar dates are`,
    'YYYY-MM-DD. Money is a decimal number with its currency in the Currency column.',
    'Columns ending in "id" hold the ids that link records; the column before names the record.',
    'Lists are joined with ", " (tags) or "; " (ids).',
    options.escapeFormulae
      ? "Text that starts with = + - or @ has a ' in front, so spreadsheets do not run it."
      : '',
    '',
    'time-entries.csv can be imported again in Tally (Time → Import reads it as a Toggl Track file).',
    'For a complete copy that Tally can restore, download a backup instead.',
    '',
  ].join('\r\n');
}
