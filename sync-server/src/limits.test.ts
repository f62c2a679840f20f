// Size caps, quotas, rate limits and the pre-auth timeout: clear close reasons, nothing stored.
import { connect } from 'node:net';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeUpdate } from './protocol/message.ts';
import {
  entries,
  nextClose,
  rawClient,
  startTestServer,
  synced,
  until,
  within,
  type TestServer,
} from './testing/harness.ts';

function storedUpdates(t: TestServer): number {
  const db = new Database(t.database, { readonly: true });
  const n = (db.prepare('SELECT count(*) AS n FROM doc_updates').get() as { n: number }).n;
  db.close();
  return n;
}

function bigUpdate(bytes: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('records').set('big', 'x'.repeat(bytes));
  return Y.encodeStateAsUpdate(doc);
}

describe('limits', () => {
  it('closes a connection that sends a message over the limit with 4413, storing nothing', async () => {
    const t = await startTestServer({ maxMessageBytes: 64 * 1024 });
    const alice = await t.user();
    const c = await rawClient(t.syncUrl, 'bills', alice.token);
    await c.message((m) => m[0] === 0 && m[1] === 0, 'our SyncStep1');
    c.ws.send(encodeUpdate(bigUpdate(80 * 1024)));
    expect(await c.closed).toEqual({ code: 4413, reason: 'message too large (limit 65536 bytes)' });
    expect(storedUpdates(t)).toBe(0);
    expect(
      t.logs.some((l) => l.msg === 'message refused; closing the connection' && l.code === 4413),
    ).toBe(true);

    // Beyond twice the limit, ws itself cuts the frame off without reading it (1009).
    const d = await rawClient(t.syncUrl, 'bills', alice.token);
    d.ws.send(new Uint8Array(200 * 1024));
    expect((await d.closed).code).toBe(1009);
    expect(storedUpdates(t)).toBe(0);
  });

  it('refuses an update past the document size cap with a clear reason, storing nothing of it', async () => {
    const t = await startTestServer({ maxDocBytes: 8 * 1024 });
    const alice = await t.user();
    const p = t.provider(alice, 'bills');
    await synced(p);
    p.doc.getMap('records').set('small', 'fits');
    const witness = t.provider(alice, 'bills');
    await synced(witness);
    await until(witness.doc, (d) => entries(d).small === 'fits', 'the small update');
    const before = storedUpdates(t);

    const closed = nextClose(p);
    p.doc.getMap('records').set('big', 'y'.repeat(10 * 1024));
    expect(await closed).toEqual({
      code: 4413,
      reason: `document size limit reached (${8 * 1024} bytes)`,
    });
    expect(p.shouldConnect).toBe(false); // permanent for the client
    expect(storedUpdates(t)).toBe(before);
    const fresh = t.provider(alice, 'bills');
    await synced(fresh);
    expect(entries(fresh.doc)).toEqual({ small: 'fits' });
  });

  it('refuses an update past the user’s quota, over all of their documents', async () => {
    const t = await startTestServer({ userQuotaBytes: 6 * 1024 });
    const alice = await t.user();
    const bills = t.provider(alice, 'bills');
    await synced(bills);
    bills.doc.getMap('records').set('a', 'z'.repeat(4 * 1024));
    const witness = t.provider(alice, 'bills');
    await synced(witness);
    await until(witness.doc, (d) => typeof entries(d).a === 'string', 'the first 4 KiB');
    const before = storedUpdates(t);

    const time = t.provider(alice, 'time');
    await synced(time);
    const closed = nextClose(time);
    time.doc.getMap('records').set('b', 'z'.repeat(4 * 1024));
    expect(await closed).toEqual({
      code: 4413,
      reason: `storage quota exceeded (${6 * 1024} bytes)`,
    });
    expect(storedUpdates(t)).toBe(before);

    // Another user has their own quota.
    const bob = await t.user();
    const b = t.provider(bob, 'time');
    await synced(b);
    b.doc.getMap('records').set('b', 'z'.repeat(4 * 1024));
    const bw = t.provider(bob, 'time');
    await synced(bw);
    await until(bw.doc, (d) => typeof entries(d).b === 'string', 'bob’s 4 KiB');
  });

  it('slows a connection down past its message rate, and cuts off one that floods', async () => {
    const t = await startTestServer({ messageRate: 20, messageBurst: 20 });
    const alice = await t.user();
    const step1 = encodeSyncStep1(Uint8Array.of(0));

    const steady = await rawClient(t.syncUrl, 'bills', alice.token);
    await steady.message((m) => m[0] === 0 && m[1] === 0, 'our SyncStep1');
    for (let i = 0; i < 35; i++) steady.ws.send(step1);
    // Every one is answered — later ones after a pause — and the connection stays open.
    await steady.message(
      () => steady.messages.filter((m) => m[0] === 0 && m[1] === 1).length === 35,
      '35 answers',
    );
    expect(steady.ws.readyState).toBe(steady.ws.OPEN);

    const flood = await rawClient(t.syncUrl, 'bills', alice.token);
    const many = new Uint8Array(step1.length * 500);
    for (let i = 0; i < 500; i++) many.set(step1, i * step1.length);
    // 500 frames in one write arrive together: far past a full burst.
    const socket = (flood.ws as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
    socket.cork();
    for (let i = 0; i < 500; i++) flood.ws.send(step1);
    socket.uncork();
    expect(await flood.closed).toEqual({ code: 4429, reason: 'rate limit exceeded' });
  });

  it('drops a client that does not finish its request within the pre-auth timeout', async () => {
    const t = await startTestServer({ preAuthTimeoutMs: 300 });
    const { port } = new URL(t.url);
    const silent = connect(Number(port), '127.0.0.1');
    const slow = connect(Number(port), '127.0.0.1', () => {
      slow.write('GET /sync/bills HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n');
    });
    const closed = (s: typeof silent, what: string): Promise<void> =>
      within(
        20_000,
        `the server to drop the ${what} client`,
        new Promise((resolve) => {
          // Read what the server sends (a 408 when its own header timeout wins the race):
          // a paused socket with unread data never emits 'end'.
          s.resume();
          s.on('error', () => {});
          s.on('end', () => resolve());
          s.on('close', () => resolve());
        }),
      );
    await Promise.all([closed(silent, 'silent'), closed(slow, 'slow')]);
  });
});
