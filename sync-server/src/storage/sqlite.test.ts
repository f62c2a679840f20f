import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { migrate, readMigrations } from './migrations.ts';
import { SqliteStorage } from './sqlite.ts';

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tally-store-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'nested', 'tally.sqlite');
}

function open(path: string): SqliteStorage {
  const opened = SqliteStorage.open(path);
  if (!opened.ok) throw new Error(opened.error);
  onTestFinished(() => opened.value.close());
  return opened.value;
}

describe('migrations', () => {
  it('are numbered from 0001 without gaps, and applied once', () => {
    const migrations = readMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    const db = new Database(':memory:');
    expect(migrate(db, migrations)).toEqual({ ok: true, value: migrations.map((m) => m.version) });
    expect(migrate(db, migrations)).toEqual({ ok: true, value: [] });
    db.close();
  });

  it('refuse a database from a newer server', () => {
    const path = tempDb();
    open(path);
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    const opened = SqliteStorage.open(path);
    expect(!opened.ok && opened.error).toContain('schema version 99');
  });
});

describe('SqliteStorage', () => {
  it('creates the database private to its owner, in WAL mode', async () => {
    const path = tempDb();
    open(path);
    const { statSync } = await import('node:fs');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('appends, compacts, lists and erases documents per user', async () => {
    const store = open(tempDb());
    const alice = await store.createUser('alice', 'hash', 1);
    const bob = await store.createUser('bob', 'hash', 1);
    if (!alice.ok || !bob.ok) throw new Error('users');
    expect(await store.createUser('alice', 'x', 2)).toEqual({ ok: false, error: 'name-taken' });

    const doc = await store.load(alice.value.id, 'bills');
    const same = await store.load(alice.value.id, 'bills');
    const bobs = await store.load(bob.value.id, 'bills');
    expect(same.id).toBe(doc.id);
    expect(bobs.id).not.toBe(doc.id); // (user, name) → its own key
    await store.append([
      { docId: doc.id, seq: 1, updates: [Uint8Array.of(1, 2, 3)], receivedAt: 10 },
      { docId: doc.id, seq: 2, updates: [Uint8Array.of(4, 5), Uint8Array.of(6)], receivedAt: 11 },
      { docId: bobs.id, seq: 1, updates: [Uint8Array.of(9)], receivedAt: 12 },
    ]);
    // Rows hold their updates length-prefixed: 1+3, then 1+2 + 1+1 bytes.
    expect(await store.list(alice.value.id)).toEqual([{ name: 'bills', bytes: 9, updatedAt: 11 }]);
    expect(await store.usage(alice.value.id)).toBe(9);
    const all = await store.load(alice.value.id, 'bills');
    expect(all.updates.map((u) => [u.seq, [...u.data]])).toEqual([
      [1, [1, 2, 3]],
      [2, [4, 5]],
      [2, [6]],
    ]);

    await store.compact({
      docId: doc.id,
      state: Uint8Array.of(7, 7, 7, 7),
      uptoSeq: 1,
      at: 20,
      gc: true,
    });
    const loaded = await store.load(alice.value.id, 'bills');
    expect(loaded.snapshotSeq).toBe(1);
    expect([...(loaded.snapshot ?? [])]).toEqual([7, 7, 7, 7]);
    expect(loaded.updates.map((u) => [u.seq, [...u.data]])).toEqual([
      [2, [4, 5]],
      [2, [6]],
    ]);
    expect(loaded.gcAt).toBe(20);
    expect(await store.usage(alice.value.id)).toBe(4 + 5);

    // All or nothing: a bad row sinks its whole batch.
    await expect(
      store.append([
        { docId: doc.id, seq: 3, updates: [Uint8Array.of(1)], receivedAt: 30 },
        { docId: 999, seq: 1, updates: [Uint8Array.of(1)], receivedAt: 30 },
      ]),
    ).rejects.toThrow();
    expect((await store.load(alice.value.id, 'bills')).updates).toHaveLength(2);

    // A row that cannot be read back is reported, not dropped.
    const raw = new Database(store.path);
    raw.prepare('UPDATE doc_updates SET data = ? WHERE seq = 2').run(Buffer.from([5, 1]));
    raw.close();
    const damaged = await store.load(alice.value.id, 'bills');
    expect(damaged.updates[0]).toMatchObject({ seq: 2, damaged: 'unexpected end of data' });

    await store.erase(alice.value.id);
    expect(await store.list(alice.value.id)).toEqual([]);
    expect(await store.list(bob.value.id)).toHaveLength(1);
    expect(await store.check()).toEqual([]);
  });

  it('keeps files per user, once each, inside the usage, and erases them with the user', async () => {
    const store = open(tempDb());
    const alice = await store.createUser('alice', 'hash', 1);
    const bob = await store.createUser('bob', 'hash', 1);
    if (!alice.ok || !bob.ok) throw new Error('users');
    const a = alice.value.id;
    const b = bob.value.id;
    const hash = 'a'.repeat(64);
    expect(await store.putFile(a, hash, Uint8Array.of(1, 2, 3), 10)).toBe(true);
    expect(await store.putFile(a, hash, Uint8Array.of(1, 2, 3), 11)).toBe(false);
    expect(await store.putFile(a, 'b'.repeat(64), Uint8Array.of(4), 12)).toBe(true);
    expect(await store.putFile(b, hash, Uint8Array.of(1, 2, 3), 13)).toBe(true);
    expect(await store.listFiles(a)).toEqual([
      { hash, size: 3 },
      { hash: 'b'.repeat(64), size: 1 },
    ]);
    expect(await store.hasFile(a, hash)).toBe(true);
    expect(await store.hasFile(a, 'c'.repeat(64))).toBe(false);
    expect([...((await store.getFile(a, hash)) ?? [])]).toEqual([1, 2, 3]);
    expect(await store.getFile(a, 'c'.repeat(64))).toBeUndefined();
    expect(await store.fileBytes(a)).toBe(4);
    expect(store.totalFileBytes()).toBe(7);

    // The usage (what the quota counts) and the user list add documents and files.
    const doc = await store.load(a, 'bills');
    await store.append([{ docId: doc.id, seq: 1, updates: [Uint8Array.of(9, 9)], receivedAt: 1 }]);
    const docBytes = (await store.list(a))[0]?.bytes ?? 0;
    expect(await store.usage(a)).toBe(docBytes + 4);
    expect((await store.listUsers()).find((u) => u.name === 'alice')?.bytes).toBe(docBytes + 4);

    expect(await store.deleteFile(a, 'b'.repeat(64))).toBe(1);
    expect(await store.deleteFile(a, 'b'.repeat(64))).toBe(0);
    expect(await store.eraseFiles(b)).toBeUndefined();
    expect(await store.listFiles(b)).toEqual([]);
    expect(await store.listFiles(a)).toEqual([{ hash, size: 3 }]);

    await store.deleteUser(a);
    const raw = new Database(store.path, { readonly: true });
    expect((raw.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n).toBe(0);
    raw.close();
  });
});
