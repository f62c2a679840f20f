// The page side of the import benchmark: a worker parses, the page writes each batch to the
// store (as the app does) while a timer measures how long the main thread is ever blocked.
import { testIds } from '@tally/model/testing';
import { Store } from '../../web/lib/store/store.ts';
import type { Batch } from './import-worker.ts';

declare global {
  interface Window {
    benchImport: (count: number) => Promise<Record<string, number>>;
  }
}

window.benchImport = async (count) => {
  const ids = testIds(9);
  const store = new Store({ name: `bench-import-${count}`, ids, now: () => Date.now() });
  await store.open();
  let maxLag = 0;
  let last = performance.now();
  const lagTimer = setInterval(() => {
    const now = performance.now();
    maxLag = Math.max(maxLag, now - last - 10);
    last = now;
  }, 10);
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
  const t0 = performance.now();
  let imported = 0;
  let failed = 0;
  let writeMs = 0;
  const writes: Promise<void>[] = [];
  const done = new Promise<{ bytes: number; importMs: number }>((resolve) => {
    worker.onmessage = (
      event: MessageEvent<Batch | { type: 'done'; bytes: number; importMs: number }>,
    ) => {
      const data = event.data;
      if (data.type === 'done') return resolve(data);
      failed += data.failed;
      writes.push(
        (async () => {
          const w0 = performance.now();
          const r = await store.createMany(
            'activities',
            data.items.map((i) => ({ id: i.id, input: i.input })),
          );
          writeMs += performance.now() - w0;
          if (!r.ok) throw new Error(JSON.stringify(r.error));
          imported += data.items.length;
        })(),
      );
    };
  });
  worker.postMessage({ count, batch: 50 });
  const { bytes, importMs } = await done;
  await Promise.all(writes);
  const totalMs = performance.now() - t0;
  clearInterval(lagTimer);
  worker.terminate();
  const stored = await store.db.activities.count();
  await store.close();
  await store.db.delete();
  return { count, imported, failed, stored, bytes, totalMs, importMs, writeMs, maxLagMs: maxLag };
};
document.body.dataset.ready = 'true';
