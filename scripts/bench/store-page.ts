// Runs in headless Chromium: the store's write path and cold-start reads against real IndexedDB.
import { Dexie } from 'dexie';
import * as Y from 'yjs';
import { Collection } from '@tally/model';
import { build, testIds } from '@tally/model/testing';
import { Store } from '../../web/lib/store/store.ts';
import { projectionIndexes } from '../../web/lib/store/schema.ts';

declare global {
  interface Window {
    bench: typeof bench;
  }
}

function makeStore(name: string, seed: number): Store {
  const ids = testIds(seed);
  return new Store({ name, ids, now: () => ids.clock.now() });
}

function entries(
  count: number,
  offset: number,
): { input: ReturnType<typeof build<'timeEntries'>>; at: number }[] {
  const base = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    const n = offset + i;
    const start = base + n * 600_000;
    return { input: build('timeEntries', n, { start, end: start + 300_000 }), at: start };
  });
}

const bench = {
  /** Creates `count` time entries through the store in one batch; returns ms. */
  async create(count: number, run: number): Promise<number> {
    const store = makeStore(`bench-create-${count}-${run}`, 1);
    await store.open();
    const items = entries(count, 0);
    const t0 = performance.now();
    const result = await store.createMany('timeEntries', items);
    const ms = performance.now() - t0;
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    await store.close();
    await store.db.delete();
    return ms;
  },

  /** IndexedDB's own cost on this machine now: Dexie bulkPut of the same rows into the same indexes. */
  async rawBulkPut(count: number, run: number, indexes = true): Promise<number> {
    const db = new Dexie(`bench-raw-${count}-${run}-${indexes}`);
    // Without indexes: the floor of IndexedDB itself here, whatever the schema.
    db.version(1).stores({ timeEntries: indexes ? projectionIndexes.timeEntries : 'id' });
    await db.open();
    const ids = testIds(5);
    const rows = entries(count, 0).map((e) => ({ ...e.input, id: ids.next(e.at) }));
    const t0 = performance.now();
    await db.table('timeEntries').bulkPut(rows);
    const ms = performance.now() - t0;
    db.close();
    await Dexie.delete(db.name);
    return ms;
  },

  /** Fills a database with `count` entries (batches of 10k). */
  async fill(name: string, count: number): Promise<void> {
    const store = makeStore(name, 2);
    await store.open();
    for (let done = 0; done < count; done += 10_000) {
      const r = await store.createMany(
        'timeEntries',
        entries(Math.min(10_000, count - done), done),
      );
      if (!r.ok) throw new Error(JSON.stringify(r.error));
    }
    await store.close();
  },

  /** Opens the database cold and reads the newest 50 entries from the projection; returns ms. */
  async coldFirstPage(name: string): Promise<{ ms: number; rows: number; loadedDocs: boolean }> {
    const t0 = performance.now();
    const store = makeStore(name, 3);
    await store.open();
    const rows = await store.db.timeEntries.orderBy('start').reverse().limit(50).toArray();
    const ms = performance.now() - t0;
    const loadedDocs = store.isLoaded('time-entries.2026');
    await store.close();
    return { ms, rows: rows.length, loadedDocs };
  },

  /** The size of the Yjs update one field edit produces in a document of `count` entries. */
  editSize(count: number): number {
    const ids = testIds(4);
    const doc = new Y.Doc();
    const c = new Collection(doc, 'time-entries.2026', 'timeEntries', 'bench');
    const list = entries(count, 0).map((e) => ({ id: ids.next(e.at), input: e.input }));
    c.createMany(list);
    let size = 0;
    doc.on('update', (u: Uint8Array) => (size = u.byteLength));
    c.update(list[Math.floor(count / 2)]?.id ?? '', {
      description: 'Call with the client about the Q3 plan',
    });
    return size;
  },
};

window.bench = bench;
document.body.dataset.ready = 'true';
