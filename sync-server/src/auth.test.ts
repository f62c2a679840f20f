// Authentication at the upgrade, revocation, and the wall between users.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createUser,
  entries,
  HttpRefusal,
  nextClose,
  rawClient,
  startTestServer,
  synced,
  until,
} from './testing/harness.ts';
import { SqliteStorage } from './storage/sqlite.ts';

async function refusal(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof HttpRefusal) return e.status;
    throw e;
  }
  throw new Error('the connection was accepted');
}

describe('authentication at the upgrade', () => {
  it('refuses a missing, malformed, unknown or misplaced token with 401 before upgrading', async () => {
    const t = await startTestServer();
    await t.user();
    expect(await refusal(rawClient(t.syncUrl, 'bills', undefined))).toBe(401);
    expect(await refusal(rawClient(t.syncUrl, 'bills', 'not-a-token'))).toBe(401);
    expect(await refusal(rawClient(t.syncUrl, 'bills', `tly_${'A'.repeat(43)}`))).toBe(401);
    expect(await refusal(rawClient(t.syncUrl, 'bills', undefined, { protocols: ['tally'] }))).toBe(
      401,
    );
    const failures = t.logs.filter(
      (l) =>
        l.msg === 'sync refused: no token' || l.msg === 'sync refused: unknown or revoked token',
    );
    expect(failures.length).toBe(4);
  });

  it('accepts the token as a subprotocol entry (echoing only "tally") or as a query parameter', async () => {
    const t = await startTestServer();
    const alice = await t.user();
    const viaProtocol = await rawClient(t.syncUrl, 'bills', alice.token);
    expect(viaProtocol.ws.protocol).toBe('tally');
    await viaProtocol.message((m) => m[0] === 0 && m[1] === 0, 'our SyncStep1');
    const viaQuery = await rawClient(t.syncUrl, 'bills', undefined, {
      query: `?token=${alice.token}`,
    });
    expect(viaQuery.ws.protocol).toBe('');
    await viaQuery.message((m) => m[0] === 0 && m[1] === 0, 'our SyncStep1');
  });

  it('insists on the "tally" subprotocol beside a token entry, and on a real document name', async () => {
    const t = await startTestServer();
    const alice = await t.user();
    expect(
      await refusal(
        rawClient(t.syncUrl, 'bills', alice.token, { protocols: [`token.${alice.token}`] }),
      ),
    ).toBe(400);
    expect(await refusal(rawClient(t.syncUrl, 'not-a-doc', alice.token))).toBe(404);
    expect(await refusal(rawClient(t.syncUrl, '..%2Fbills', alice.token))).toBe(404);
    const res = await fetch(`${t.url}/sync/bills`);
    expect(res.status).toBe(426);
  });

  it('closes the open sockets of a revoked device with 4401, for good', async () => {
    const t = await startTestServer();
    const alice = await t.user();
    const laptop = await t.login(alice.name, undefined, 'laptop');
    const phone = t.provider(alice, 'bills');
    await synced(phone);
    let permanent: { code: number; reason: string } | undefined;
    phone.on('closed', (e: { code: number; reason: string }) => (permanent = e));
    const closed = nextClose(phone);
    const res = await t.fetch(`/api/devices/${alice.deviceId}`, {
      method: 'DELETE',
      token: laptop.token,
    });
    expect(res.status).toBe(204);
    expect(await closed).toEqual({ code: 4401, reason: 'device signed out' });
    expect(permanent?.code).toBe(4401); // y-websocket stops reconnecting
    expect(phone.shouldConnect).toBe(false);
    expect(await refusal(rawClient(t.syncUrl, 'bills', alice.token))).toBe(401);
  });

  it('signing out closes that device only', async () => {
    const t = await startTestServer();
    const alice = await t.user();
    const laptop = await t.login(alice.name, undefined, 'laptop');
    const a = t.provider(alice, 'bills');
    const b = t.provider(laptop, 'bills');
    await Promise.all([synced(a), synced(b)]);
    const closed = nextClose(a);
    expect((await t.fetch('/api/logout', { method: 'POST', token: alice.token })).status).toBe(204);
    expect((await closed).code).toBe(4401);
    b.doc.getMap('records').set('still', 'here');
    const c = t.provider(laptop, 'bills');
    await synced(c);
    await until(c.doc, (d) => entries(d).still === 'here', 'the laptop to keep syncing');
  });

  it('notices devices removed behind its back (the CLI) and closes their sockets', async () => {
    const t = await startTestServer({ recheckDevicesMs: 100 });
    const alice = await t.user();
    const p = t.provider(alice, 'bills');
    await synced(p);
    const closed = nextClose(p);
    const opened = SqliteStorage.open(t.database);
    if (!opened.ok) throw new Error(opened.error);
    expect(
      await opened.value.deleteDevice(
        (await opened.value.findUserByName(alice.name))?.id ?? 0,
        alice.deviceId,
      ),
    ).toBe(true);
    await opened.value.close();
    expect((await closed).code).toBe(4401);
  });
});

describe('users are walled off from each other', () => {
  it('one user can never read, write, list or learn of another user’s documents', async () => {
    const t = await startTestServer();
    const alice = await t.user('alice');
    const bob = await t.user('bob');
    const a = t.provider(alice, 'bills');
    await synced(a);
    a.doc.getMap('records').set('secret', 'alice only');
    const a2 = t.provider(alice, 'bills');
    await synced(a2);
    await until(a2.doc, (d) => entries(d).secret === 'alice only', 'alice’s second device');

    const b = t.provider(bob, 'bills');
    await synced(b);
    expect(entries(b.doc)).toEqual({});
    b.doc.getMap('records').set('bobs', 'bob only');
    const b2 = t.provider(bob, 'bills');
    await synced(b2);
    await until(b2.doc, (d) => entries(d).bobs === 'bob only', 'bob’s second device');

    const a3 = t.provider(alice, 'bills', new Y.Doc());
    await synced(a3);
    expect(entries(a3.doc)).toEqual({ secret: 'alice only' });

    const bobDocs = (await (await t.fetch('/api/docs', { token: bob.token })).json()) as {
      docs: { name: string }[];
    };
    expect(bobDocs.docs.map((d) => d.name)).toEqual(['bills']);
    const aliceDevices = await t.fetch(`/api/devices/${alice.deviceId}`, {
      method: 'DELETE',
      token: bob.token,
    });
    expect(aliceDevices.status).toBe(404);
    const missing = await t.fetch('/api/devices/999999', { method: 'DELETE', token: bob.token });
    expect(missing.status).toBe(404);
    expect(await aliceDevices.json()).toEqual(await missing.json());
    const bobSees = (await (await t.fetch('/api/devices', { token: bob.token })).json()) as {
      devices: unknown[];
    };
    expect(bobSees.devices).toHaveLength(1);
  });

  it('keeps a user created by the CLI usable at once', async () => {
    const t = await startTestServer();
    await createUser(t.database, 'carol');
    const carol = await t.login('carol');
    const p = t.provider(carol, 'settings');
    await synced(p);
  });
});
