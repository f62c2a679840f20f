// The IndexedDB layout, through Dexie. Two kinds of tables:
// - the documents: `docs` (one row per Yjs document: its compacted snapshot and log counters) and
//   `updates` (the append-only log of Yjs updates not yet folded into a snapshot);
// - the projections: one table per collection, with the indexes views query, written in the same
//   transaction as the update that changed them.
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { ProjectionName } from '@tally/model/projection';

export interface DocRow {
  name: string;
  /** The compacted state (a Yjs update) covering the log up to `uptoSeq`; absent before the first compaction. */
  state?: Uint8Array;
  uptoSeq: number;
  /** Updates in the log after `uptoSeq`, and their size: what triggers compaction. */
  logCount: number;
  logBytes: number;
  /** Epoch ms of the last write. */
  updatedAt: number;
}

export interface UpdateRow {
  seq?: number;
  doc: string;
  bytes: Uint8Array;
}

export interface RejectRow {
  table: string;
  id: string;
  doc: string;
  reason: string;
}

/** Device-only values: the sync token, server URL, projection version. Never synced. */
export interface LocalRow {
  key: string;
  value: unknown;
}

/** Content-addressed files kept on this device (activity sources), only when the user opts in. */
export interface BlobRow {
  hash: string;
  bytes: Uint8Array;
  name: string;
  addedAt: number;
}

export type Row = Record<string, unknown> & { id: string };

/**
 * Indexes per projection table, in Dexie's syntax (primary key first). Add an index here when a
 * view queries by a field; bump PROJECTION_VERSION when a row's shape changes, so projections are
 * rebuilt from the documents on the next start.
 */
export const projectionIndexes: Record<ProjectionName, string> = {
  settings: 'id',
  categories: 'id, name',
  bills: 'id, name, categoryId',
  monthlyOverrides: 'id, [billId+month], month',
  payments: 'id, [billId+date], date, transactionId',
  incomes: 'id, month',
  startingAmounts: 'id, month',
  accounts: 'id, name',
  transactions: 'id, [accountId+date], date, fingerprint, providerId, billId',
  payeeRules: 'id, billId',
  billMatchDismissals: 'id, transactionId, billId',
  clients: 'id, name',
  projects: 'id, clientId, name',
  tasks: 'id, projectId',
  timeEntries: 'id, start, end, running, [projectId+start], invoiceId, importKey',
  invoices: 'id, number, clientId, periodStart',
  invoiceLines: 'id, invoiceId',
  activities: 'id, start, sport, [sport+start], gearId, *sourceHashes',
  gear: 'id, name',
  sourceFiles: 'id, contentHash, activityId',
  activityMatchDismissals: 'id',
};

export const PROJECTION_VERSION = 2;

/** IndexedDB's own schema version: bump with any change to the tables or indexes above. */
export const DB_VERSION = 2;

/** Fields added to projection rows for indexing; they are not part of the record. */
export function indexFields(table: ProjectionName, row: Row): Row {
  if (table === 'timeEntries' && row.end === undefined) {
    // IndexedDB leaves rows without `end` out of the `end` index; this finds running timers.
    return { ...row, running: 1 };
  }
  if (table === 'activities') {
    const sources = (row.sources ?? []) as { contentHash?: string }[];
    return { ...row, sourceHashes: sources.flatMap((s) => (s.contentHash ? [s.contentHash] : [])) };
  }
  return row;
}

export type TallyDB = Dexie & {
  docs: EntityTable<DocRow, 'name'>;
  updates: EntityTable<UpdateRow, 'seq'>;
  rejects: Table<RejectRow, [string, string]>;
  local: EntityTable<LocalRow, 'key'>;
  blobs: EntityTable<BlobRow, 'hash'>;
} & { [K in ProjectionName]: Table<Row, string> };

export interface DbOptions {
  /** For tests and Node: an IndexedDB implementation (fake-indexeddb). */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

export function openDb(name = 'tally', options: DbOptions = {}): TallyDB {
  const db = new Dexie(name, options) as TallyDB;
  db.version(DB_VERSION).stores({
    docs: 'name',
    updates: '++seq, [doc+seq]',
    rejects: '[table+id], doc',
    local: 'key',
    blobs: 'hash',
    ...projectionIndexes,
  });
  return db;
}

export const projectionTables = Object.keys(projectionIndexes) as ProjectionName[];
