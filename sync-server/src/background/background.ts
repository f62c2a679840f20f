// A worker thread for background work (see worker.ts), started on demand and stopped after five
// quiet seconds (an idle thread still holds 15–20 MB); or, with `inline`, the same work done on
// the calling thread (tests, the CLI).
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { err, ok, type Result } from '@tally/model/result';
import { compactParts, type CompactionResult } from '../documents/compaction.ts';
import { WORKER_URL } from '../paths.ts';

export interface Background {
  compact(parts: Uint8Array[], gc: boolean): Promise<Result<CompactionResult, string>>;
  /** A PASSIVE WAL checkpoint of the database, on a connection of its own. */
  checkpoint(database: string): Promise<Result<void, string>>;
  close(): Promise<void>;
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export function inlineBackground(): Background {
  const attempt = <T>(work: () => T): Promise<Result<T, string>> => {
    try {
      return Promise.resolve(ok(work()));
    } catch (e) {
      return Promise.resolve(err((e as Error).message));
    }
  };
  return {
    compact: (parts, gc) => attempt(() => compactParts(parts, gc)),
    checkpoint: (database) =>
      attempt(() => {
        const db = new Database(database, { fileMustExist: true });
        try {
          db.pragma('wal_checkpoint(PASSIVE)');
        } finally {
          db.close();
        }
      }),
    close: () => Promise.resolve(),
  };
}

export function workerBackground(idleMs = 5_000): Background {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, (r: Result<unknown, string>) => void>();
  let idleTimer: NodeJS.Timeout | undefined;

  const failAll = (message: string): void => {
    for (const resolve of pending.values()) resolve(err(message));
    pending.clear();
  };

  const armIdle = (): void => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (pending.size === 0 && worker) {
        const w = worker;
        worker = null;
        void w.terminate();
      }
    }, idleMs);
    idleTimer.unref();
  };

  const start = (): Worker => {
    const w = new Worker(WORKER_URL);
    w.unref();
    w.on('message', (reply: Reply) => {
      const resolve = pending.get(reply.id);
      pending.delete(reply.id);
      resolve?.(reply.ok ? ok(reply.value) : err(reply.error));
      if (pending.size === 0) armIdle();
    });
    w.on('error', (e: Error) => {
      if (worker === w) worker = null;
      failAll(`the background worker failed: ${e.message}`);
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
      failAll('the background worker exited');
    });
    return w;
  };

  const run = (job: Record<string, unknown>): Promise<Result<unknown, string>> => {
    clearTimeout(idleTimer);
    worker ??= start();
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      (worker as Worker).postMessage({ ...job, id });
    });
  };

  return {
    compact: (parts, gc) =>
      run({ kind: 'compact', parts, gc }) as Promise<Result<CompactionResult, string>>,
    checkpoint: async (database) => {
      const result = await run({ kind: 'checkpoint', database });
      return result.ok ? ok(undefined) : result;
    },
    async close() {
      clearTimeout(idleTimer);
      const w = worker;
      worker = null;
      failAll('the server is shutting down');
      if (w) await w.terminate();
    },
  };
}
