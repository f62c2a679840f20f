// The production bundle (sync-server/build.ts), which `npm start` and `npm run server` run: built
// from the current sources, then used as an operator would — the CLI creates a user, `serve`
// finds its migrations and the app's folder, stock providers sync through it, and compaction runs
// on the bundled worker thread.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { buildServer, SERVER_DIR } from '../build.ts';
import { PASSWORD, synced, until, within } from './testing/harness.ts';

const REPO = resolve(import.meta.dirname, '..', '..');
// A folder of its own beside dist/, so that a server running from dist/ is left alone.
const OUT = join(SERVER_DIR, `dist-test-${process.pid}`);
const CLI = join(OUT, 'cli.js');

function run(
  args: string[],
  env: Record<string, string>,
): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The server's JSON log lines (stdout), kept from the start, and a wait for the one wanted. */
function logOf(child: ChildProcessByStdio<null, Readable, Readable>): {
  next(
    what: string,
    match: (line: Record<string, unknown>) => boolean,
  ): Promise<Record<string, unknown>>;
} {
  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<(line: Record<string, unknown>) => void>();
  let text = '';
  child.stdout.on('data', (d: Buffer) => {
    text += d.toString();
    const complete = text.split('\n');
    text = complete.pop() ?? '';
    for (const line of complete) {
      if (!line.startsWith('{')) continue;
      const parsed = JSON.parse(line) as Record<string, unknown>;
      lines.push(parsed);
      for (const waiter of waiters) waiter(parsed);
    }
  });
  return {
    next(what, match) {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return within(
        60_000,
        what,
        new Promise((done, fail) => {
          const waiter = (line: Record<string, unknown>): void => {
            if (!match(line)) return;
            waiters.delete(waiter);
            done(line);
          };
          waiters.add(waiter);
          child.once('exit', (code) =>
            fail(new Error(`the server exited (${code}) before ${what}`)),
          );
        }),
      );
    },
  };
}

describe('the production bundle', () => {
  beforeAll(() => buildServer(OUT), 60_000);
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it('runs the CLI and the server, with compaction on its worker thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tally-bundle-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const database = join(dir, 'tally.sqlite');

    const add = run(['user', 'add', 'ada'], { TALLY_DATABASE: database, TALLY_PASSWORD: PASSWORD });
    let said = '';
    add.stdout.on('data', (d: Buffer) => (said += d.toString()));
    add.stderr.on('data', (d: Buffer) => (said += d.toString()));
    const added = await within(60_000, 'user add', new Promise((r) => add.on('close', r)));
    expect(added, said).toBe(0);

    // TALLY_STATIC_DIR unset: the bundle must find the app's folder where `npm start` puts it.
    const server = run(['serve'], {
      TALLY_DATABASE: database,
      TALLY_PORT: '0',
      TALLY_LOG_LEVEL: 'debug',
      TALLY_COMPACT_UPDATES: '5',
    });
    onTestFinished(() => void (server.exitCode === null && server.kill('SIGKILL')));
    const stopped = new Promise<number | null>((r) => server.on('exit', (code) => r(code)));
    const log = logOf(server);
    const listening = await log.next('the server to listen', (l) => l.msg === 'listening');
    const url = listening.url as string;
    const staticLine =
      listening.staticDir === null
        ? await log.next('the static folder warning', (l) => l.level === 'warn' && 'staticDir' in l)
        : listening;
    expect(staticLine.staticDir).toBe(join(REPO, 'build'));

    const login = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ada', password: PASSWORD, deviceName: 'laptop' }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };

    const providers: WebsocketProvider[] = [];
    onTestFinished(() => providers.forEach((p) => p.destroy()));
    const provider = (): WebsocketProvider => {
      const p = new WebsocketProvider(url.replace(/^http/, 'ws') + '/sync', 'bills', new Y.Doc(), {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        protocols: ['tally', `token.${token}`],
        disableBc: true,
      });
      providers.push(p);
      return p;
    };
    const a = provider();
    const b = provider();
    await Promise.all([synced(a), synced(b)]);

    // More updates than TALLY_COMPACT_UPDATES: the bundle's worker folds the log.
    const compacted = log.next(
      'a compaction',
      (l) => String(l.msg).startsWith('compaction') || l.msg === 'document compacted',
    );
    for (let i = 0; i < 12; i++) a.doc.getMap('entries').set(`e${i}`, i);
    await until(b.doc, (d) => d.getMap('entries').size === 12, 'b to receive every entry');
    expect((await compacted).msg).toBe('document compacted');

    const late = provider();
    await synced(late);
    expect(late.doc.getMap('entries').toJSON()).toEqual(a.doc.getMap('entries').toJSON());

    server.kill('SIGTERM');
    expect(await within(30_000, 'the server to stop', stopped)).toBe(0);
  }, 180_000);
});
