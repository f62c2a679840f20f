// 1,000 concurrent connections across 100 documents, then every document idle-unloaded and
// correctly reloaded. Raw WebSocket clients (no Y.Doc each) keep the test itself light.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeUpdate } from './protocol/message.ts';
import {
  docEvent,
  entries,
  rawClient,
  startTestServer,
  synced,
  within,
  type RawClient,
} from './testing/harness.ts';

const USERS = 4;
const DOCS_PER_USER = 25;
const CONNS_PER_DOC = 10;

function update(key: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('records').set(key, { amount: 42, note: key });
  return Y.encodeStateAsUpdate(doc);
}

const isUpdate = (m: Uint8Array): boolean => m[0] === 0 && m[1] === 2;

describe('many connections', () => {
  it('holds 1,000 connections across 100 documents, then unloads idle documents and reloads them', async () => {
    const t = await startTestServer({ idleUnloadMs: 300, logLevel: 'info' });

    const users = [];
    for (let u = 0; u < USERS; u++) users.push(await t.user());
    const docNames = Array.from({ length: DOCS_PER_USER }, (_, i) => `payments.${2000 + i}`);

    const clients: { user: number; doc: string; client: RawClient }[] = [];
    for (const [u, user] of users.entries()) {
      for (const doc of docNames) {
        const batch = await Promise.all(
          Array.from({ length: CONNS_PER_DOC }, () => rawClient(t.syncUrl, doc, user.token)),
        );
        for (const client of batch) {
          client.ws.send(encodeSyncStep1(Uint8Array.of(0)));
          clients.push({ user: u, doc, client });
        }
      }
    }
    expect(clients).toHaveLength(USERS * DOCS_PER_USER * CONNS_PER_DOC);
    await within(
      60_000,
      'every connection to sync',
      Promise.all(
        clients.map(({ client }) => client.message((m) => m[0] === 0 && m[1] === 1, 'SyncStep2')),
      ),
    );
    // (Documents already idle for 300 ms may be unloaded by now: that is the next part.)
    expect(t.server.docs.stats()).toMatchObject({ rooms: 100, peers: 1000 });

    // Follow every document from here on: loaded again by the writes, unloaded when idle.
    const state = new Map<string, 'loaded' | 'unloaded'>();
    let onChange = (): void => {};
    const track =
      (value: 'loaded' | 'unloaded') =>
      ({ userId, name }: { userId: number; name: string }) => {
        state.set(`${userId}/${name}`, value);
        onChange();
      };
    t.server.docs.on('loaded', track('loaded'));
    t.server.docs.on('unloaded', track('unloaded'));

    // The first connection of each document writes; the nine others receive exactly that.
    for (let i = 0; i < clients.length; i += CONNS_PER_DOC) {
      const writer = clients[i];
      if (writer) writer.client.ws.send(encodeUpdate(update(`first ${writer.user} ${writer.doc}`)));
    }
    await Promise.all(
      clients.map(({ client }, i) =>
        i % CONNS_PER_DOC === 0
          ? Promise.resolve()
          : client.message(isUpdate, `the update of doc ${Math.floor(i / CONNS_PER_DOC)}`),
      ),
    );
    for (const [i, { client }] of clients.entries()) {
      expect(client.messages.filter(isUpdate).length, `connection ${i}`).toBe(
        i % CONNS_PER_DOC === 0 ? 0 : 1,
      );
    }

    // Idle: every document is compacted and unloaded; the connections stay.
    await within(
      60_000,
      'every document to unload',
      new Promise<void>((resolve) => {
        onChange = () => {
          if (state.size === 100 && [...state.values()].every((v) => v === 'unloaded')) resolve();
        };
        onChange();
      }),
    );
    expect(t.server.docs.stats()).toEqual({ rooms: 100, loaded: 0, peers: 1000 });

    // A sync message reloads a document, with its state, for the connections still there.
    const second = clients[1];
    if (!second) throw new Error('no clients');
    const reloaded = docEvent(t.server, 'loaded');
    second.client.ws.send(encodeUpdate(update('second')));
    await reloaded;
    const third = clients[2];
    if (!third) throw new Error('no clients');
    await third.client.message(
      (m) => isUpdate(m) && third.client.messages.filter(isUpdate).length === 2,
      'the second update',
    );

    const fresh = t.provider(users[0] ?? '', docNames[0] ?? '');
    await synced(fresh);
    expect(Object.keys(entries(fresh.doc)).sort()).toEqual([`first 0 ${docNames[0]}`, 'second']);
    for (const { client } of clients) client.ws.close();
  }, 180_000);
});
