// Compatibility with the stock y-websocket 3 client: convergence, late joiners, restarts.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { entries, startTestServer, synced, until } from './testing/harness.ts';

function record(doc: Y.Doc, id: string, fields: Record<string, unknown>): void {
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    doc.getMap('records').set(id, map);
    for (const [k, v] of Object.entries(fields)) map.set(k, v);
  });
}

describe('sync with stock y-websocket providers', () => {
  it('two clients on one doc converge, and a third that connects later receives everything', async () => {
    const t = await startTestServer();
    const alice = await t.user();
    const a = t.provider(alice, 'bills');
    const b = t.provider(alice, 'bills');
    await Promise.all([synced(a), synced(b)]);

    record(a.doc, 'r1', { payee: 'Landlord', amount: 120000, currency: 'EUR' });
    record(b.doc, 'r2', { payee: 'Power', amount: 6400, currency: 'EUR' });
    (a.doc.getMap('records').get('r1') as Y.Map<unknown>).set('amount', 125000);
    await until(a.doc, (d) => 'r2' in entries(d), 'a to receive r2');
    await until(
      b.doc,
      (d) => (entries(d).r1 as { amount?: number } | undefined)?.amount === 125000,
      'b to receive r1',
    );
    expect(entries(a.doc)).toEqual(entries(b.doc));

    const c = t.provider(alice, 'bills');
    await synced(c);
    expect(entries(c.doc)).toEqual(entries(a.doc));
    expect(Object.keys(entries(c.doc)).sort()).toEqual(['r1', 'r2']);
  });

  it('keeps every document apart: same name, another doc', async () => {
    const t = await startTestServer();
    const alice = await t.user();
    const bills = t.provider(alice, 'bills');
    const time = t.provider(alice, 'time');
    await Promise.all([synced(bills), synced(time)]);
    record(bills.doc, 'b1', { payee: 'x' });
    const bills2 = t.provider(alice, 'bills');
    const time2 = t.provider(alice, 'time');
    await Promise.all([synced(bills2), synced(time2)]);
    await until(bills2.doc, (d) => 'b1' in entries(d), 'bills2 to receive b1');
    expect(entries(time2.doc)).toEqual({});
  });

  it('keeps the state across a restart', async () => {
    const t = await startTestServer();
    const alice = await t.user();
    const a = t.provider(alice, 'time-entries.2026');
    await synced(a);
    for (let i = 0; i < 20; i++) record(a.doc, `e${i}`, { minutes: i * 15, note: `entry ${i}` });
    const b = t.provider(alice, 'time-entries.2026');
    await synced(b);
    await until(b.doc, (d) => Object.keys(entries(d)).length === 20, 'b to have all 20');

    const t2 = await t.restart();
    const fresh = t2.provider(alice, 'time-entries.2026');
    await synced(fresh);
    expect(entries(fresh.doc)).toEqual(entries(a.doc));
  });

  it('takes offline edits from a reconnecting client (its SyncStep2)', async () => {
    const t = await startTestServer();
    const alice = await t.user();
    const offline = new Y.Doc();
    record(offline, 'o1', { note: 'made offline' });
    const a = t.provider(alice, 'activities', offline);
    await synced(a);
    const b = t.provider(alice, 'activities');
    await synced(b);
    await until(b.doc, (d) => 'o1' in entries(d), 'b to receive the offline edit');
  });
});
