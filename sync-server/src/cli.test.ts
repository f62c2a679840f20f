// The CLI as an operator runs it: a separate process on a database file.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import * as Y from 'yjs';
import * as backup from '@tally/model/backup';
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
  const opened = SqliteStorage.open(database);
  if (!opened.ok) throw new Error(opened.error);
  const store = opened.value;
  const u = await store.findUserByName(user);
  const doc = await store.load(u?.id ?? 0, name);
  const y = new Y.Doc();
  y.getMap('records').set('k', value);
  await store.append([
    {
      docId: doc.id,
      seq: doc.updates.length + 1,
      updates: [Y.encodeStateAsUpdate(y)],
      receivedAt: 1,
    },
  ]);
  await store.close();
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
    expect((await cli(['user', 'delete', 'bob', '--yes'], { database })).code).toBe(0);
    expect(await canLogIn(database, 'bob', 'bob password')).toBe(false);
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
