// The server in its own process: killed with SIGKILL right after clients converge (everything
// any client has seen was committed), and stopped with SIGTERM (sockets closed with 1001).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  createUser,
  entries,
  nextClose,
  PASSWORD,
  startChildServer,
  synced,
  until,
} from './testing/harness.ts';

function tempDatabase(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tally-crash-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'tally.sqlite');
}

async function login(url: string, name: string): Promise<string> {
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: name, password: PASSWORD, deviceName: 'crash test' }),
  });
  return ((await res.json()) as { token: string }).token;
}

function provider(url: string, token: string, doc = new Y.Doc()): WebsocketProvider {
  const p = new WebsocketProvider(url.replace(/^http/, 'ws') + '/sync', 'bills', doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    protocols: ['tally', `token.${token}`],
    disableBc: true,
  });
  onTestFinished(() => {
    p.destroy();
    p.doc.destroy();
  });
  return p;
}

describe('a server process that dies', () => {
  it('loses nothing any client has seen when killed with SIGKILL', async () => {
    const database = tempDatabase();
    await createUser(database, 'alice');
    const first = await startChildServer(database);
    const token = await login(first.url, 'alice');
    const a = provider(first.url, token);
    const b = provider(first.url, token);
    await Promise.all([synced(a), synced(b)]);
    for (let i = 0; i < 100; i++) {
      a.doc.getMap('records').set(`a${i}`, { amount: i });
      b.doc.getMap('records').set(`b${i}`, { amount: -i });
    }
    // Converged: each has seen the other's 100 — so all 200 were committed.
    const all = (d: Y.Doc): boolean => Object.keys(entries(d)).length === 200;
    await until(a.doc, all, 'a to converge');
    await until(b.doc, all, 'b to converge');
    a.disconnect();
    b.disconnect();

    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = await startChildServer(database);
    const fresh = provider(second.url, token);
    await synced(fresh);
    expect(entries(fresh.doc)).toEqual(entries(a.doc));
  });

  it('stops on SIGTERM: commits what is pending, closes sockets with 1001, exits 0', async () => {
    const database = tempDatabase();
    await createUser(database, 'alice');
    const server = await startChildServer(database);
    const token = await login(server.url, 'alice');
    const a = provider(server.url, token);
    const b = provider(server.url, token);
    await Promise.all([synced(a), synced(b)]);
    a.doc.getMap('records').set('before', 'stop');
    await until(b.doc, (d) => entries(d).before === 'stop', 'b to see the edit');
    const closedA = nextClose(a);
    server.child.kill('SIGTERM');
    expect((await closedA).code).toBe(1001);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    a.disconnect();
    b.disconnect();

    const again = await startChildServer(database);
    const fresh = provider(again.url, token);
    await synced(fresh);
    expect(entries(fresh.doc)).toEqual({ before: 'stop' });
  });
});
