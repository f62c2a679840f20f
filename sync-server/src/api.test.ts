// The accounts API: sign-in, devices, throttling, registration, account deletion.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  entries,
  PASSWORD,
  startTestServer,
  synced,
  until,
  type TestServer,
} from './testing/harness.ts';

function post(
  t: TestServer,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return t.fetch(path, { method: 'POST', body: JSON.stringify(body), headers });
}

describe('sign-in and devices', () => {
  it('signs a device in with a fresh token, stored only as its SHA-256', async () => {
    const t = await startTestServer();
    const alice = await t.user('alice');
    const res = await post(t, '/api/login', {
      username: 'Alice',
      password: PASSWORD,
      deviceName: 'Phone',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as {
      token: string;
      user: { name: string };
      device: { id: number; name: string };
    };
    expect(body.token).toMatch(/^tly_[A-Za-z0-9_-]{43}$/); // 32 random bytes
    expect(body.token).not.toBe(alice.token);
    expect(body.user).toEqual({ name: 'alice' });
    expect(body.device.name).toBe('Phone');

    const db = new Database(t.database, { readonly: true });
    const rows = db.prepare('SELECT token_hash FROM devices').all() as { token_hash: Buffer }[];
    db.close();
    expect(rows).toHaveLength(2);
    const { createHash } = await import('node:crypto');
    const hashes = rows.map((r) => r.token_hash.toString('hex'));
    expect(hashes).toContain(createHash('sha256').update(body.token).digest('hex'));
    expect(JSON.stringify(hashes)).not.toContain(body.token);
  });

  it('lists devices with the last time each was used, marking the caller', async () => {
    let now = Date.UTC(2026, 0, 1);
    const t = await startTestServer({ now: () => now });
    const alice = await t.user('alice');
    now += 120_000;
    const laptop = await t.login('alice', PASSWORD, 'Laptop');
    now += 120_000;
    const p = t.provider(alice, 'bills'); // using the phone's token stamps it
    await synced(p);
    const res = await t.fetch('/api/devices', { token: laptop.token });
    const { devices } = (await res.json()) as {
      devices: {
        id: number;
        name: string;
        current: boolean;
        createdAt: number;
        lastUsedAt: number;
      }[];
    };
    expect(devices.map((d) => [d.name, d.current])).toEqual([
      ['test device', false],
      ['Laptop', true],
    ]);
    expect(devices[0]?.lastUsedAt).toBe(Date.UTC(2026, 0, 1) + 240_000);
    expect(devices[1]?.createdAt).toBe(Date.UTC(2026, 0, 1) + 120_000);
  });

  it('answers wrong passwords and unknown users alike, then throttles the account', async () => {
    const t = await startTestServer({ loginFailuresPerAccount: 3, loginFailuresPerAddress: 100 });
    await t.user('alice');
    const wrong = await post(t, '/api/login', {
      username: 'alice',
      password: 'wrong password',
      deviceName: 'x',
    });
    const unknown = await post(t, '/api/login', {
      username: 'nobody',
      password: 'wrong password',
      deviceName: 'x',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    await post(t, '/api/login', { username: 'alice', password: 'still wrong', deviceName: 'x' });
    await post(t, '/api/login', { username: 'alice', password: 'wrong again', deviceName: 'x' });
    const locked = await post(t, '/api/login', {
      username: 'alice',
      password: PASSWORD,
      deviceName: 'x',
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account from the same address is not locked.
    await t.user('bob');
  });

  it('throttles per client address, believing X-Forwarded-For only from a configured proxy', async () => {
    const t = await startTestServer({
      loginFailuresPerAccount: 100,
      loginFailuresPerAddress: 2,
      trustProxy: ['127.0.0.1'],
    });
    await t.user('alice');
    const attempt = (xff: string, password = 'wrong password'): Promise<Response> =>
      post(
        t,
        '/api/login',
        { username: 'alice', password, deviceName: 'x' },
        { 'x-forwarded-for': xff },
      );
    expect((await attempt('203.0.113.7')).status).toBe(401);
    expect((await attempt('198.51.100.1, 203.0.113.7')).status).toBe(401); // the rightmost hop counts
    expect((await attempt('203.0.113.7', PASSWORD)).status).toBe(429);
    expect((await attempt('203.0.113.8', PASSWORD)).status).toBe(200);

    const direct = await startTestServer({
      loginFailuresPerAccount: 100,
      loginFailuresPerAddress: 2,
    });
    await direct.user('alice');
    const spoof = (xff: string): Promise<Response> =>
      post(
        direct,
        '/api/login',
        { username: 'alice', password: 'nope nope', deviceName: 'x' },
        { 'x-forwarded-for': xff },
      );
    expect((await spoof('192.0.2.1')).status).toBe(401);
    expect((await spoof('192.0.2.2')).status).toBe(401);
    // Without a trusted proxy the header is ignored: both came from 127.0.0.1.
    expect((await spoof('192.0.2.3')).status).toBe(429);
  });

  it.each([
    ['not JSON', 'text/plain', 'hello', 415],
    ['broken JSON', 'application/json', '{"username":', 400],
    ['missing fields', 'application/json', '{"username":"alice"}', 400],
    [
      'a body that is too large',
      'application/json',
      JSON.stringify({ username: 'x'.repeat(20_000) }),
      413,
    ],
  ])('refuses a login with %s', async (_what, type, body, status) => {
    const t = await startTestServer();
    const res = await fetch(`${t.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });
    expect(res.status).toBe(status);
  });

  it('requires a token for everything but login and registration', async () => {
    const t = await startTestServer();
    for (const [method, path] of [
      ['GET', '/api/devices'],
      ['GET', '/api/docs'],
      ['GET', '/api/me'],
      ['POST', '/api/logout'],
      ['DELETE', '/api/devices/1'],
      ['DELETE', '/api/account'],
    ] as const) {
      const res = await t.fetch(path, {
        method,
        token: method === 'GET' ? undefined : 'tly_bogus',
      });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    expect((await t.fetch('/api/nope')).status).toBe(404);
    expect((await t.fetch('/api/login')).status).toBe(405);
  });
});

describe('registration', () => {
  it('is closed by default', async () => {
    const t = await startTestServer();
    const res = await post(t, '/api/register', {
      username: 'eve',
      password: 'long enough',
      deviceName: 'x',
    });
    expect(res.status).toBe(403);
  });

  it('when open, creates the account and signs the device in', async () => {
    const t = await startTestServer({ openRegistration: true });
    const res = await post(t, '/api/register', {
      username: 'Eve',
      password: 'long enough',
      deviceName: 'Phone',
    });
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    const me = (await (await t.fetch('/api/me', { token })).json()) as { user: { name: string } };
    expect(me.user.name).toBe('eve');
    expect(
      (
        await post(t, '/api/register', {
          username: 'eve',
          password: 'long enough',
          deviceName: 'x',
        })
      ).status,
    ).toBe(409);
    expect(
      (await post(t, '/api/register', { username: 'frank', password: 'short', deviceName: 'x' }))
        .status,
    ).toBe(400);
    expect(
      (
        await post(t, '/api/register', {
          username: 'no spaces',
          password: 'long enough',
          deviceName: 'x',
        })
      ).status,
    ).toBe(400);
  });
});

describe('GET /api/docs', () => {
  it('lists the caller’s documents with their size and last change', async () => {
    const t = await startTestServer();
    const alice = await t.user();
    for (const name of ['bills', 'payments.2026']) {
      const p = t.provider(alice, name);
      const witness = t.provider(alice, name);
      await Promise.all([synced(p), synced(witness)]);
      p.doc.getMap('records').set('x', 1);
      // Relayed means committed.
      await until(witness.doc, (d) => entries(d).x === 1, `${name} to be relayed`);
    }
    const empty = t.provider(alice, 'time'); // opened, never written: not listed
    await synced(empty);
    const res = await t.fetch('/api/docs', { token: alice.token });
    const { docs } = (await res.json()) as {
      docs: { name: string; bytes: number; updatedAt: number }[];
    };
    expect(docs.map((d) => d.name)).toEqual(['bills', 'payments.2026']);
    for (const d of docs) {
      expect(d.bytes).toBeGreaterThan(0);
      expect(d.updatedAt).toBeGreaterThan(Date.now() - 60_000);
    }
  });
});

describe('DELETE /api/account', () => {
  it('needs the password, then erases every row of the user and nobody else’s', async () => {
    const t = await startTestServer();
    const alice = await t.user('alice');
    const bob = await t.user('bob');
    for (const user of [alice, bob]) {
      const p = t.provider(user, 'bills');
      await synced(p);
      p.doc.getMap('records').set('x', user.name);
      const p2 = t.provider(user, 'bills');
      await synced(p2);
    }
    const open = t.provider(alice, 'time');
    await synced(open);
    const { createHash } = await import('node:crypto');
    for (const [user, text] of [
      [alice, 'alice’s kept file'],
      [bob, 'bob’s kept file'],
    ] as const) {
      const bytes = new TextEncoder().encode(text);
      const hash = createHash('sha256').update(bytes).digest('hex');
      const res = await fetch(`${t.url}/api/files/${hash}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${user.token}` },
        body: bytes,
      });
      expect(res.status).toBe(201);
    }

    const wrong = await t.fetch('/api/account', {
      method: 'DELETE',
      token: alice.token,
      body: JSON.stringify({ password: 'nope nope' }),
    });
    expect(wrong.status).toBe(401);

    const counts = (): Record<string, number> => {
      const db = new Database(t.database, { readonly: true });
      const aliceId =
        (
          db.prepare('SELECT id FROM users WHERE name = ?').get('alice') as
            { id: number } | undefined
        )?.id ?? -1;
      const q = (sql: string): number => (db.prepare(sql).get(aliceId) as { n: number }).n;
      const result = {
        users: q('SELECT count(*) AS n FROM users WHERE id = ?'),
        devices: q('SELECT count(*) AS n FROM devices WHERE user_id = ?'),
        docs: q('SELECT count(*) AS n FROM docs WHERE user_id = ?'),
        files: q('SELECT count(*) AS n FROM files WHERE user_id = ?'),
        updates: q(
          'SELECT count(*) AS n FROM doc_updates WHERE doc_id IN (SELECT id FROM docs WHERE user_id = ?)',
        ),
        all: (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n,
        allUpdates: (db.prepare('SELECT count(*) AS n FROM doc_updates').get() as { n: number }).n,
        allFiles: (db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n,
      };
      db.close();
      return result;
    };
    const before = counts();
    expect(before.users).toBe(1);
    expect(before.updates).toBeGreaterThan(0);
    expect(before.files).toBe(1);

    const res = await t.fetch('/api/account', {
      method: 'DELETE',
      token: alice.token,
      body: JSON.stringify({ password: PASSWORD }),
    });
    expect(res.status).toBe(204);
    const after = counts();
    expect(after).toMatchObject({
      users: 0,
      devices: 0,
      docs: 0,
      files: 0,
      updates: 0,
      all: 1,
      allFiles: 1, // bob’s
    });
    expect(after.allUpdates).toBeGreaterThan(0); // bob’s remain
    const orphans = new Database(t.database, { readonly: true });
    for (const table of ['devices', 'docs', 'doc_snapshots', 'doc_updates', 'files']) {
      const fk = orphans.pragma(`foreign_key_check(${table})`) as unknown[];
      expect(fk, table).toEqual([]);
    }
    const dangling = orphans
      .prepare('SELECT count(*) AS n FROM doc_updates WHERE doc_id NOT IN (SELECT id FROM docs)')
      .get() as { n: number };
    orphans.close();
    expect(dangling.n).toBe(0);
    expect((await t.fetch('/api/me', { token: alice.token })).status).toBe(401);
    expect((await t.fetch('/api/me', { token: bob.token })).status).toBe(200);
  });
});
