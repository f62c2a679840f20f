import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { collectionNames, projection } from '@tally/model';
import { build, testIds } from '@tally/model/testing';
import { Store, type StoreEvent } from './store.ts';
import { indexFields, projectionTables, type Row } from './schema.ts';

let counter = 0;
const open: Store[] = [];

/** A fresh IndexedDB (one per test) and a store on it; `tab` opens another store on the same one. */
async function setup(options: { compactAfterUpdates?: number } = {}) {
  const indexedDB = new IDBFactory();
  const name = `tally-test-${++counter}`;
  const ids = testIds(counter);
  const make = async (): Promise<Store> => {
    const store = new Store({
      name,
      indexedDB,
      IDBKeyRange,
      ids,
      now: () => ids.clock.now(),
      compactDelayMs: 0,
      ...options,
    });
    await store.open();
    open.push(store);
    return store;
  };
  return { make, ids, store: await make() };
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** Every projection table's rows, sorted, without empty tables. */
async function tables(store: Store): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const t of projectionTables) {
    const rows = await store.db[t].toArray();
    if (rows.length > 0) out[t] = rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  }
  return out;
}

/** The projection tables computed directly from the stored documents. */
async function expectedTables(store: Store): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const name of await store.docNames()) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await store.encodedState(name));
    for (const d of projection.project(doc, name, projection.allRecords(doc, name))) {
      for (const row of d.puts) (out[d.table] ??= []).push(indexFields(d.table, row as Row));
    }
  }
  for (const rows of Object.values(out)) rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  return out;
}

async function docJson(store: Store, name: string): Promise<unknown> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await store.encodedState(name));
  return doc.toJSON();
}

function nextEvent(store: Store, type: StoreEvent['type']): Promise<StoreEvent> {
  return new Promise((resolve) => {
    const off = store.onEvent((e) => {
      if (e.type === type) {
        off();
        resolve(e);
      }
    });
  });
}

/** Makes a method reject from now on (a dying tab, a full disk); returns the undo. */
function breakMethod<T extends object>(
  target: T,
  method: keyof T & string,
  error: Error,
): () => void {
  const original: unknown = target[method];
  Object.defineProperty(target, method, {
    value: () => Promise.reject(error),
    configurable: true,
    writable: true,
  });
  return () =>
    Object.defineProperty(target, method, { value: original, configurable: true, writable: true });
}

async function fill(store: Store): Promise<void> {
  const bill = await store.create('bills', build('bills', 1));
  expect(bill.ok).toBe(true);
  await store.create('categories', build('categories', 1));
  await store.create('timeEntries', build('timeEntries', 1), { at: Date.UTC(2025, 5, 1) });
  await store.create('timeEntries', build('timeEntries', 2), { at: Date.UTC(2026, 5, 1) });
  await store.create('activities', build('activities', 1), { at: Date.UTC(2026, 3, 1) });
  await store.updateSettings({ currency: 'EUR' });
}

describe('Store', () => {
  it('writes records to their documents and projection rows in the same step', async () => {
    const { store } = await setup();
    const created = await store.create('bills', build('bills', 1, { name: 'Rent' }));
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const id = created.value.id;
    expect(await store.db.bills.get(id)).toMatchObject({ id, name: 'Rent' });
    expect(await store.db.updates.count()).toBeGreaterThan(0);

    await store.update('bills', id, { amount: 4200 });
    expect((await store.db.bills.get(id))?.amount).toBe(4200);
    await store.remove('bills', id);
    expect(await store.db.bills.get(id)).toBeUndefined();
  });

  it('places yearly records in the document of their year', async () => {
    const { store } = await setup();
    await fill(store);
    expect(await store.docNames()).toEqual([
      'settings',
      'bills',
      'activities.2026',
      'time-entries.2026',
      'time-entries.2025',
    ]);
  });

  it('persists: a reopened store has identical documents and projections', async () => {
    const { store, make } = await setup();
    await fill(store);
    const before = await tables(store);
    const docsBefore = await Promise.all((await store.docNames()).map((n) => docJson(store, n)));
    await store.close();

    const reopened = await make();
    expect(await tables(reopened)).toEqual(before);
    expect(await Promise.all((await reopened.docNames()).map((n) => docJson(reopened, n)))).toEqual(
      docsBefore,
    );
    expect(before).toEqual(await expectedTables(reopened));
    expect(before.settings?.[0]).toMatchObject({ currency: 'EUR' });
  });

  it('serves projections without loading any document', async () => {
    const { store, make } = await setup();
    await fill(store);
    await store.close();
    const reopened = await make();
    const newest = await reopened.db.timeEntries.orderBy('start').reverse().limit(50).toArray();
    expect(newest).toHaveLength(2);
    expect(reopened.isLoaded('time-entries.2026')).toBe(false);
  });

  it('refuses invalid writes with a reason and stores nothing', async () => {
    const { store } = await setup();
    const updatesBefore = await store.db.updates.count();
    const bad = await store.create('bills', { ...build('bills', 1), amount: 1.5 });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(await store.db.bills.count()).toBe(0);
    // Opening the bills document stamps its schema version; nothing else is written.
    expect(await store.db.updates.count()).toBeLessThanOrEqual(updatesBefore + 1);
  });

  it('applies a batch across documents all or nothing', async () => {
    const { store, ids } = await setup();
    const entryId = store.newId(Date.UTC(2026, 1, 1));
    const invoiceId = ids.next();
    const failing = await store.apply([
      { op: 'create', collection: 'timeEntries', id: entryId, data: build('timeEntries', 1) },
      {
        op: 'create',
        collection: 'invoices',
        id: invoiceId,
        data: { ...build('invoices', 1), currency: 'euro' },
      },
    ]);
    expect(failing).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(await store.db.timeEntries.count()).toBe(0);

    const good = await store.apply([
      { op: 'create', collection: 'timeEntries', id: entryId, data: build('timeEntries', 1) },
      { op: 'create', collection: 'invoices', id: invoiceId, data: build('invoices', 1) },
      { op: 'update', collection: 'timeEntries', id: entryId, data: { invoiceId } },
    ]);
    expect(good.ok).toBe(true);
    expect(await store.db.timeEntries.get(entryId)).toMatchObject({ invoiceId });
    expect(await store.db.invoices.get(invoiceId)).toBeDefined();
  });

  it('sets unreadable records aside in the rejects table, and takes them back when fixed', async () => {
    const { store } = await setup();
    const created = await store.create('bills', build('bills', 1));
    if (!created.ok) throw new Error('create failed');
    const id = created.value.id;
    const doc = await store.doc('bills');
    const fields = doc.getMap<Y.Map<unknown>>('bills').get(id);
    fields?.set('amount', 'a lot'); // as another device's bug might
    await store.flushed();
    expect(await store.db.bills.get(id)).toBeUndefined();
    expect(await store.db.rejects.get(['bills', id])).toMatchObject({ doc: 'bills' });
    fields?.set('amount', 500);
    await store.flushed();
    expect(await store.db.rejects.count()).toBe(0);
    expect((await store.db.bills.get(id))?.amount).toBe(500);
  });

  it('compacts: the log shrinks to nothing and the content stays', async () => {
    const { store, make } = await setup({ compactAfterUpdates: 1_000_000 });
    const created = await store.create('bills', build('bills', 1));
    if (!created.ok) throw new Error('create failed');
    for (let i = 0; i < 600; i++) await store.update('bills', created.value.id, { amount: i });
    const before = await docJson(store, 'bills');
    const logBefore = await store.db.updates
      .where('[doc+seq]')
      .between(['bills', 0], ['bills', Infinity])
      .count();
    expect(logBefore).toBeGreaterThan(600);

    await store.compact('bills');
    expect(
      await store.db.updates.where('[doc+seq]').between(['bills', 0], ['bills', Infinity]).count(),
    ).toBe(0);
    const row = await store.db.docs.get('bills');
    expect(row?.state?.byteLength).toBeGreaterThan(0);
    expect(row?.logCount).toBe(0);
    await store.close();
    const reopened = await make();
    expect(await docJson(reopened, 'bills')).toEqual(before);
    expect((await reopened.get('bills', created.value.id))?.amount).toBe(599);
  });

  it('compacts on its own once a log passes the threshold', async () => {
    const { store } = await setup({ compactAfterUpdates: 20 });
    const created = await store.create('bills', build('bills', 1));
    if (!created.ok) throw new Error('create failed');
    const compacted = nextEvent(store, 'compacted');
    for (let i = 0; i < 25; i++) await store.update('bills', created.value.id, { amount: i });
    await compacted;
    expect((await store.db.docs.get('bills'))?.logCount).toBeLessThan(20);
    expect((await store.db.bills.get(created.value.id))?.amount).toBe(24);
  });

  it('loses nothing committed when the tab dies before or during a write', async () => {
    const { store, make } = await setup();
    const created = await store.create('bills', build('bills', 1));
    if (!created.ok) throw new Error('create failed');
    const id = created.value.id;

    // A write whose transaction fails half-way (the projection write throws, as when the tab is
    // killed mid-transaction): neither the log row nor the projection row is kept. From here on
    // this tab can store nothing: it is as good as dead.
    breakMethod(store.db.bills, 'bulkPut', new Error('tab killed'));
    const failed = await store.update('bills', id, { amount: 999 });
    expect(failed).toMatchObject({ ok: false, error: { kind: 'storage-failed' } });
    const doc = await store.doc('bills');
    doc.getMap<Y.Map<unknown>>('bills').get(id)?.set('notes', 'never saved');
    await expect(store.flushed()).rejects.toThrow(/Saving failed/);

    // Another tab opens the same database after the crash.
    const survivor = await make();
    const stored = await survivor.get('bills', id);
    expect(stored?.amount).toBe(1001);
    expect(stored?.notes).toBeUndefined();
    expect(await tables(survivor)).toEqual(await expectedTables(survivor));
  });

  it('keeps everything when a compaction fails half-way', async () => {
    const { store, make } = await setup({ compactAfterUpdates: 1_000_000 });
    const created = await store.create('bills', build('bills', 1));
    if (!created.ok) throw new Error('create failed');
    for (let i = 0; i < 10; i++) await store.update('bills', created.value.id, { amount: i });
    const before = await docJson(store, 'bills');
    const repair = breakMethod(store.db.docs, 'put', new Error('tab killed'));
    await expect(store.compact('bills')).rejects.toThrow();
    repair();
    const reopened = await make();
    expect(await docJson(reopened, 'bills')).toEqual(before);
  });

  it('keeps a change that hit a full disk, and stores it on the next try', async () => {
    const { store } = await setup();
    const created = await store.create('bills', build('bills', 1));
    if (!created.ok) throw new Error('create failed');
    const repair = breakMethod(
      store.db.updates,
      'add',
      new DOMException('quota', 'QuotaExceededError'),
    );
    const full = await store.update('bills', created.value.id, { amount: 7 });
    expect(full).toMatchObject({ ok: false, error: { kind: 'storage-full' } });
    expect((await store.db.bills.get(created.value.id))?.amount).toBe(1001);
    repair();
    await store.flushed();
    expect((await store.db.bills.get(created.value.id))?.amount).toBe(7);
  });

  it('rebuilds projections from the documents', async () => {
    const { store } = await setup();
    await fill(store);
    const before = await tables(store);
    await store.db.bills.clear();
    await store.db.timeEntries.put({ id: 'stale', start: 0 });
    await store.rebuildProjections();
    expect(await tables(store)).toEqual(before);
  });

  it('rebuilds projections on open when their layout version changed', async () => {
    const { store, make } = await setup();
    await fill(store);
    const before = await tables(store);
    await store.db.bills.clear();
    await store.setLocal('projectionVersion', 0);
    await store.close();
    const reopened = await make();
    expect(await tables(reopened)).toEqual(before);
  });

  it('leaves a document from a newer version readable but not writable', async () => {
    const { store, make } = await setup();
    const created = await store.create('bills', build('bills', 1));
    if (!created.ok) throw new Error('create failed');
    const future = new Y.Doc();
    Y.applyUpdate(future, await store.encodedState('bills'));
    future.getMap('_meta').set('schemaVersion', 99);
    await store.db.updates.add({ doc: 'bills', bytes: Y.encodeStateAsUpdate(future) });
    await store.close();
    const reopened = await make();
    expect(await reopened.get('bills', created.value.id)).toBeDefined();
    expect(await reopened.update('bills', created.value.id, { amount: 1 })).toMatchObject({
      ok: false,
      error: { kind: 'read-only' },
    });
  });
});

describe('backup and restore', () => {
  it('export → erase → restore gives identical documents and projections', async () => {
    const { store } = await setup();
    await fill(store);
    const docs = await store.exportDocs();
    const before = await tables(store);
    const docsBefore = await Promise.all(docs.map((d) => docJson(store, d.name)));

    const { store: fresh } = await setup();
    const restored = await fresh.restore(docs);
    expect(restored.ok).toBe(true);
    expect(await tables(fresh)).toEqual(before);
    expect(await Promise.all(docs.map((d) => docJson(fresh, d.name)))).toEqual(docsBefore);
  });

  it('merges into existing data without duplicates, and restoring twice changes nothing', async () => {
    const { store } = await setup();
    await fill(store);
    const docs = await store.exportDocs();
    const { store: other } = await setup();
    await other.create('bills', build('bills', 9, { name: 'Only here' }));
    await other.restore(docs);
    const once = await tables(other);
    expect(once.bills?.map((b) => b.name).sort()).toEqual(['Bill 1', 'Only here']);
    const logRows = await other.db.updates.count();
    await other.restore(docs);
    expect(await tables(other)).toEqual(once);
    expect(await other.db.updates.count()).toBe(logRows);
  });

  it('erases the whole database', async () => {
    const { store, make } = await setup();
    await fill(store);
    await store.eraseAll();
    const reopened = await make();
    expect(await reopened.docNames()).toEqual([]);
    expect(await tables(reopened)).toEqual({});
  });
});

describe('two tabs on one database', () => {
  it('see each other’s edits and keep both when they edit one record at once', async () => {
    const { store: a, make } = await setup();
    const b = await make();
    const created = await a.create('bills', build('bills', 1));
    if (!created.ok) throw new Error('create failed');
    const id = created.value.id;
    await b.doc('bills'); // B has the document loaded, as an open editor would

    // Both edit different fields before either hears of the other.
    const [ra, rb] = await Promise.all([
      a.update('bills', id, { amount: 4242 }),
      b.update('bills', id, { notes: 'from B' }),
    ]);
    expect(ra.ok && rb.ok).toBe(true);

    const row = await a.db.bills.get(id);
    expect(row).toMatchObject({ amount: 4242, notes: 'from B' });
    expect(await tables(a)).toEqual(await expectedTables(a));

    // B's loaded document catches up too (through the broadcast or its next write).
    const seen = (await b.get('bills', id)) ?? { amount: 0 };
    if (seen.amount !== 4242) await nextEvent(b, 'other-tab');
    expect(await b.get('bills', id)).toMatchObject({ amount: 4242, notes: 'from B' });
  });

  it('stay consistent under many interleaved writes from both tabs', async () => {
    const { store: a, make } = await setup({ compactAfterUpdates: 15 });
    const b = await make();
    const created = await a.create('bills', build('bills', 1));
    if (!created.ok) throw new Error('create failed');
    const id = created.value.id;
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      work.push(a.update('bills', id, { amount: i }));
      work.push(b.create('categories', build('categories', i)));
      if (i % 10 === 0) work.push(b.update('bills', id, { notes: `b${i}` }));
    }
    await Promise.all(work);
    await Promise.all([a.flushed(), b.flushed()]);
    const fresh = await make();
    expect(await tables(fresh)).toEqual(await expectedTables(fresh));
    expect(await fresh.db.categories.count()).toBe(40);
    expect(await fresh.get('bills', id)).toMatchObject({ amount: 39, notes: 'b30' });
  });
});

describe('projection tables', () => {
  it('cover every collection the model defines, plus settings', () => {
    expect(new Set(projectionTables)).toEqual(new Set(['settings', ...collectionNames]));
  });
});
