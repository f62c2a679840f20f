// The load generator, run in its own process by run.ts. Light clients: every update is encoded
// before the clock starts, and a client only reads the header of what it receives (whose
// update, which clock) — a Y.Doc per client would make this process the bottleneck.
//
// Input: one JSON argument (LoadOptions). Output: one JSON line (LoadResult) on stdout.
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { inspectUpdate } from '../src/protocol/update.ts';

export type ServerKind = 'tally' | 'y-websocket' | 'hocuspocus';

export interface LoadOptions {
  readonly kind: ServerKind;
  /** ws://host:port */
  readonly base: string;
  readonly token?: string;
  readonly mode: 'flat' | 'paced';
  readonly docs: number;
  readonly conns: number;
  /** flat: updates per connection. */
  readonly updates: number;
  /** paced: updates per second per connection, for `seconds`. */
  readonly rate?: number;
  readonly seconds?: number;
  /** The first document is payments.<prefix>: runs use disjoint ranges (fresh documents). */
  readonly prefix: number;
}

export interface LoadResult {
  readonly mode: 'flat' | 'paced';
  readonly connections: number;
  readonly sent: number;
  readonly deliveries: number;
  readonly expected: number;
  readonly seconds: number;
  readonly deliveriesPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly complete: boolean;
}

// ---- tiny lib0-compatible encoding helpers ----

function varUint(out: number[], n: number): void {
  while (n > 0x7f) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
}

function varString(out: number[], s: string): void {
  const bytes = new TextEncoder().encode(s);
  varUint(out, bytes.length);
  for (const b of bytes) out.push(b);
}

function readVarUint(bytes: Uint8Array, pos: { p: number }): number {
  let num = 0;
  let mult = 1;
  for (;;) {
    const r = bytes[pos.p++];
    if (r === undefined) return -1;
    num += (r & 0x7f) * mult;
    if (r < 0x80) return num;
    mult *= 128;
  }
}

// ---- the protocols ----

interface Dialect {
  url(doc: string): string;
  protocols: string[];
  /** Frames to send right after the socket opens (auth, SyncStep1). */
  hello(doc: string): Uint8Array[];
  /** Wraps a y-protocols message (type + payload) for the wire. */
  wrap(doc: string, message: number[]): Uint8Array;
  /** Position after any per-message prefix (Hocuspocus names the document in every message). */
  skipPrefix(bytes: Uint8Array, pos: { p: number }): void;
}

const SYNC_STEP1_EMPTY = [0, 0, 1, 0];

function dialect(options: LoadOptions): Dialect {
  switch (options.kind) {
    case 'tally':
      return {
        url: (doc) => `${options.base}/sync/${doc}`,
        protocols: ['tally', `token.${options.token ?? ''}`],
        hello: () => [Uint8Array.from(SYNC_STEP1_EMPTY)],
        wrap: (_doc, m) => Uint8Array.from(m),
        skipPrefix: () => {},
      };
    case 'y-websocket':
      return {
        url: (doc) => `${options.base}/${doc}`,
        protocols: [],
        hello: () => [Uint8Array.from(SYNC_STEP1_EMPTY)],
        wrap: (_doc, m) => Uint8Array.from(m),
        skipPrefix: () => {},
      };
    case 'hocuspocus': {
      const wrap = (doc: string, m: number[]): Uint8Array => {
        const out: number[] = [];
        varString(out, doc);
        out.push(...m);
        return Uint8Array.from(out);
      };
      return {
        url: () => options.base,
        protocols: [],
        // Auth (type 2, subtype 0 = token) first; Hocuspocus answers with "authenticated".
        hello: (doc) => {
          const auth: number[] = [2, 0];
          varString(auth, options.token ?? 'token');
          return [wrap(doc, auth), wrap(doc, SYNC_STEP1_EMPTY)];
        },
        wrap,
        skipPrefix: (bytes, pos) => {
          const len = readVarUint(bytes, pos);
          pos.p += len;
        },
      };
    }
  }
}

// ---- updates ----

/** A realistic record insert: one transaction, a Y.Map with 8 fields. */
function makeUpdates(count: number, tag: string): { updates: Uint8Array[]; client: number } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const records = doc.getMap('records');
  for (let i = 0; i < count; i++) {
    doc.transact(() => {
      const m = new Y.Map<unknown>();
      records.set(`${tag}-${i}`, m);
      m.set('id', `${tag}-${i}`);
      m.set('date', '2026-03-14');
      m.set('amount', 1000 + i);
      m.set('currency', 'EUR');
      m.set('payee', 'Corner Grocery');
      m.set('category', 'groceries');
      m.set('note', `weekly shop ${i}`);
      m.set('createdAt', 1_773_480_000_000 + i);
    });
  }
  return { updates, client: doc.clientID };
}

// Each record insert is 9 structs (the map and its 8 fields), so update k of a client spans
// clocks [9k, 9k + 9). A server may merge several updates into one message (Hocuspocus batches
// its broadcasts): the struct ranges say how many arrived, and which.
const CLOCKS_PER_UPDATE = 9;
const key = (client: number, clock: number): number => client * 1_048_576 + clock;

// ---- run ----

interface Client {
  readonly doc: string;
  readonly ws: WebSocket;
  readonly frames: Uint8Array[];
  readonly keys: number[];
  readonly client: number;
  synced: boolean;
  sent: number;
}

async function run(options: LoadOptions): Promise<LoadResult> {
  const d = dialect(options);
  const perConn =
    options.mode === 'flat'
      ? options.updates
      : Math.ceil((options.rate ?? 2) * (options.seconds ?? 10)) + 2;
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let deliveries = 0;
  let measuring = options.mode === 'flat';
  let lastDelivery = 0;
  let onAllDelivered: (() => void) | undefined;
  let finishing = false;
  let failRun: (e: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (failRun = reject));
  failed.catch(() => {});
  const expected =
    options.mode === 'flat'
      ? options.docs * options.conns * (options.conns - 1) * options.updates
      : 0;

  const clients: Client[] = [];
  for (let doc = 0; doc < options.docs; doc++) {
    const name = `payments.${options.prefix + doc}`;
    for (let c = 0; c < options.conns; c++) {
      const tag = `${options.prefix}-${doc}-${c}`;
      const { updates, client } = makeUpdates(perConn, tag);
      const keys = updates.map((_, i) => key(client, i * CLOCKS_PER_UPDATE));
      const frames = updates.map((u) => {
        const m: number[] = [0, 2];
        varUint(m, u.length);
        for (const b of u) m.push(b);
        return d.wrap(name, m);
      });
      clients.push({
        doc: name,
        ws: undefined as unknown as WebSocket,
        frames,
        keys,
        client,
        synced: false,
        sent: 0,
      });
    }
  }

  // Connect and sync, a few at a time so the server is not judged on a connect storm.
  const connect = (c: Client): Promise<void> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(d.url(c.doc), d.protocols, { perMessageDeflate: false });
      ws.binaryType = 'nodebuffer';
      (c as { ws: WebSocket }).ws = ws;
      ws.on('error', reject);
      ws.on('close', (code, reason) => {
        const why = `${c.doc}: closed by the server (${code} ${reason.toString()})`;
        if (!c.synced) reject(new Error(`${why} before syncing`));
        else if (!finishing) failRun(new Error(why));
      });
      ws.on('open', () => {
        for (const frame of d.hello(c.doc)) ws.send(frame);
      });
      ws.on('message', (data: Buffer) => {
        const pos = { p: 0 };
        d.skipPrefix(data, pos);
        const type = readVarUint(data, pos);
        if (type !== 0 && type !== 4) return; // sync (4: Hocuspocus' sync reply)
        const step = readVarUint(data, pos);
        if (step === 1 && !c.synced) {
          c.synced = true;
          resolve();
          return;
        }
        if (step !== 1 && step !== 2) return;
        const len = readVarUint(data, pos);
        const info = inspectUpdate(data.subarray(pos.p, pos.p + len));
        if (!info.ok) throw new Error(`received an invalid update: ${info.error}`);
        const now = performance.now();
        const structs = info.value.structs;
        for (let i = 0; i < structs.length; i += 3) {
          const client = structs[i] as number;
          if (client === c.client) continue; // our own, echoed back
          for (
            let clock = structs[i + 1] as number;
            clock < (structs[i + 2] as number);
            clock += CLOCKS_PER_UPDATE
          ) {
            deliveries++;
            lastDelivery = now;
            const at = sentAt.get(key(client, clock));
            if (measuring && at !== undefined) latencies.push(now - at);
          }
        }
        if (expected > 0 && deliveries >= expected) onAllDelivered?.();
      });
    });
  for (let i = 0; i < clients.length; i += 50) {
    await Promise.all(clients.slice(i, i + 50).map(connect));
  }

  const send = (c: Client): void => {
    const i = c.sent++;
    const frame = c.frames[i];
    if (frame === undefined) return;
    sentAt.set(c.keys[i] as number, performance.now());
    c.ws.send(frame);
  };

  let started: number;
  let seconds: number;
  let complete = true;
  if (options.mode === 'flat') {
    const done = new Promise<void>((resolve) => (onAllDelivered = resolve));
    started = performance.now();
    // Each connection's updates go out in one write (a write per frame would make this
    // process, not the server, the bottleneck). ws has no public cork: its socket does.
    for (const c of clients) {
      const socket = (c.ws as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
      socket.cork();
      for (let i = 0; i < options.updates; i++) send(c);
      socket.uncork();
    }
    const timeout = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), 180_000).unref(),
    );
    complete = (await Promise.race([done, timeout, failed])) !== 'timeout';
    seconds = ((complete ? lastDelivery : performance.now()) - started) / 1000;
  } else {
    const rate = options.rate ?? 2;
    const period = 1000 / rate;
    const total = (options.seconds ?? 10) * 1000;
    const warmup = Math.min(2000, total / 4);
    started = performance.now();
    const timers = clients.map((c, i) =>
      setTimeout(
        () => {
          send(c);
          const t = setInterval(() => send(c), period);
          timers.push(t);
        },
        (i * period) / clients.length,
      ),
    );
    setTimeout(() => (measuring = true), warmup);
    await Promise.race([new Promise((resolve) => setTimeout(resolve, total)), failed]);
    for (const t of timers) clearInterval(t);
    await new Promise((resolve) => setTimeout(resolve, 500)); // let the last ones arrive
    seconds = total / 1000;
  }
  finishing = true;
  const sent = clients.reduce((n, c) => n + c.sent, 0);
  await Promise.all(
    clients.map(
      (c) =>
        new Promise<void>((resolve) => {
          c.ws.once('close', () => resolve());
          c.ws.close();
          setTimeout(() => {
            c.ws.terminate();
            resolve();
          }, 2000).unref();
        }),
    ),
  );
  const sorted = Float64Array.from(latencies).sort();
  const pct = (p: number): number =>
    sorted.length === 0
      ? NaN
      : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number);
  return {
    mode: options.mode,
    connections: clients.length,
    sent,
    deliveries,
    expected,
    seconds,
    deliveriesPerSecond: deliveries / seconds,
    p50Ms: pct(0.5),
    p99Ms: pct(0.99),
    maxMs: sorted.length === 0 ? NaN : (sorted[sorted.length - 1] as number),
    complete,
  };
}

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
run(options).then(
  (result) => {
    process.stdout.write(JSON.stringify(result) + '\n');
    process.exit(0);
  },
  (e: unknown) => {
    process.stderr.write(`loadgen failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
