// Kept files against a small in-test server that follows the files contract (list, put with the
// hash check, size limit and quota, get, delete), over real HTTP, with the device's IndexedDB on
// fake-indexeddb.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type TallyDB } from '../store/schema.ts';
import { Api } from './api.ts';
import {
  describeUpload,
  fetchKeptFile,
  listServerFiles,
  uploadMissingFiles,
  type UploadProgress,
  type UploadSummary,
} from './files.ts';

const TOKEN = 'device-token';

interface FakeOptions {
  maxFileBytes?: number;
  /** Say the limit in the list response too. */
  listLimit?: boolean;
  quotaBytes?: number;
  /** Serve other bytes than stored (a broken proxy, a tampered server). */
  tamper?: boolean;
  /** Hold PUT answers until this many are waiting (or no more are expected). */
  gate?: { size: number; expected: number };
}

interface Fake {
  url: string;
  stored: Map<string, Uint8Array>;
  requests: string[];
  maxInFlight: number;
}

const servers: Server[] = [];
const dbs: TallyDB[] = [];
let counter = 0;

afterEach(async () => {
  for (const db of dbs.splice(0)) db.close();
  await Promise.all(
    servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
  );
});

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function body(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

async function fakeServer(options: FakeOptions = {}): Promise<Fake> {
  const max = options.maxFileBytes ?? 32 * 1024 * 1024;
  const fake: Fake = { url: '', stored: new Map(), requests: [], maxInFlight: 0 };
  let inFlight = 0;
  let putsSeen = 0;
  const held: (() => void)[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      fake.requests.push(`${req.method} ${req.url}`);
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        return json(res, 401, { error: 'not signed in' });
      }
      if (req.url === '/api/files' && req.method === 'GET') {
        const files = [...fake.stored].map(([hash, b]) => ({ hash, size: b.byteLength }));
        return json(res, 200, options.listLimit ? { files, maxFileBytes: max } : { files });
      }
      const match = /^\/api\/files\/(.*)$/.exec(req.url ?? '');
      if (!match) return json(res, 404, { error: 'no such route' });
      const hash = decodeURIComponent(match[1]!);
      if (!/^[0-9a-f]{64}$/.test(hash)) return json(res, 400, { error: 'that is not a file hash' });
      if (req.method === 'GET') {
        const bytes = fake.stored.get(hash);
        if (!bytes) return json(res, 404, { error: 'no such file' });
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'cache-control': 'no-store',
        });
        return res.end(options.tamper ? Buffer.from('something else') : Buffer.from(bytes));
      }
      if (req.method === 'DELETE') {
        fake.stored.delete(hash);
        res.writeHead(204);
        return res.end();
      }
      if (req.method !== 'PUT') return json(res, 405, { error: 'method not allowed' });
      fake.maxInFlight = Math.max(fake.maxInFlight, ++inFlight);
      const bytes = await body(req);
      if (options.gate) {
        putsSeen++;
        await new Promise<void>((release) => {
          held.push(release);
          if (held.length >= options.gate!.size || putsSeen >= options.gate!.expected)
            for (const r of held.splice(0)) r();
        });
      }
      inFlight--;
      if (bytes.byteLength > max) {
        return json(res, 413, {
          error: `The file is larger than this server takes (at most ${max} bytes).`,
        });
      }
      if (sha256(bytes) !== hash) {
        return json(res, 400, { error: "the file's content does not match its hash" });
      }
      if (fake.stored.has(hash)) return json(res, 200, { stored: false });
      const used = [...fake.stored.values()].reduce((sum, b) => sum + b.byteLength, 0);
      if (options.quotaBytes !== undefined && used + bytes.byteLength > options.quotaBytes) {
        return json(res, 413, { error: 'Storing this file would take you past your quota.' });
      }
      fake.stored.set(hash, bytes);
      return json(res, 201, { stored: true });
    })();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

async function freshDb(): Promise<TallyDB> {
  const db = openDb(`files-test-${++counter}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.open();
  dbs.push(db);
  return db;
}

function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Keeps files on the device as the importer does; returns their hashes in order. */
async function keep(db: TallyDB, files: { name: string; text: string }[]): Promise<string[]> {
  const rows = files.map((f) => {
    const bytes = bytesOf(f.text);
    return { hash: sha256(bytes), bytes, name: f.name, addedAt: 1 };
  });
  await db.blobs.bulkPut(rows);
  return rows.map((r) => r.hash);
}

function gpx(n: number): { name: string; text: string } {
  return { name: `ride-${n}.gpx`, text: `<gpx><trk><name>Ride ${n}</name></trk></gpx>` };
}

function summaryOf(result: Awaited<ReturnType<typeof uploadMissingFiles>>): UploadSummary {
  if (!result.ok) throw new Error(`upload failed: ${result.error.message}`);
  return result.value;
}

describe('listServerFiles', () => {
  it('lists what the server holds, and the limit when it says', async () => {
    const fake = await fakeServer({ listLimit: true, maxFileBytes: 1000 });
    fake.stored.set(sha256(bytesOf('x')), bytesOf('x'));
    const listed = await listServerFiles(new Api(fake.url, TOKEN));
    expect(listed).toEqual({
      ok: true,
      value: { files: [{ hash: sha256(bytesOf('x')), size: 1 }], maxFileBytes: 1000 },
    });
  });

  it('says when the device is not signed in', async () => {
    const fake = await fakeServer();
    const listed = await listServerFiles(new Api(fake.url, 'revoked'));
    expect(listed.ok || listed.error.kind).toBe('unauthorized');
  });

  it('says when the server cannot be reached', async () => {
    const fake = await fakeServer();
    await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
    const listed = await listServerFiles(new Api(fake.url, TOKEN));
    expect(listed.ok).toBe(false);
    if (!listed.ok) {
      expect(listed.error.kind).toBe('unreachable');
      expect(listed.error.message).toContain(fake.url);
    }
  });
});

describe('uploadMissingFiles', () => {
  it('sends the files the server lacks, and nothing on a second run', async () => {
    const fake = await fakeServer();
    const db = await freshDb();
    const hashes = await keep(db, [gpx(1), gpx(2), gpx(3)]);
    fake.stored.set(hashes[0]!, bytesOf(gpx(1).text));
    const api = new Api(fake.url, TOKEN);

    const first = summaryOf(await uploadMissingFiles(api, db));
    expect(first).toEqual({ uploaded: 2, alreadyThere: 1, skipped: [], failed: [], notTried: 0 });
    expect([...fake.stored.keys()].sort()).toEqual([...hashes].sort());
    expect(fake.stored.get(hashes[2]!)).toEqual(bytesOf(gpx(3).text));
    expect(fake.requests.filter((r) => r.startsWith('PUT'))).toHaveLength(2);

    const second = summaryOf(await uploadMissingFiles(api, db));
    expect(second).toEqual({ uploaded: 0, alreadyThere: 3, skipped: [], failed: [], notTried: 0 });
    expect(fake.requests.filter((r) => r.startsWith('PUT'))).toHaveLength(2);
  });

  it('sends two files at a time, never more', async () => {
    const fake = await fakeServer({ gate: { size: 2, expected: 5 } });
    const db = await freshDb();
    await keep(db, [1, 2, 3, 4, 5].map(gpx));
    const progress: UploadProgress[] = [];
    const summary = summaryOf(
      await uploadMissingFiles(new Api(fake.url, TOKEN), db, {
        onProgress: (p) => progress.push(p),
      }),
    );
    expect(summary.uploaded).toBe(5);
    expect(fake.maxInFlight).toBe(2);
    expect(progress[0]).toEqual({ done: 0, total: 5 });
    expect(progress.at(-1)).toEqual({ done: 5, total: 5 });
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('skips a file the server finds too large, with its reason, and sends the rest', async () => {
    const fake = await fakeServer({ maxFileBytes: 60 });
    const db = await freshDb();
    const big = { name: 'huge.fit', text: 'x'.repeat(61) };
    const [small, large] = await keep(db, [gpx(1), big]);
    const summary = summaryOf(await uploadMissingFiles(new Api(fake.url, TOKEN), db));
    expect(summary.uploaded).toBe(1);
    expect(summary.failed).toEqual([]);
    expect(summary.skipped).toEqual([
      {
        hash: large,
        name: 'huge.fit',
        size: 61,
        reason: 'The file is larger than this server takes (at most 60 bytes).',
      },
    ]);
    expect([...fake.stored.keys()]).toEqual([small]);
    expect(await db.blobs.get(large!)).toBeDefined();
  });

  it('does not send a file over the limit the server announced', async () => {
    const fake = await fakeServer({ maxFileBytes: 2 * 1_048_576, listLimit: true });
    const db = await freshDb();
    const [large] = await keep(db, [{ name: 'huge.fit', text: 'y'.repeat(2 * 1_048_576 + 1) }]);
    const summary = summaryOf(await uploadMissingFiles(new Api(fake.url, TOKEN), db));
    expect(summary.skipped.map((s) => [s.hash, s.reason])).toEqual([
      [large, 'It is larger than your sync server takes (at most 2 MiB).'],
    ]);
    expect(fake.requests.filter((r) => r.startsWith('PUT'))).toEqual([]);
  });

  it('leaves out the hashes it is told to', async () => {
    const fake = await fakeServer();
    const db = await freshDb();
    const [a, b] = await keep(db, [gpx(1), gpx(2)]);
    const summary = summaryOf(
      await uploadMissingFiles(new Api(fake.url, TOKEN), db, { exclude: new Set([a!]) }),
    );
    expect(summary.uploaded).toBe(1);
    expect([...fake.stored.keys()]).toEqual([b]);
  });

  it('stops at the quota with the server’s words, counting what it did not try', async () => {
    const one = gpx(1).text.length;
    const fake = await fakeServer({ quotaBytes: one });
    const db = await freshDb();
    await keep(db, [1, 2, 3, 4, 5, 6].map(gpx));
    const summary = summaryOf(await uploadMissingFiles(new Api(fake.url, TOKEN), db));
    expect(summary.uploaded).toBe(1);
    expect(summary.failed.length).toBeGreaterThanOrEqual(1);
    expect(summary.failed[0]).toMatchObject({
      kind: 'over-quota',
      error: 'Storing this file would take you past your quota.',
    });
    expect(summary.uploaded + summary.failed.length + summary.notTried).toBe(6);
    expect(summary.notTried).toBeGreaterThanOrEqual(3);
    expect(fake.stored.size).toBe(1);
  });

  it('reports a file whose bytes no longer match its hash, and sends the others', async () => {
    const fake = await fakeServer();
    const db = await freshDb();
    const [good] = await keep(db, [gpx(1)]);
    const wrongHash = sha256(bytesOf('what it was'));
    await db.blobs.put({
      hash: wrongHash,
      bytes: bytesOf('what it is now'),
      name: 'bad.gpx',
      addedAt: 1,
    });
    const summary = summaryOf(await uploadMissingFiles(new Api(fake.url, TOKEN), db));
    expect(summary.uploaded).toBe(1);
    expect(summary.failed).toEqual([
      {
        hash: wrongHash,
        name: 'bad.gpx',
        kind: 'refused',
        error: "the file's content does not match its hash",
      },
    ]);
    expect([...fake.stored.keys()]).toEqual([good]);
  });

  it('returns the listing’s error when the device was signed out', async () => {
    const fake = await fakeServer();
    const db = await freshDb();
    await keep(db, [gpx(1)]);
    const result = await uploadMissingFiles(new Api(fake.url, 'revoked'), db);
    expect(result.ok || result.error.kind).toBe('unauthorized');
    expect(fake.requests).toEqual(['GET /api/files']);
  });
});

describe('fetchKeptFile', () => {
  it('fetches, checks and keeps a file under its kept name', async () => {
    const fake = await fakeServer();
    const db = await freshDb();
    const bytes = bytesOf(gpx(7).text);
    const hash = sha256(bytes);
    fake.stored.set(hash, bytes);
    await db.sourceFiles.put({ id: 'f1', contentHash: hash, fileName: 'ride-7.gpx' });
    const got = await fetchKeptFile(new Api(fake.url, TOKEN), db, hash, { now: () => 42 });
    expect(got).toEqual({ ok: true, value: bytes });
    expect(await db.blobs.get(hash)).toEqual({ hash, bytes, name: 'ride-7.gpx', addedAt: 42 });
  });

  it('refuses bytes that do not match the hash, and keeps nothing', async () => {
    const fake = await fakeServer({ tamper: true });
    const db = await freshDb();
    const bytes = bytesOf(gpx(8).text);
    const hash = sha256(bytes);
    fake.stored.set(hash, bytes);
    const got = await fetchKeptFile(new Api(fake.url, TOKEN), db, hash, { name: 'ride-8.gpx' });
    expect(got.ok || got.error.kind).toBe('mismatch');
    expect(await db.blobs.count()).toBe(0);
  });

  it('says the file is missing when the server has none (a 404)', async () => {
    const fake = await fakeServer();
    const db = await freshDb();
    const got = await fetchKeptFile(new Api(fake.url, TOKEN), db, sha256(bytesOf('nowhere')));
    expect(got.ok || got.error.kind).toBe('missing');
    expect(await db.blobs.count()).toBe(0);
  });

  it('passes on a sign-in problem', async () => {
    const fake = await fakeServer();
    const db = await freshDb();
    const got = await fetchKeptFile(new Api(fake.url, 'revoked'), db, sha256(bytesOf('a')));
    expect(got.ok || got.error.kind).toBe('unauthorized');
  });
});

describe('Api file calls', () => {
  it('puts once (stored), then again (already there), deletes (also when absent)', async () => {
    const fake = await fakeServer();
    const api = new Api(fake.url, TOKEN);
    const bytes = bytesOf('content');
    const hash = sha256(bytes);
    expect(await api.putFile(hash, bytes)).toEqual({ ok: true, value: { stored: true } });
    expect(await api.putFile(hash, bytes)).toEqual({ ok: true, value: { stored: false } });
    expect(await api.getFile(hash)).toEqual({ ok: true, value: bytes });
    expect(await api.deleteFile(hash)).toEqual({ ok: true, value: undefined });
    expect(await api.deleteFile(hash)).toEqual({ ok: true, value: undefined });
    expect(await api.getFile(hash)).toEqual({ ok: true, value: undefined });
  });

  it('passes on the server’s words for a malformed hash', async () => {
    const fake = await fakeServer();
    const put = await new Api(fake.url, TOKEN).putFile('NOT-A-HASH', bytesOf('x'));
    expect(put).toEqual({
      ok: false,
      error: { kind: 'refused', message: 'that is not a file hash' },
    });
  });
});

describe('describeUpload', () => {
  const base: UploadSummary = {
    uploaded: 3,
    alreadyThere: 0,
    skipped: [],
    failed: [],
    notTried: 0,
  };
  const failed = {
    hash: 'h',
    name: 'a.gpx',
    error: 'Over your quota',
    kind: 'over-quota' as const,
  };
  const skipped = { hash: 's', name: 'big.fit', size: 9, reason: 'Too large.' };
  it.each([
    ['all went well', base, {}, undefined],
    [
      'one failure, the rest not tried',
      { ...base, failed: [failed], notTried: 2 },
      {},
      {
        tone: 'error',
        message:
          'Could not send the kept file “a.gpx” to your sync server: Over your quota. 2 more were not tried; Tally tries again the next time it connects.',
      },
    ],
    [
      'two failures',
      { ...base, failed: [failed, { ...failed, name: 'b.gpx' }] },
      {},
      {
        tone: 'error',
        message: 'Could not send 2 kept files to your sync server: Over your quota.',
      },
    ],
    [
      'a skipped file',
      { ...base, skipped: [skipped] },
      {},
      { tone: 'info', message: '“big.fit” stays on this device only: Too large.' },
    ],
    [
      'a skipped file, when skips are not to be told',
      { ...base, skipped: [skipped] },
      { skipped: false },
      undefined,
    ],
  ])('%s', (_name, summary, options, expected) => {
    expect(describeUpload(summary, options)).toEqual(expected);
  });
});
