// The background thread: work that must not stall the event loop that relays updates.
//   compact    — fold a document's snapshot and log (tens of ms per MB of document)
//   checkpoint — copy the SQLite WAL into the database file (it fsyncs; can take a while)
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { compactParts } from '../documents/compaction.ts';

export type Job =
  | {
      readonly id: number;
      readonly kind: 'compact';
      readonly parts: Uint8Array[];
      readonly gc: boolean;
    }
  | { readonly id: number; readonly kind: 'checkpoint'; readonly database: string };

const port = parentPort;
if (port === null) throw new Error('background/worker.ts runs as a worker thread');

const connections = new Map<string, Database.Database>();

port.on('message', (job: Job) => {
  try {
    if (job.kind === 'compact') {
      const { state, info } = compactParts(job.parts, job.gc);
      port.postMessage({ id: job.id, ok: true, value: { state, info } });
    } else {
      let db = connections.get(job.database);
      if (db === undefined) {
        db = new Database(job.database, { fileMustExist: true });
        db.pragma('busy_timeout = 1000');
        connections.set(job.database, db);
      }
      // PASSIVE: copies what it can without waiting for the writer.
      const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
      port.postMessage({ id: job.id, ok: true, value: row ?? null });
    }
  } catch (e) {
    port.postMessage({ id: job.id, ok: false, error: (e as Error).message });
  }
});
