// Compaction and idle unloading against the real server: the state a fresh client receives is
// the same before and after, and the rows show what happened.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  docEvent,
  entries,
  startTestServer,
  synced,
  until,
  type TestServer,
} from './testing/harness.ts';

function rows(t: TestServer): { updates: number; snapshots: number; snapshotBytes: number } {
  const db = new Database(t.database, { readonly: true });
  const updates = (db.prepare('SELECT count(*) AS n FROM doc_updates').get() as { n: number }).n;
  const snap = db
    .prepare('SELECT count(*) AS n, COALESCE(SUM(length(state)), 0) AS bytes FROM doc_snapshots')
    .get() as {
    n: number;
    bytes: number;
  };
  db.close();
  return { updates, snapshots: snap.n, snapshotBytes: snap.bytes };
}

describe('compaction', () => {
  it('folds the log into a snapshot after enough updates, and a fresh client gets the same state', async () => {
    const t = await startTestServer({
      compactUpdates: 50,
      gcIntervalMs: 24 * 3600_000,
      compaction: 'worker',
    });
    const alice = await t.user();
    const writer = t.provider(alice, 'transactions.2026');
    const watcher = t.provider(alice, 'transactions.2026');
    await Promise.all([synced(writer), synced(watcher)]);
    const compacted = docEvent(t.server, 'compacted');
    for (let i = 0; i < 60; i++)
      writer.doc.getMap('records').set(`t${i}`, { amount: i * 100, payee: `payee ${i}` });
    await until(watcher.doc, (d) => Object.keys(entries(d)).length === 60, 'all 60 relayed');
    const [event] = await compacted;
    // The first compaction of a document is also its first garbage-collecting rebuild.
    expect(event).toMatchObject({ name: 'transactions.2026', gc: true });
    const after = rows(t);
    expect(after.snapshots).toBe(1);
    expect(after.updates).toBeLessThan(50);

    const fresh = t.provider(alice, 'transactions.2026');
    await synced(fresh);
    expect(entries(fresh.doc)).toEqual(entries(writer.doc));
  });

  it('rebuilds through a garbage-collecting Y.Doc, dropping deleted content', async () => {
    const t = await startTestServer({ idleUnloadMs: 100, gcIntervalMs: 24 * 3600_000 });
    const alice = await t.user();
    // A client that keeps deleted content (gc off) uploads all of it.
    const doc = new Y.Doc({ gc: false });
    const records = doc.getMap('records');
    for (let i = 0; i < 200; i++)
      records.set(`r${i}`, { note: `a fairly long note for record ${i}`.repeat(3) });
    for (let i = 0; i < 190; i++) records.delete(`r${i}`);
    const uploaded = Y.encodeStateAsUpdate(doc).length;
    const firstUnload = docEvent(t.server, 'unloaded');
    const first = docEvent(t.server, 'compacted');
    const writer = t.provider(alice, 'activities', doc);
    await synced(writer);
    // A document's first compaction is a garbage-collecting rebuild.
    expect((await first)[0].gc).toBe(true);
    await firstUnload;
    const collected = rows(t).snapshotBytes;
    expect(collected).toBeLessThan(uploaded / 4);

    // The next one, within gcIntervalMs, only merges.
    const second = docEvent(t.server, 'compacted');
    const secondUnload = docEvent(t.server, 'unloaded');
    records.set('one more', 1);
    expect((await second)[0].gc).toBe(false);
    await secondUnload;
    const fresh = t.provider(alice, 'activities');
    await synced(fresh);
    expect(entries(fresh.doc)).toEqual(entries(doc));
    expect(Object.keys(entries(fresh.doc))).toHaveLength(11);
  });

  it('compacts a document when it goes idle, then unloads it; the next client reloads it', async () => {
    const t = await startTestServer({ idleUnloadMs: 200, compaction: 'worker' });
    const alice = await t.user();
    const a = t.provider(alice, 'bills');
    const b = t.provider(alice, 'bills');
    await Promise.all([synced(a), synced(b)]);
    const unloaded = docEvent(t.server, 'unloaded');
    for (let i = 0; i < 10; i++)
      a.doc.getMap('records').set(`b${i}`, { due: `2026-0${1 + (i % 9)}-01` });
    await until(b.doc, (d) => Object.keys(entries(d)).length === 10, 'b to have all');
    await unloaded;
    expect(t.server.docs.isLoaded(1, 'bills')).toBe(false);
    expect(rows(t)).toMatchObject({ updates: 0, snapshots: 1 });

    // The connections stayed; an edit reloads the document and reaches the other client.
    a.doc.getMap('records').set('after', 'reload');
    await until(b.doc, (d) => entries(d).after === 'reload', 'the edit after the reload');
    const fresh = t.provider(alice, 'bills');
    await synced(fresh);
    expect(entries(fresh.doc)).toEqual(entries(a.doc));
  });
});
