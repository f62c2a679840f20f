// The CLI as an operator runs it: a separate process on a database file.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import * as Y from 'yjs';
import * as backup from '@tally/model/backup';
import { Collection } from '@tally/model/collection';
import { backupContents } from '@tally/model/exports/contents';
import { openBackup } from '@tally/model/exports/migrate';
import { build, testIds } from '@tally/model/testing';
import * as app from '../../web/lib/data/crypto.ts';
import { Accounts } from './accounts/accounts.ts';
import { SqliteStorage } from './storage/sqlite.ts';
import { createUser, within } from './testing/harness.ts';

vi.setConfig({ testTimeout: 90_000 });

const CLI = resolve(import.meta.dirname, 'cli.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function workdir(): { dir: string; database: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tally-cli-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, database: join(dir, 'data', 'tally.sqlite') };
}

function cli(
  args: string[],
  options: { database: string; stdin?: string; env?: Record<string, string> },
): Promise<Run> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, TALLY_DATABASE: options.database, TALLY_PASSWORD: '', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(options.stdin ?? '');
  return within(
    60_000,
    `tally-server ${args.join(' ')}`,
    new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr }))),
  );
}

async function canLogIn(database: string, name: string, password: string): Promise<boolean> {
  const opened = SqliteStorage.open(database);
  if (!opened.ok) throw new Error(opened.error);
  const result = await new Accounts({ store: opened.value }).login(
    { username: name, password, deviceName: 'check' },
    'test',
  );
  await opened.value.close();
  return result.ok;
}

async function writeDoc(
  database: string,
  user: string,
  name: string,
  value: string,
): Promise<void> {
  const y = new Y.Doc();
  y.getMap('records').set('k', value);
  await writeState(database, user, name, Y.encodeStateAsUpdate(y));
}

/** Stores a kept file of the user, as PUT /api/files does. */
async function writeKeptFile(database: string, user: string, text: string): Promise<void> {
  const opened = SqliteStorage.open(database);
  if (!opened.ok) throw new Error(opened.error);
  const store = opened.value;
  const u = await store.findUserByName(user);
  const data = new TextEncoder().encode(text);
  const hash = createHash('sha256').update(data).digest('hex');
  await store.putFile(u?.id ?? 0, hash, data, 1);
  await store.close();
}

async function writeState(
  database: string,
  user: string,
  name: string,
  state: Uint8Array,
): Promise<void> {
  const opened = SqliteStorage.open(database);
  if (!opened.ok) throw new Error(opened.error);
  const store = opened.value;
  const u = await store.findUserByName(user);
  const doc = await store.load(u?.id ?? 0, name);
  await store.append([
    { docId: doc.id, seq: doc.updates.length + 1, updates: [state], receivedAt: 1 },
  ]);
  await store.close();
}

function userNames(database: string): string[] {
  const db = new Database(database, { readonly: true });
  const names = (
    db.prepare('SELECT name FROM users ORDER BY name').all() as { name: string }[]
  ).map((r) => r.name);
  db.close();
  return names;
}

function flipped(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}

/** Files the CLI may leave beside the database: none but the database and its safety copies. */
function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.includes('.tmp-'));
}

describe('tally-server CLI', () => {
  it('manages users: add (stdin or env), list, passwd, delete', async () => {
    const { database } = workdir();
    const add = await cli(['user', 'add', 'Alice'], { database, stdin: 'first password\n' });
    expect(add).toMatchObject({ code: 0, stdout: 'Created user alice.\n' });
    expect(
      (await cli(['user', 'add', 'bob'], { database, env: { TALLY_PASSWORD: 'bob password' } }))
        .code,
    ).toBe(0);
    const dup = await cli(['user', 'add', 'alice'], { database, stdin: 'another one\n' });
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('a user named alice already exists');
    const weak = await cli(['user', 'add', 'carol'], { database, stdin: 'short\n' });
    expect(weak.stderr).toContain('at least 8 characters');

    const list = await cli(['user', 'list'], { database });
    expect(list.stdout).toMatch(/^alice\t.*\nbob\t/);

    expect(
      (await cli(['user', 'passwd', 'alice'], { database, stdin: 'second password\n' })).code,
    ).toBe(0);
    expect(await canLogIn(database, 'alice', 'second password')).toBe(true);
    expect(await canLogIn(database, 'alice', 'first password')).toBe(false);

    const unconfirmed = await cli(['user', 'delete', 'bob'], { database });
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('--yes');
    await writeDoc(database, 'bob', 'bills', 'bob’s');
    await writeDoc(database, 'alice', 'bills', 'alice’s');
    await writeKeptFile(database, 'bob', 'bob’s kept file');
    await writeKeptFile(database, 'alice', 'alice’s kept file');
    const rows = (): {
      docs: number;
      updates: number;
      devices: number;
      users: number;
      files: number;
    } => {
      const db = new Database(database, { readonly: true });
      const n = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
      const result = {
        users: n('SELECT count(*) AS n FROM users'),
        devices: n('SELECT count(*) AS n FROM devices'),
        docs: n('SELECT count(*) AS n FROM docs'),
        updates: n('SELECT count(*) AS n FROM doc_updates'),
        files: n('SELECT count(*) AS n FROM files'),
      };
      db.close();
      return result;
    };
    const before = rows();
    expect(before.files).toBe(2);
    expect((await cli(['user', 'delete', 'bob', '--yes'], { database })).code).toBe(0);
    expect(await canLogIn(database, 'bob', 'bob password')).toBe(false);
    // At the row level: bob's user, document, its updates and his file are gone; alice's stay.
    expect(rows()).toEqual({
      users: before.users - 1,
      devices: before.devices,
      docs: before.docs - 1,
      updates: before.updates - 1,
      files: before.files - 1,
    });
    const left = new Database(database, { readonly: true });
    const orphans = left
      .prepare(
        'SELECT (SELECT count(*) FROM docs WHERE user_id NOT IN (SELECT id FROM users)) + ' +
          '(SELECT count(*) FROM doc_updates WHERE doc_id NOT IN (SELECT id FROM docs)) + ' +
          '(SELECT count(*) FROM files WHERE user_id NOT IN (SELECT id FROM users)) AS n',
      )
      .get() as { n: number };
    left.close();
    expect(orphans.n).toBe(0);
  });

  it('backs up (0600), checks, exports and restores', async () => {
    const { dir, database } = workdir();
    await createUser(database, 'alice');
    await writeDoc(database, 'alice', 'bills', 'kept');

    const file = join(dir, 'backup.sqlite');
    const made = await cli(['backup', file], { database });
    expect(made.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect((await cli(['backup', file], { database })).stderr).toContain('already exists');

    expect(await cli(['check'], { database })).toMatchObject({ code: 0 });

    const exported = join(dir, 'alice.json');
    expect((await cli(['export', 'alice', exported], { database })).code).toBe(0);
    expect(statSync(exported).mode & 0o777).toBe(0o600);
    const read = backup.readBackup(readFileSync(exported, 'utf8'));
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(read.value.docs.map((d) => d.name)).toEqual(['bills']);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, read.value.docs[0]?.state ?? new Uint8Array());
    expect(doc.getMap('records').get('k')).toBe('kept');

    // Changes after the backup disappear on restore; the replaced database is kept beside it.
    await writeDoc(database, 'alice', 'time', 'after the backup');
    await createUser(database, 'zed');
    const restored = await cli(['restore', file], { database });
    expect(restored.code).toBe(0);
    const now = new Database(database, { readonly: true });
    const names = (now.prepare('SELECT name FROM users').all() as { name: string }[]).map(
      (r) => r.name,
    );
    now.close();
    expect(names).toEqual(['alice']);
    const safety = readdirSync(join(dir, 'data')).find((f) => f.includes('.before-restore-'));
    expect(safety).toBeDefined();
    const old = new Database(join(dir, 'data', safety ?? ''), { readonly: true });
    expect((old.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n).toBe(2);
    old.close();
    expect((await cli(['restore', join(dir, 'nothing.sqlite')], { database })).code).toBe(1);
  });

  it('exports a user in the backup format the app opens: real records, counted', async () => {
    const { dir, database } = workdir();
    await createUser(database, 'alice');
    const ids = testIds(3);
    const bills = new Y.Doc();
    const input = build('bills', 1);
    const id = ids.next();
    new Collection(bills, 'bills', 'bills', 'test').create(id, input);
    // Two updates in the log, as the server stores them: the export merges them.
    await writeState(database, 'alice', 'bills', Y.encodeStateAsUpdate(bills));
    new Collection(bills, 'bills', 'bills', 'test').update(id, { name: 'Renamed' });
    await writeState(database, 'alice', 'bills', Y.encodeStateAsUpdate(bills));

    const file = join(dir, 'alice.json');
    expect((await cli(['export', 'alice', file], { database })).code).toBe(0);
    // What the app's restore reads: openBackup (every format version), then the contents shown.
    const opened = openBackup(readFileSync(file, 'utf8'));
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    expect(opened.value.migratedFrom).toBeUndefined();
    expect(backupContents(opened.value.backup)).toMatchObject({
      collections: [{ name: 'bills', count: 1 }],
      total: 1,
      unknown: [],
    });
    expect(opened.value.backup.records.bills?.[0]).toMatchObject({ id, name: 'Renamed' });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, opened.value.docs[0]?.state ?? new Uint8Array());
    expect(new Collection(doc, 'bills', 'bills', null).get(id)).toMatchObject({
      ...input,
      name: 'Renamed',
    });
    expect((await cli(['export', 'nobody', join(dir, 'x.json')], { database })).stderr).toContain(
      'no user named nobody',
    );
  });

  it('encrypts backups with the operator passphrase and restores them, or changes nothing', async () => {
    const { dir, database } = workdir();
    const data = join(dir, 'data');
    await createUser(database, 'alice');
    await writeDoc(database, 'alice', 'bills', 'kept');
    const PASS = 'the operator passphrase';
    const env = { TALLY_BACKUP_PASSPHRASE: PASS };

    // No passphrase anywhere: refused before any file is made. Never an argument of its own.
    const file = join(dir, 'backup.sqlite.enc');
    const nokey = await cli(['backup', '--encrypt', file], { database });
    expect(nokey.code).toBe(1);
    expect(nokey.stderr).toContain('TALLY_BACKUP_PASSPHRASE');
    expect(existsSync(file)).toBe(false);
    expect(
      (await cli(['backup', '--encrypt', '--passphrase', PASS, file], { database })).code,
    ).toBe(2);
    const short = await cli(['backup', '--encrypt', file], {
      database,
      env: { TALLY_BACKUP_PASSPHRASE: 'short' },
    });
    expect(short.stderr).toContain('at least 8 characters');

    const made = await cli(['backup', '--encrypt', file], { database, env });
    expect(made).toMatchObject({ code: 0 });
    expect(made.stdout).toContain('encrypted');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const sealed = readFileSync(file);
    expect(sealed.subarray(0, 8).toString('latin1')).toBe('TALLYENC');
    expect(sealed.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(sealed.includes(Buffer.from('alice'))).toBe(false);
    expect(leftovers(data)).toEqual([]);

    // Changes after the backup, which a failed restore must keep.
    await createUser(database, 'zed');
    const untouched = (): void => {
      expect(userNames(database)).toEqual(['alice', 'zed']);
      expect(readdirSync(data).filter((f) => f.includes('.before-restore-'))).toEqual([]);
      expect(leftovers(data)).toEqual([]);
    };
    const without = await cli(['restore', file], { database });
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('is encrypted');
    untouched();
    const wrong = await cli(['restore', file], {
      database,
      env: { TALLY_BACKUP_PASSPHRASE: 'not the passphrase' },
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('passphrase does not open');
    untouched();
    for (const [what, bytes] of [
      ['changed', flipped(sealed, 4000)],
      ['cut short', sealed.subarray(0, sealed.length - 100)],
    ] as const) {
      const damaged = join(dir, `${what}.enc`);
      writeFileSync(damaged, bytes);
      const r = await cli(['restore', damaged], { database, env });
      expect(r.code, what).toBe(1);
      expect(r.stderr, what).toContain('damaged or was changed');
      untouched();
    }

    // The right passphrase from a key file (a trailing newline is not part of it).
    const keyFile = join(dir, 'backup.key');
    writeFileSync(keyFile, `${PASS}\n`, { mode: 0o600 });
    const restored = await cli(['restore', '--key-file', keyFile, file], { database });
    expect(restored.code).toBe(0);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toContain('(decrypted)');
    expect(userNames(database)).toEqual(['alice']);
    expect(leftovers(data)).toEqual([]);
    expect(await cli(['check'], { database })).toMatchObject({ code: 0 });
  });

  it('encrypts an export so that the app opens it with the same passphrase', async () => {
    const { dir, database } = workdir();
    await createUser(database, 'alice');
    await writeDoc(database, 'alice', 'bills', 'secret value');
    const keyFile = join(dir, 'key');
    writeFileSync(keyFile, 'passphrase from a file', { mode: 0o644 });
    const file = join(dir, 'alice.tally-backup.enc');
    const r = await cli(['export', '--encrypt', '--key-file', keyFile, 'alice', file], {
      database,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`others can read ${keyFile}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from('tally-backup'))).toBe(false);
    // The app's own decryption (web/lib/data/crypto.ts), then its backup reader.
    const opened = await app.decrypt(new Uint8Array(bytes), 'passphrase from a file');
    if (!opened.ok) throw new Error(opened.error.message);
    const read = backup.readBackup(new TextDecoder().decode(opened.value));
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, read.value.docs[0]?.state ?? new Uint8Array());
    expect(doc.getMap('records').get('k')).toBe('secret value');
    expect(
      (await cli(['export', '--key-file', keyFile, 'alice', join(dir, 'y')], { database })).code,
    ).toBe(2);
  });

  it('finds damage with check', async () => {
    const { database } = workdir();
    await createUser(database, 'alice');
    await writeDoc(database, 'alice', 'bills', 'x');
    const db = new Database(database);
    db.prepare('UPDATE doc_updates SET data = ?').run(Buffer.from([1, 2, 3]));
    db.close();
    const check = await cli(['check'], { database });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('alice/bills: row 1 is damaged');
  });

  it('checks every kept file against its hash', async () => {
    const { database } = workdir();
    await createUser(database, 'alice');
    await writeKeptFile(database, 'alice', '<gpx>morning run</gpx>');
    await writeKeptFile(database, 'alice', '<gpx>evening ride</gpx>');
    const clean = await cli(['check'], { database });
    expect(clean).toMatchObject({ code: 0 });
    expect(clean.stdout).toContain('2 kept files');

    // One byte flipped in one file, the size unchanged.
    const db = new Database(database);
    const row = db.prepare('SELECT hash, data FROM files ORDER BY hash LIMIT 1').get() as {
      hash: string;
      data: Buffer;
    };
    db.prepare('UPDATE files SET data = ? WHERE hash = ?').run(flipped(row.data, 3), row.hash);
    db.close();
    const check = await cli(['check'], { database });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`alice: kept file ${row.hash} is damaged`);
    expect(check.stderr).toContain('1 problems');
  });

  it('explains bad usage and bad configuration', async () => {
    const { database } = workdir();
    const bogus = await cli(['frobnicate'], { database });
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain('unknown command "frobnicate"');
    const config = await cli(['check'], {
      database,
      env: { TALLY_PORT: 'x', TALLY_SQLITE_SYNCHRONOUS: 'OFF' },
    });
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('TALLY_PORT="x": expected a whole number');
    expect(config.stderr).toContain('TALLY_SQLITE_SYNCHRONOUS="OFF": expected one of NORMAL, FULL');
  });

  it('serves until SIGTERM, then exits cleanly', async () => {
    const { database } = workdir();
    const child = spawn(process.execPath, [CLI, 'serve'], {
      env: {
        ...process.env,
        TALLY_DATABASE: database,
        TALLY_PORT: '0',
        TALLY_LOG_LEVEL: 'warn',
        TALLY_STATIC_DIR: 'off',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    onTestFinished(() => void (child.exitCode === null && child.kill('SIGKILL')));
    const url = await within(
      60_000,
      'the server to listen',
      new Promise<string>((done) => {
        let text = '';
        child.stderr.on('data', (d: Buffer) => {
          text += d.toString();
          const m = /listening on (\S+)/.exec(text);
          if (m) done(m[1] as string);
        });
      }),
    );
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await within(30_000, 'the server to exit', exited)).toBe(0);
  });
});
