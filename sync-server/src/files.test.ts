// Kept files under /api/files: content-addressed, per user, inside the quota, capped in size.
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { prng } from '@tally/model/testing';
import {
  entries,
  nextClose,
  PASSWORD,
  startTestServer,
  synced,
  until,
  within,
  type TestServer,
  type TestUser,
} from './testing/harness.ts';

function bytesOf(size: number, seed: number): Uint8Array {
  const random = prng(seed);
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = Math.floor(random() * 256);
  return out;
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function send(
  t: TestServer,
  method: string,
  path: string,
  token: string | undefined,
  body?: Uint8Array,
): Promise<Response> {
  const headers = new Headers();
  if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
  if (body !== undefined) headers.set('content-type', 'application/octet-stream');
  return fetch(t.url + path, { method, headers, body });
}

const put = (t: TestServer, user: TestUser, data: Uint8Array, hash = sha256(data)) =>
  send(t, 'PUT', `/api/files/${hash}`, user.token, data);
const get = (t: TestServer, user: TestUser, hash: string) =>
  send(t, 'GET', `/api/files/${hash}`, user.token);
const remove = (t: TestServer, user: TestUser, hash: string) =>
  send(t, 'DELETE', `/api/files/${hash}`, user.token);

async function list(t: TestServer, user: TestUser): Promise<{ hash: string; size: number }[]> {
  const res = await send(t, 'GET', '/api/files', user.token);
  expect(res.status).toBe(200);
  return ((await res.json()) as { files: { hash: string; size: number }[] }).files;
}

/** Rows of the files table, per user name. */
function fileRows(t: TestServer): Record<string, number> {
  const db = new Database(t.database, { readonly: true });
  const rows = db
    .prepare(
      'SELECT u.name AS name, count(*) AS n FROM files f JOIN users u ON u.id = f.user_id ' +
        'GROUP BY u.name',
    )
    .all() as { name: string; n: number }[];
  const all = (db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n;
  db.close();
  return { ...Object.fromEntries(rows.map((r) => [r.name, r.n])), all };
}

describe('kept files', () => {
  it('uploads, lists, downloads and deletes a file; a second upload stores nothing', async () => {
    const t = await startTestServer();
    const alice = await t.user('alice');
    const data = bytesOf(5000, 1);
    const hash = sha256(data);

    const first = await put(t, alice, data);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ stored: true });
    const again = await put(t, alice, data);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ stored: false });
    expect(await list(t, alice)).toEqual([{ hash, size: 5000 }]);
    expect(fileRows(t)).toEqual({ alice: 1, all: 1 });

    const got = await get(t, alice, hash);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/octet-stream');
    expect(got.headers.get('cache-control')).toBe('no-store');
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(data);

    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/^tally_file_uploads_total 1$/m);
    expect(metrics).toMatch(/^tally_stored_file_bytes 5000$/m);

    expect((await remove(t, alice, hash)).status).toBe(204);
    const gone = await get(t, alice, hash);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ error: 'no such file' });
    expect((await remove(t, alice, hash)).status).toBe(204); // absent: still 204
    expect(await list(t, alice)).toEqual([]);
    expect(fileRows(t)).toEqual({ all: 0 });
    // The request log names no file.
    expect(t.logText()).not.toContain(hash);
    expect(t.logText()).toContain('/api/files/:hash');
  });

  it('keeps an empty file and one of exactly the size limit', async () => {
    const t = await startTestServer({ maxFileBytes: 2048 });
    const alice = await t.user();
    for (const data of [new Uint8Array(0), bytesOf(2048, 2)]) {
      expect((await put(t, alice, data)).status).toBe(201);
      expect(new Uint8Array(await (await get(t, alice, sha256(data))).arrayBuffer())).toEqual(data);
    }
    expect((await list(t, alice)).map((f) => f.size).sort((a, b) => a - b)).toEqual([0, 2048]);
  });

  it('refuses content that does not match its hash, storing nothing', async () => {
    const t = await startTestServer();
    const alice = await t.user('alice');
    const data = bytesOf(3000, 3);
    const res = await put(t, alice, data, sha256(bytesOf(3000, 4)));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: "the file's content does not match its hash",
    });
    expect(fileRows(t)).toEqual({ all: 0 });
    expect(await list(t, alice)).toEqual([]);
  });

  it.each([
    ['upper-case hex', 'A'.repeat(64)],
    ['63 digits', 'a'.repeat(63)],
    ['65 digits', 'a'.repeat(65)],
    ['a non-hex digit', 'g' + 'a'.repeat(63)],
    ['nothing', ''],
  ])('answers 400 to a hash with %s', async (_what, hash) => {
    const t = await startTestServer();
    const alice = await t.user();
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await send(
        t,
        method,
        `/api/files/${hash}`,
        alice.token,
        method === 'PUT' ? bytesOf(10, 5) : undefined,
      );
      expect(res.status, method).toBe(400);
      expect(((await res.json()) as { error: string }).error).toContain('64 lowercase');
    }
    expect(fileRows(t)).toEqual({ all: 0 });
  });

  it('needs a device token on every route', async () => {
    const t = await startTestServer();
    const alice = await t.user();
    const data = bytesOf(100, 6);
    expect((await put(t, alice, data)).status).toBe(201);
    const hash = sha256(data);
    for (const token of [undefined, 'tly_' + 'A'.repeat(43)]) {
      for (const [method, path, body] of [
        ['GET', '/api/files', undefined],
        ['PUT', `/api/files/${sha256(bytesOf(100, 7))}`, bytesOf(100, 7)],
        ['GET', `/api/files/${hash}`, undefined],
        ['DELETE', `/api/files/${hash}`, undefined],
      ] as const) {
        const res = await send(t, method, path, token, body);
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
      }
    }
    expect(fileRows(t).all).toBe(1);
  });

  it('keeps users apart: another user’s file is not there for them', async () => {
    const t = await startTestServer();
    const alice = await t.user('alice');
    const bob = await t.user('bob');
    const data = bytesOf(4000, 8);
    const hash = sha256(data);
    expect((await put(t, alice, data)).status).toBe(201);

    const peek = await get(t, bob, hash);
    expect(peek.status).toBe(404);
    expect(await peek.json()).toMatchObject({ error: 'no such file' });
    expect(await list(t, bob)).toEqual([]);
    expect((await remove(t, bob, hash)).status).toBe(204);
    expect((await get(t, alice, hash)).status).toBe(200); // bob's delete touched nothing

    // The same bytes are bob's own file once he uploads them, and stay when alice deletes hers.
    expect((await put(t, bob, data)).status).toBe(201);
    expect((await remove(t, alice, hash)).status).toBe(204);
    expect(await list(t, bob)).toEqual([{ hash, size: 4000 }]);
    expect(fileRows(t)).toEqual({ bob: 1, all: 1 });
  });

  it('keeps files across a restart', async () => {
    let t = await startTestServer();
    const alice = await t.user('alice');
    const data = bytesOf(6000, 9);
    expect((await put(t, alice, data)).status).toBe(201);
    t = await t.restart();
    expect(await list(t, alice)).toEqual([{ hash: sha256(data), size: 6000 }]);
    expect(new Uint8Array(await (await get(t, alice, sha256(data))).arrayBuffer())).toEqual(data);
  });
});

describe('kept files: limits', () => {
  it('refuses a file over the size limit, storing nothing', async () => {
    const t = await startTestServer({ maxFileBytes: 2048 });
    const alice = await t.user();
    const res = await put(t, alice, bytesOf(2049, 10));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toContain('2048 bytes');
    expect(fileRows(t)).toEqual({ all: 0 });
    // The connection was closed, not drained: the next request works on a new one.
    expect((await put(t, alice, bytesOf(100, 11))).status).toBe(201);
  });

  it('answers 413 to an endless body while it is still being sent, without reading it all', async () => {
    // A long request timeout: the server must close the connection itself, not time it out.
    const t = await startTestServer({ maxFileBytes: 4096, preAuthTimeoutMs: 600_000 });
    const alice = await t.user();
    const hash = sha256(bytesOf(10, 12));
    const { port } = new URL(t.url);
    let written = 0;
    const answering = new Promise<{ status: number; body: string }>((resolve, reject) => {
      // No Content-Length: chunked, so the server only learns the size by reading.
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: `/api/files/${hash}`,
        headers: {
          authorization: `Bearer ${alice.token}`,
          'content-type': 'application/octet-stream',
        },
      });
      let answered = false;
      const chunk = new Uint8Array(1024);
      const pump = (): void => {
        // Keep sending until the answer comes: 64 MiB would be far past the limit.
        while (!answered && written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
      };
      req.on('response', (res) => {
        answered = true;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (s: string) => (body += s));
        // The server closes the connection itself rather than reading on: wait for that.
        let ended = false;
        let closed = false;
        const done = (): void => {
          if (ended && closed) resolve({ status: res.statusCode ?? 0, body });
        };
        res.on('end', () => {
          ended = true;
          done();
        });
        res.socket.once('close', () => {
          closed = true;
          done();
        });
      });
      req.on('error', (e) => {
        if (!answered) reject(e);
      });
      pump();
    });
    const answer = await within(20_000, 'a 413 and the server closing the connection', answering);
    expect(answer.status).toBe(413);
    expect((JSON.parse(answer.body) as { error: string }).error).toContain('4096 bytes');
    expect(written).toBeLessThan(64 * 1024 * 1024);
    expect(fileRows(t)).toEqual({ all: 0 });
  });

  it('counts files and documents in one quota, and never lets either past it', async () => {
    const quota = 8 * 1024;
    const t = await startTestServer({ userQuotaBytes: quota, maxFileBytes: 4096 });
    const alice = await t.user('alice');
    const files = [bytesOf(3000, 13), bytesOf(3000, 14), bytesOf(3000, 15)];
    expect((await put(t, alice, files[0] as Uint8Array)).status).toBe(201);
    expect((await put(t, alice, files[1] as Uint8Array)).status).toBe(201);
    const over = await put(t, alice, files[2] as Uint8Array);
    expect(over.status).toBe(413);
    expect(((await over.json()) as { error: string }).error).toContain('quota');
    expect(fileRows(t)).toEqual({ alice: 2, all: 2 });
    // Already stored: fine even at the quota.
    expect((await put(t, alice, files[1] as Uint8Array)).status).toBe(200);

    // 6000 bytes of files leave no room for a 4 KiB document update.
    const bills = t.provider(alice, 'bills');
    await synced(bills);
    const closed = nextClose(bills);
    bills.doc.getMap('records').set('big', 'z'.repeat(4 * 1024));
    expect(await closed).toEqual({ code: 4413, reason: `storage quota exceeded (${quota} bytes)` });

    // Deleting a file frees its bytes for documents…
    expect((await remove(t, alice, sha256(files[0] as Uint8Array))).status).toBe(204);
    expect((await remove(t, alice, sha256(files[1] as Uint8Array))).status).toBe(204);
    const time = t.provider(alice, 'time');
    await synced(time);
    time.doc.getMap('records').set('big', 'z'.repeat(5600));
    const witness = t.provider(alice, 'time');
    await synced(witness);
    await until(witness.doc, (d) => typeof entries(d).big === 'string', 'the 5600-byte update');

    // …and documents count against files.
    const refused = await put(t, alice, files[2] as Uint8Array);
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { error: string }).error).toContain('quota');
    expect(fileRows(t)).toEqual({ all: 0 });
    // Another user has their own quota.
    const bob = await t.user('bob');
    expect((await put(t, bob, files[2] as Uint8Array)).status).toBe(201);
  });

  it('never overshoots the quota with uploads racing each other', async () => {
    const t = await startTestServer({ userQuotaBytes: 8 * 1024, maxFileBytes: 4096 });
    const alice = await t.user();
    const files = Array.from({ length: 6 }, (_, i) => bytesOf(3000, 20 + i));
    const statuses = await Promise.all(files.map(async (f) => (await put(t, alice, f)).status));
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(statuses.filter((s) => s === 413)).toHaveLength(4);
    expect((await list(t, alice)).reduce((sum, f) => sum + f.size, 0)).toBe(6000);
  });
});

describe('kept files and account deletion', () => {
  it('erases the user’s files with the account, and nobody else’s', async () => {
    const t = await startTestServer();
    const alice = await t.user('alice');
    const bob = await t.user('bob');
    expect((await put(t, alice, bytesOf(1000, 30))).status).toBe(201);
    expect((await put(t, alice, bytesOf(1000, 31))).status).toBe(201);
    expect((await put(t, bob, bytesOf(1000, 32))).status).toBe(201);
    expect(fileRows(t)).toEqual({ alice: 2, bob: 1, all: 3 });

    const res = await t.fetch('/api/account', {
      method: 'DELETE',
      token: alice.token,
      body: JSON.stringify({ password: PASSWORD }),
    });
    expect(res.status).toBe(204);
    expect(fileRows(t)).toEqual({ bob: 1, all: 1 });
    const db = new Database(t.database, { readonly: true });
    expect(db.pragma('foreign_key_check(files)')).toEqual([]);
    db.close();
    expect((await send(t, 'GET', '/api/files', alice.token)).status).toBe(401);
  });
});
