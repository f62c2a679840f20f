// The one way tests start a server: a real server on 127.0.0.1 port 0 with a temporary SQLite
// file, logs captured, and everything it opened (providers, sockets, the server, the directory)
// closed when the test ends. Waiting is always on events, with a deadline that only exists to
// turn a hang into a readable failure.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { onTestFinished, vi } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { Accounts } from '../accounts/accounts.ts';
import type { DocumentEvents } from '../documents/manager.ts';
import { startServer, type ServerOptions, type TallyServer } from '../server.ts';
import { SqliteStorage } from '../storage/sqlite.ts';

// Every file that starts servers shares this deadline: on a loaded 2-core machine a test that
// waits on events can take far longer than its usual second, and must not fail for that.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

export const PASSWORD = 'correct horse battery';

export interface TestUser {
  readonly name: string;
  readonly password: string;
  readonly token: string;
  readonly deviceId: number;
}

export interface TestServer {
  readonly server: TallyServer;
  readonly url: string;
  /** ws://…/sync — the provider's serverUrl. */
  readonly syncUrl: string;
  readonly dir: string;
  readonly database: string;
  /** Every log line so far, parsed. */
  readonly logs: Record<string, unknown>[];
  readonly logText: () => string;
  /** Creates a user (as the CLI does) and signs a device in through the API. */
  user(name?: string, password?: string): Promise<TestUser>;
  /** Signs another device of an existing user in. */
  login(name: string, password?: string, deviceName?: string): Promise<TestUser>;
  provider(user: TestUser | string, docName: string, doc?: Y.Doc): WebsocketProvider;
  /** Stops the server and starts a new one on the same database. */
  restart(options?: ServerOptions): Promise<TestServer>;
  fetch(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
}

let userCounter = 0;

export async function startTestServer(
  options: ServerOptions = {},
  dir?: string,
): Promise<TestServer> {
  const ownDir = dir === undefined;
  const root = dir ?? mkdtempSync(join(tmpdir(), 'tally-sync-'));
  const database = join(root, 'tally.sqlite');
  const logs: Record<string, unknown>[] = [];
  const lines: string[] = [];
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    database,
    staticDir: null,
    logLevel: 'debug',
    // Tests that are about compaction ask for the worker thread; starting one costs seconds on
    // a loaded machine, which every other test would pay for nothing.
    compaction: 'inline',
    ...options,
    logStream: {
      write(line: string) {
        lines.push(line);
        logs.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  });
  const providers: WebsocketProvider[] = [];
  let closed = false;
  const stop = async (): Promise<void> => {
    for (const p of providers.splice(0)) {
      p.destroy();
      p.doc.destroy();
    }
    if (!closed) {
      closed = true;
      await server.close();
    }
  };
  onTestFinished(async () => {
    await stop();
    if (ownDir) rmSync(root, { recursive: true, force: true });
  });

  const fetchApi = (
    path: string,
    init: RequestInit & { token?: string } = {},
  ): Promise<Response> => {
    const { token, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
    if (rest.body !== undefined) headers.set('content-type', 'application/json');
    return fetch(server.url + path, { ...rest, headers });
  };

  const login = async (
    name: string,
    password = PASSWORD,
    deviceName = 'test device',
  ): Promise<TestUser> => {
    const res = await fetchApi('/api/login', {
      method: 'POST',
      body: JSON.stringify({ username: name, password, deviceName }),
    });
    if (res.status !== 200)
      throw new Error(`login as ${name} failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { token: string; device: { id: number } };
    return { name, password, token: body.token, deviceId: body.device.id };
  };

  const ts: TestServer = {
    server,
    url: server.url,
    syncUrl: server.url.replace(/^http/, 'ws') + '/sync',
    dir: root,
    database,
    logs,
    logText: () => lines.join(''),
    async user(name = `user${++userCounter}`, password = PASSWORD) {
      await createUser(database, name, password);
      return login(name, password);
    },
    login,
    provider(user, docName, doc = new Y.Doc()) {
      const token = typeof user === 'string' ? user : user.token;
      const provider = new WebsocketProvider(ts.syncUrl, docName, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        protocols: ['tally', `token.${token}`],
        disableBc: true,
      });
      providers.push(provider);
      return provider;
    },
    async restart(next = options) {
      await stop();
      return startTestServer(next, root);
    },
    fetch: fetchApi,
  };
  return ts;
}

/** Creates a user directly in the database, as `user add` does. */
export async function createUser(
  database: string,
  name: string,
  password = PASSWORD,
): Promise<void> {
  const opened = SqliteStorage.open(database);
  if (!opened.ok) throw new Error(opened.error);
  try {
    const created = await new Accounts({ store: opened.value }).createUser(name, password);
    if (!created.ok) throw new Error(`cannot create ${name}: ${created.error.kind}`);
  } finally {
    await opened.value.close();
  }
}

// ---- waiting on events ----

export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export function synced(provider: WebsocketProvider, ms = 15_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return within(
    ms,
    `${provider.roomname} to sync`,
    new Promise<void>((resolve) => {
      const onSync = (state: boolean): void => {
        if (!state) return;
        provider.off('sync', onSync);
        resolve();
      };
      provider.on('sync', onSync);
    }),
  );
}

/** Resolves when `check(doc)` holds, re-checking after every update of the doc. */
export function until(
  doc: Y.Doc,
  check: (doc: Y.Doc) => boolean,
  what: string,
  ms = 15_000,
): Promise<void> {
  if (check(doc)) return Promise.resolve();
  return within(
    ms,
    what,
    new Promise<void>((resolve) => {
      const onUpdate = (): void => {
        if (!check(doc)) return;
        doc.off('update', onUpdate);
        resolve();
      };
      doc.on('update', onUpdate);
    }),
  );
}

export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
}

/** The next close of the provider's connection, as the server sent it. */
export function nextClose(provider: WebsocketProvider, ms = 15_000): Promise<CloseInfo> {
  return within(
    ms,
    `${provider.roomname} to be closed`,
    new Promise<CloseInfo>((resolve) => {
      const onClose = (event: CloseEvent | null): void => {
        if (event === null) return;
        provider.off('connection-close', onClose);
        resolve({ code: event.code, reason: String(event.reason) });
      };
      provider.on('connection-close', onClose);
    }),
  );
}

/** The next document event of the server (loaded, unloaded, compacted) that matches. */
export function docEvent<K extends keyof DocumentEvents>(
  server: TallyServer,
  event: K,
  test: (...args: DocumentEvents[K]) => boolean = () => true,
  ms = 30_000,
): Promise<DocumentEvents[K]> {
  return within(
    ms,
    `a "${event}" document event`,
    new Promise<DocumentEvents[K]>((resolve) => {
      const listener = (...args: DocumentEvents[K]): void => {
        if (!test(...args)) return;
        server.docs.off(event, listener as never);
        resolve(args);
      };
      server.docs.on(event, listener as never);
    }),
  );
}

/** Records of the shared map the tests write to. */
export function entries(doc: Y.Doc): Record<string, unknown> {
  return doc.getMap('records').toJSON();
}

// ---- raw WebSocket clients ----

export interface RawClient {
  readonly ws: WebSocket;
  readonly messages: Uint8Array[];
  /** Resolves with the close code and reason the server sent. */
  readonly closed: Promise<CloseInfo>;
  /** Resolves when a message matching `test` has arrived (or had already). */
  message(test: (m: Uint8Array) => boolean, what: string, ms?: number): Promise<Uint8Array>;
}

/** A bare WebSocket to /sync/<doc>; resolves once open (rejects on an HTTP refusal). */
export function rawClient(
  syncUrl: string,
  docName: string,
  token: string | undefined,
  options: { protocols?: string[]; query?: string } = {},
): Promise<RawClient> {
  const protocols = options.protocols ?? (token === undefined ? [] : ['tally', `token.${token}`]);
  const url = `${syncUrl}/${docName}${options.query ?? ''}`;
  const ws = new WebSocket(url, protocols, { perMessageDeflate: false });
  const messages: Uint8Array[] = [];
  const waiters = new Set<() => void>();
  ws.binaryType = 'nodebuffer';
  ws.on('message', (data: Buffer) => {
    messages.push(new Uint8Array(data));
    for (const w of [...waiters]) w();
  });
  const closed = new Promise<CloseInfo>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  onTestFinished(() => ws.terminate());
  const client: RawClient = {
    ws,
    messages,
    closed,
    message(test, what, ms = 15_000) {
      const found = messages.find(test);
      if (found) return Promise.resolve(found);
      return within(
        ms,
        what,
        new Promise<Uint8Array>((resolve) => {
          const w = (): void => {
            const m = messages.find(test);
            if (!m) return;
            waiters.delete(w);
            resolve(m);
          };
          waiters.add(w);
        }),
      );
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_req, res) => {
      reject(new HttpRefusal(res.statusCode ?? 0));
      ws.terminate();
    });
    ws.once('error', (e) => reject(e));
  });
}

export class HttpRefusal extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`refused with HTTP ${status}`);
    this.status = status;
  }
}

// ---- a server in a child process (for kill -9 and signals) ----

export interface ChildServer {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const CHILD = resolve(import.meta.dirname, 'child-server.ts');

export async function startChildServer(
  database: string,
  options: Record<string, unknown> = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, [CHILD, JSON.stringify({ database, ...options })], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  onTestFinished(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await within(
    20_000,
    'the child server to listen',
    new Promise<string>((resolveUrl, reject) => {
      lines.on('line', (line) => {
        const m = /^LISTENING (\S+)$/.exec(line);
        if (m) resolveUrl(m[1] as string);
      });
      void exited.then(({ code, signal }) =>
        reject(
          new Error(`the child server exited (${code ?? signal}) before listening:\n${stderr}`),
        ),
      );
    }),
  );
  return { child, url, exited };
}
