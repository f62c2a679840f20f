// npm run bench:sync — the same workload, in one run, against Tally's server and the servers a
// self-hoster would pick today: the y-websocket 1.5 reference server with LevelDB persistence,
// and Hocuspocus 4 with its SQLite extension. Each server runs in its own process; the load
// comes from another (loadgen.ts). A script, not a test.
//
// Options: --docs 50 --conns 4 --updates 200 (flat out), --paced-docs 100 --paced-rate 2
// --paced-seconds 15 (paced: 400 connections × 2 updates/s), --idle-seconds 20,
// --servers tally,y-websocket,hocuspocus, --peers-dir DIR.
//
// The peers are installed on demand from bench/peers/package.json into a cache folder outside
// the repo (~/.cache/tally/bench-peers), never into the workspace.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, homedir, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { BUILT_CLI, buildServer } from '../build.ts';
import type { LoadOptions, LoadResult, ServerKind } from './loadgen.ts';

const HERE = import.meta.dirname;
const PEERS_SOURCE = join(HERE, 'peers');

// Hocuspocus 4 with its SQLite extension, as the benchmark runs it. Written next to the
// installed peers (outside the repo) and started there, so that its imports resolve.
const HOCUSPOCUS_SERVER = `
import { SQLite, selectQuery, upsertQuery } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';
// The extension's own queries, but each prepared once: better-sqlite3 12 aborts the process on
// Node 24 when a prepared statement is garbage-collected (Statement::~Statement ->
// node::RemoveEnvironmentCleanupHook, "Assertion failed: (env) != nullptr"), and the extension
// prepares a new one for every fetch and store.
let select;
let upsert;
const sqlite = new SQLite({
  database: process.env.DATABASE,
  fetch: async ({ documentName }) => {
    select ??= sqlite.db.prepare(selectQuery);
    return select.get({ name: documentName })?.data ?? null;
  },
  store: async ({ documentName, state }) => {
    upsert ??= sqlite.db.prepare(upsertQuery);
    upsert.run({ name: documentName, data: state });
  },
});
const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, extensions: [sqlite] });
await server.listen();
process.stdout.write(JSON.stringify({ port: server.httpServer.address().port }) + '\\n');
`;

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '50' },
    conns: { type: 'string', default: '4' },
    updates: { type: 'string', default: '200' },
    'paced-docs': { type: 'string', default: '100' },
    'paced-rate': { type: 'string', default: '2' },
    'paced-seconds': { type: 'string', default: '15' },
    'idle-seconds': { type: 'string', default: '20' },
    servers: { type: 'string', default: 'tally,y-websocket,hocuspocus' },
    'peers-dir': {
      type: 'string',
      default: join(
        process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'),
        'tally',
        'bench-peers',
      ),
    },
  },
});
const num = (k: keyof typeof values): number => Number(values[k]);
const DOCS = num('docs');
const CONNS = num('conns');
const UPDATES = num('updates');
const PACED_DOCS = num('paced-docs');
const PACED_RATE = num('paced-rate');
const PACED_SECONDS = num('paced-seconds');
const IDLE_SECONDS = num('idle-seconds');
const PEERS_DIR = resolve(values['peers-dir']);
const SERVERS = values.servers.split(',').map((s) => s.trim()) as ServerKind[];

const log = (line: string): void => void process.stderr.write(line + '\n');

// ---- peers ----

function ensurePeers(): { ok: true } | { ok: false; error: string } {
  const manifest = readFileSync(join(PEERS_SOURCE, 'package.json'));
  const hash = createHash('sha256').update(manifest).digest('hex');
  const stamp = join(PEERS_DIR, '.installed');
  mkdirSync(PEERS_DIR, { recursive: true });
  writeFileSync(join(PEERS_DIR, 'hocuspocus-server.mjs'), HOCUSPOCUS_SERVER);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return { ok: true };
  log(
    `Installing the peer servers into ${PEERS_DIR} (once; better-sqlite3 12 compiles from source)…`,
  );
  writeFileSync(join(PEERS_DIR, 'package.json'), manifest);
  const npm = spawnSync(
    'npm',
    ['install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', '--no-package-lock'],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: process.env,
    },
  );
  if (npm.status !== 0)
    return { ok: false, error: `npm install failed (exit ${npm.status ?? npm.signal})` };
  writeFileSync(stamp, hash);
  return { ok: true };
}

// ---- servers ----

interface Running {
  readonly kind: ServerKind;
  readonly child: ChildProcess;
  readonly port: number;
  readonly token?: string;
  readonly dir: string;
  /** What the server wrote to stdout and stderr (the last 50 kB). */
  readonly output: () => string;
}

function capture(child: ChildProcess): () => string {
  let text = '';
  const add = (d: Buffer): void => {
    text += d.toString();
    if (text.length > 100_000) text = text.slice(-50_000);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => text;
}

function firstLine(child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolveLine, reject) => {
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.length > 100_000) stderr = stderr.slice(-50_000);
    });
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', resolveLine);
    // 'close' comes after the output streams end, so a last line is never missed.
    child.once('close', (code) =>
      reject(new Error(`${what} exited (${code}) before it was ready:\n${stderr}`)),
    );
  });
}

async function startServer(kind: ServerKind): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), `tally-bench-${kind}-`));
  if (kind === 'tally') {
    // The production entry point (`npm run server -- serve`: the bundle), configured through the
    // environment.
    const prepare = spawn(process.execPath, [join(HERE, 'prepare-tally.ts'), dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const { database, token } = JSON.parse(await firstLine(prepare, 'the setup')) as {
      database: string;
      token: string;
    };
    const child = spawn(process.execPath, [BUILT_CLI, 'serve'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TALLY_DATABASE: database,
        TALLY_HOST: '127.0.0.1',
        TALLY_PORT: '0',
        TALLY_STATIC_DIR: 'off',
        TALLY_LOG_LEVEL: 'warn',
        // One user holds every benchmark connection.
        TALLY_MAX_CONNECTIONS_PER_USER: '100000',
        // Documents unload 5 s after their last edit (default 60 s), so the idle figure is
        // reached within the run.
        TALLY_IDLE_UNLOAD_MS: '5000',
      },
    });
    const output = capture(child);
    const port = await new Promise<number>((resolvePort, reject) => {
      const lines = createInterface({ input: child.stderr as NodeJS.ReadableStream });
      lines.on('line', (line) => {
        const m = /listening on https?:\/\/[^:]+:(\d+)/.exec(line);
        if (m) resolvePort(Number(m[1]));
      });
      child.once('close', (code) => reject(new Error(`the server exited (${code}):\n${output()}`)));
    });
    return { kind, child, port, token, dir, output };
  }
  if (kind === 'y-websocket') {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(
      process.execPath,
      [join(PEERS_DIR, 'node_modules/y-websocket/bin/server.js')],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          HOST: '127.0.0.1',
          PORT: String(port),
          YPERSISTENCE: join(dir, 'leveldb'),
        },
      },
    );
    const output = capture(child);
    // It prints "Persisting documents to …" first, then "running at …".
    await new Promise<void>((resolveReady, reject) => {
      const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
      lines.on('line', (line) => line.startsWith('running at') && resolveReady());
      child.once('exit', (code) => reject(new Error(`y-websocket exited (${code})`)));
    });
    return { kind, child, port, dir, output };
  }
  const child = spawn(process.execPath, [join(PEERS_DIR, 'hocuspocus-server.mjs')], {
    cwd: PEERS_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE: join(dir, 'hocuspocus.sqlite') },
  });
  const output = capture(child);
  const ready = JSON.parse(await firstLine(child, kind)) as { port: number };
  return { kind, child, port: ready.port, dir, output };
}

async function stopServer(s: Running): Promise<void> {
  const gone = s.child.exitCode !== null || s.child.signalCode !== null;
  const exited = gone ? Promise.resolve() : new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  rmSync(s.dir, { recursive: true, force: true });
}

/** Resident memory, and the anonymous part of it (heap, buffers: what the process itself
 * allocated; the rest is file-backed, mostly the code pages of the Node binary). */
function memoryMb(pid: number | undefined): { rss: number; anon: number } {
  if (pid === undefined) return { rss: NaN, anon: NaN };
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string): number => {
      const m = new RegExp(`${name}:\\s+(\\d+) kB`).exec(status);
      return m ? Number(m[1]) / 1024 : NaN;
    };
    return { rss: field('VmRSS'), anon: field('RssAnon') };
  } catch {
    return { rss: NaN, anon: NaN };
  }
}

// ---- load ----

function load(
  s: Running,
  options: Omit<LoadOptions, 'kind' | 'base' | 'token'>,
): Promise<LoadResult> {
  const full: LoadOptions = {
    ...options,
    kind: s.kind,
    base: `ws://127.0.0.1:${s.port}`,
    token: s.token,
  };
  const child = spawn(process.execPath, [join(HERE, 'loadgen.ts'), JSON.stringify(full)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return firstLine(child, 'the load generator').then((line) => JSON.parse(line) as LoadResult);
}

/** Two stock y-websocket 3 providers (each with a Y.Doc) edit one document; a third must match. */
async function stockCheck(s: Running): Promise<string> {
  if (s.kind === 'hocuspocus') return 'n/a (own protocol)';
  const base = s.kind === 'tally' ? `ws://127.0.0.1:${s.port}/sync` : `ws://127.0.0.1:${s.port}`;
  const protocols = s.kind === 'tally' ? ['tally', `token.${s.token ?? ''}`] : [];
  const make = (): WebsocketProvider =>
    new WebsocketProvider(base, 'payments.9999', new Y.Doc(), {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      protocols,
      disableBc: true,
    });
  const synced = (p: WebsocketProvider): Promise<void> =>
    new Promise((r) => (p.synced ? r() : p.once('sync', () => r())));
  const a = make();
  const b = make();
  try {
    await Promise.all([synced(a), synced(b)]);
    for (let i = 0; i < 50; i++) {
      a.doc.getMap('records').set(`a${i}`, { amount: i });
      b.doc.getMap('records').set(`b${i}`, { amount: i });
    }
    const size = (p: WebsocketProvider): number => p.doc.getMap('records').size;
    await new Promise<void>((r) => {
      const check = (): void => void (size(a) === 100 && size(b) === 100 && r());
      a.doc.on('update', check);
      b.doc.on('update', check);
      check();
    });
    const c = make();
    await synced(c);
    // Key order follows arrival order, which differs between clients: compare sorted.
    const sorted = (p: WebsocketProvider): string =>
      JSON.stringify(
        Object.entries(p.doc.getMap('records').toJSON()).sort(([x], [y]) => (x < y ? -1 : 1)),
      );
    const same = sorted(c) === sorted(a) && c.doc.getMap('records').size === 100;
    c.destroy();
    return same ? 'ok' : 'MISMATCH';
  } finally {
    a.destroy();
    b.destroy();
  }
}

/** A small load first: every server gets the same chance to finish starting up and warm up. */
async function warmUp(s: Running): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await load(s, { mode: 'flat', docs: 2, conns: 2, updates: 20, prefix: 9000 + attempt * 10 });
      return;
    } catch (e) {
      if (attempt === 5) throw e;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

const idle = (): Promise<void> => new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));

// ---- main ----

interface Row {
  kind: ServerKind;
  check: string;
  flat?: LoadResult;
  paced?: LoadResult;
  /** Idle, after the flat-out run (V8 keeps the pages of its high-water mark). */
  rssFlat: number;
  anonFlat?: number;
  /** Idle, after the paced run on a fresh server. */
  rssPaced: number;
  anonPaced?: number;
  error?: string;
}

const NAMES: Record<ServerKind, string> = {
  tally: 'Tally sync server (SQLite, commit before broadcast)',
  'y-websocket': 'y-websocket 1.5.4 reference server + LevelDB',
  hocuspocus: 'Hocuspocus 4.7 + SQLite extension',
};

async function main(): Promise<void> {
  if (SERVERS.includes('tally')) await buildServer();
  const peersWanted = SERVERS.some((k) => k !== 'tally');
  const peers = peersWanted ? ensurePeers() : ({ ok: true } as const);
  const rows: Row[] = [];
  for (const kind of SERVERS) {
    if (kind !== 'tally' && !peers.ok) {
      rows.push({
        kind,
        check: '-',
        rssFlat: NaN,
        rssPaced: NaN,
        error: `not measured: ${peers.error}`,
      });
      continue;
    }
    log(`\n== ${NAMES[kind]}`);
    let s: Running | undefined;
    try {
      // Flat out, on a fresh server.
      s = await startServer(kind);
      const check = await stockCheck(s);
      log(`stock-provider check: ${check}`);
      await warmUp(s);
      const flat = await load(s, {
        mode: 'flat',
        docs: DOCS,
        conns: CONNS,
        updates: UPDATES,
        prefix: 1000,
      });
      log(
        `flat out: ${fmt(flat.deliveriesPerSecond, 0)} deliveries/s, p99 ${fmt(flat.p99Ms, 0)} ms${flat.complete ? '' : ' (INCOMPLETE)'}`,
      );
      await idle();
      const { rss: rssFlat, anon: anonFlat } = memoryMb(s.child.pid);
      log(`idle after flat out: RSS ${fmt(rssFlat, 0)} MB (anonymous ${fmt(anonFlat, 0)} MB)`);
      await stopServer(s);

      // Paced, on another fresh server: latency, and memory after ordinary use.
      s = await startServer(kind);
      await warmUp(s);
      const paced = await load(s, {
        mode: 'paced',
        docs: PACED_DOCS,
        conns: CONNS,
        updates: 0,
        rate: PACED_RATE,
        seconds: PACED_SECONDS,
        prefix: 3000,
      });
      log(`paced: p50 ${fmt(paced.p50Ms, 2)} ms, p99 ${fmt(paced.p99Ms, 2)} ms`);
      await idle();
      const { rss: rssPaced, anon: anonPaced } = memoryMb(s.child.pid);
      log(`idle after paced: RSS ${fmt(rssPaced, 0)} MB (anonymous ${fmt(anonPaced, 0)} MB)`);
      rows.push({ kind, check, flat, paced, rssFlat, anonFlat, rssPaced, anonPaced });
    } catch (e) {
      const exited = s?.child.exitCode ?? s?.child.signalCode;
      log(
        `failed: ${(e as Error).message}${exited != null ? ` (the server had exited: ${exited})` : ''}`,
      );
      if (s) log(`server output:\n${s.output().slice(-3000)}`);
      rows.push({
        kind,
        check: '-',
        rssFlat: NaN,
        rssPaced: NaN,
        error: (e as Error).message.split('\n')[0] ?? '',
      });
    } finally {
      if (s) await stopServer(s);
    }
  }
  report(rows);
}

function fmt(n: number | undefined, digits: number): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  return n.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

function report(rows: Row[]): void {
  const out: string[] = [];
  out.push(
    `Workload: flat out ${DOCS} docs × ${CONNS} connections × ${UPDATES} inserts of an 8-field record ` +
      `(${DOCS * CONNS * UPDATES} updates, ${DOCS * CONNS * (CONNS - 1) * UPDATES} deliveries); ` +
      `paced ${PACED_DOCS * CONNS} connections × ${PACED_RATE} updates/s for ${PACED_SECONDS} s, on a ` +
      `fresh server. RSS ${IDLE_SECONDS} s after each run. Light clients in a separate process; ` +
      `node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1) ?? '?'} at the end.`,
  );
  out.push('');
  out.push(
    '| server | stock client | deliveries/s flat out | p99 flat out | p50 / p99 paced | RSS (anonymous) idle after flat out | RSS (anonymous) idle after paced |',
  );
  out.push('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    if (r.error !== undefined) {
      out.push(`| ${NAMES[r.kind]} | – | ${r.error} | | | | |`);
      continue;
    }
    out.push(
      `| ${NAMES[r.kind]} | ${r.check} | ${fmt(r.flat?.deliveriesPerSecond, 0)}${r.flat?.complete === false ? ' (incomplete)' : ''} | ` +
        `${fmt(r.flat?.p99Ms, 0)} ms | ${fmt(r.paced?.p50Ms, 2)} / ${fmt(r.paced?.p99Ms, 2)} ms | ` +
        `${fmt(r.rssFlat, 0)} MB (${fmt(r.anonFlat, 0)}) | ${fmt(r.rssPaced, 0)} MB (${fmt(r.anonPaced, 0)}) |`,
    );
  }
  const ours = rows.find((r) => r.kind === 'tally' && r.error === undefined);
  const peers = rows.filter((r) => r.kind !== 'tally' && r.error === undefined);
  if (ours && peers.length > 0) {
    out.push('');
    const by = (pick: (r: Row) => number, better: (a: number, b: number) => boolean): Row =>
      peers.reduce((a, b) => (better(pick(a), pick(b)) ? a : b));
    const best = by(
      (r) => r.flat?.deliveriesPerSecond ?? 0,
      (a, b) => a >= b,
    );
    const ratio = (ours.flat?.deliveriesPerSecond ?? 0) / (best.flat?.deliveriesPerSecond ?? NaN);
    out.push(
      `Throughput: ${fmt(ratio, 2)}× the best peer (${NAMES[best.kind]}) — goal ≥ 2×: ${ratio >= 2 ? 'met' : 'NOT met'}.`,
    );
    const bestP99 = by(
      (r) => r.paced?.p99Ms ?? Infinity,
      (a, b) => a <= b,
    );
    const p99 = ours.paced?.p99Ms ?? NaN;
    const peerP99 = bestP99.paced?.p99Ms ?? NaN;
    out.push(
      `Paced p99: ${fmt(p99, 2)} ms vs ${fmt(peerP99, 2)} ms (${NAMES[bestP99.kind]}) — goal no worse: ${p99 <= peerP99 ? 'met' : 'NOT met'}.`,
    );
    for (const [label, pick, anon] of [
      ['after flat out', (r: Row) => r.rssFlat, (r: Row) => r.anonFlat ?? NaN],
      ['after paced', (r: Row) => r.rssPaced, (r: Row) => r.anonPaced ?? NaN],
    ] as const) {
      const lowest = by(pick, (a, b) => a <= b);
      const rssRatio = pick(ours) / pick(lowest);
      out.push(
        `Idle RSS ${label}: ${fmt(pick(ours), 0)} MB vs ${fmt(pick(lowest), 0)} MB (${NAMES[lowest.kind]}), ` +
          `ratio ${fmt(rssRatio, 2)} — goal ≤ 0.33: ${rssRatio <= 1 / 3 ? 'met' : 'NOT met'}; ` +
          `anonymous memory ${fmt(anon(ours), 0)} MB vs ${fmt(anon(lowest), 0)} MB, ratio ${fmt(anon(ours) / anon(lowest), 2)}.`,
      );
    }
    for (const p of peers) {
      out.push(
        `  vs ${NAMES[p.kind]}: throughput ${fmt((ours.flat?.deliveriesPerSecond ?? 0) / (p.flat?.deliveriesPerSecond ?? NaN), 2)}×, ` +
          `paced p99 ${fmt((ours.paced?.p99Ms ?? NaN) / (p.paced?.p99Ms ?? NaN), 2)}×, ` +
          `idle RSS ${fmt(ours.rssFlat / p.rssFlat, 2)}× (flat out) / ${fmt(ours.rssPaced / p.rssPaced, 2)}× (paced)`,
      );
    }
  }
  process.stdout.write(out.join('\n') + '\n');
}

await main();
// Done: do not wait on whatever a peer server's process left behind (a full run was seen to
// linger after printing).
process.exit(0);
