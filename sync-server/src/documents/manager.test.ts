// The document layer on its own, with a scripted store and recording peers: the ordering
// guarantees (load before sync, commit before broadcast) are checked step by step.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { pino } from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { Metrics } from '../metrics.ts';
import { encodeSyncStep1, encodeUpdate, parseMessage, type Message } from '../protocol/message.ts';
import type { AppendRow, Compaction, DocStore, StoredDoc } from '../storage/port.ts';
import { inlineCompactor } from './compactor.ts';
import { DocumentManager, type DocumentLimits, type Peer, type PeerFailure } from './manager.ts';

class Deferred<T> {
  resolve!: (value: T) => void;
  reject!: (e: Error) => void;
  readonly promise = new Promise<T>((res, rej) => {
    this.resolve = res;
    this.reject = rej;
  });
}

/** A store whose loads and appends wait until the test lets them through. */
class ScriptedStore implements DocStore {
  loads: Deferred<StoredDoc>[] = [];
  appends: { rows: readonly AppendRow[]; done: Deferred<void> }[] = [];
  compactions: Compaction[] = [];
  autoAppend = false;
  failAppend = false;
  rows: AppendRow[] = [];

  load(): Promise<StoredDoc> {
    const d = new Deferred<StoredDoc>();
    this.loads.push(d);
    return d.promise;
  }
  append(rows: readonly AppendRow[]): Promise<void> {
    if (this.failAppend) return Promise.reject(new Error('disk full'));
    if (this.autoAppend) {
      this.rows.push(...rows);
      return Promise.resolve();
    }
    const done = new Deferred<void>();
    this.appends.push({ rows, done });
    return done.promise.then(() => void this.rows.push(...rows));
  }
  compact(c: Compaction): Promise<void> {
    this.compactions.push(c);
    return Promise.resolve();
  }
  list = (): Promise<never[]> => Promise.resolve([]);
  usage = (): Promise<number> => Promise.resolve(0);
  dump = (): Promise<never[]> => Promise.resolve([]);
  erase = (): Promise<void> => Promise.resolve();
}

class RecordingPeer implements Peer {
  static next = 1;
  readonly id = RecordingPeer.next++;
  frames: Uint8Array[] = [];
  failures: PeerFailure[] = [];
  send(frame: Uint8Array): void {
    this.frames.push(frame);
  }
  fail(failure: PeerFailure): void {
    this.failures.push(failure);
  }
  cork(): void {}
  uncork(): void {}
  /** Applies every sync frame received to a doc, as a client would. */
  applyTo(doc: Y.Doc): void {
    for (const frame of this.frames) {
      if (frame[0] !== 0) continue;
      const d = decoding.createDecoder(frame);
      decoding.readVarUint(d);
      syncProtocol.readSyncMessage(d, encoding.createEncoder(), doc, 'server');
    }
  }
  types(): string[] {
    return this.frames.map((f) => {
      const m = parseMessage(f);
      return m.ok ? m.value.type : 'invalid';
    });
  }
}

const LIMITS: DocumentLimits = {
  maxDocBytes: 1 << 20,
  userQuotaBytes: 1 << 22,
  compactUpdates: 500,
  compactBytes: 1 << 20,
  idleUnloadMs: 60_000,
  gcIntervalMs: 3_600_000,
};

function setup(limits: Partial<DocumentLimits> = {}, now?: () => number) {
  const store = new ScriptedStore();
  const manager = new DocumentManager({
    store,
    compactor: inlineCompactor(),
    limits: { ...LIMITS, ...limits },
    log: pino({ level: 'silent' }),
    metrics: new Metrics(),
    now,
  });
  onTestFinished(() => manager.close());
  return { store, manager };
}

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

function msg(frame: Uint8Array): Message {
  const m = parseMessage(frame);
  if (!m.ok) throw new Error(m.error);
  return m.value;
}

function editUpdate(key: string, value: unknown, base?: Y.Doc): Uint8Array {
  const doc = base ?? new Y.Doc();
  const sv = Y.encodeStateVector(doc);
  doc.getMap('records').set(key, value);
  return Y.encodeStateAsUpdate(doc, sv);
}

const emptyDoc = (): StoredDoc => ({ id: 1, snapshot: null, snapshotSeq: 0, updates: [], gcAt: 0 });

describe('DocumentManager', () => {
  it('answers SyncStep1 only once the stored state has loaded, and with that state', async () => {
    const { store, manager } = setup();
    const peer = new RecordingPeer();
    manager.join(1, 'bills', peer);
    manager.receive(peer, msg(encodeSyncStep1(Y.encodeStateVector(new Y.Doc()))));
    await flush();
    expect(peer.frames).toEqual([]); // nothing while loading: not even our SyncStep1

    const storedUpdate = editUpdate('kept', 'from disk');
    store.loads[0]?.resolve({ ...emptyDoc(), updates: [{ seq: 1, data: storedUpdate }] });
    await flush();
    expect(peer.types()).toEqual(['sync-step-1', 'sync-step-2']);
    const client = new Y.Doc();
    peer.applyTo(client);
    expect(client.getMap('records').get('kept')).toBe('from disk');
  });

  it('fails the peers of a document whose load failed, and never sends them a state', async () => {
    const { store, manager } = setup();
    const a = new RecordingPeer();
    const b = new RecordingPeer();
    manager.join(1, 'bills', a);
    manager.join(1, 'bills', b);
    manager.receive(a, msg(encodeSyncStep1(Y.encodeStateVector(new Y.Doc()))));
    manager.receive(b, msg(encodeUpdate(editUpdate('lost?', 1))));
    store.loads[0]?.reject(new Error('disk on fire'));
    await flush();
    expect(a.failures).toEqual([{ kind: 'load-failed' }]);
    expect(b.failures).toEqual([{ kind: 'load-failed' }]);
    expect(a.frames).toEqual([]);
    expect(b.frames).toEqual([]);
    expect(store.appends).toEqual([]);

    // The next connection tries again.
    const c = new RecordingPeer();
    manager.join(1, 'bills', c);
    expect(store.loads).toHaveLength(2);
  });

  it('broadcasts an update only after the store has committed it', async () => {
    const { store, manager } = setup();
    const a = new RecordingPeer();
    const b = new RecordingPeer();
    manager.join(1, 'bills', a);
    manager.join(1, 'bills', b);
    store.loads[0]?.resolve(emptyDoc());
    await flush();
    const before = b.frames.length;

    manager.receive(a, msg(encodeUpdate(editUpdate('x', 1))));
    await flush();
    expect(store.appends).toHaveLength(1);
    expect(b.frames.length).toBe(before); // committed? not yet: nothing relayed

    // A third client syncing now must not see it either.
    const c = new RecordingPeer();
    manager.join(1, 'bills', c);
    manager.receive(c, msg(encodeSyncStep1(Y.encodeStateVector(new Y.Doc()))));
    const early = new Y.Doc();
    c.applyTo(early);
    expect(early.getMap('records').get('x')).toBeUndefined();

    store.appends[0]?.done.resolve();
    await flush();
    expect(b.types().slice(before)).toEqual(['update']);
    const bDoc = new Y.Doc();
    b.applyTo(bDoc);
    expect(bDoc.getMap('records').get('x')).toBe(1);
    c.applyTo(early);
    expect(early.getMap('records').get('x')).toBe(1);
    expect(a.types()).not.toContain('update'); // never echoed to its sender
  });

  it('commits concurrent updates of many documents in one transaction', async () => {
    const { store, manager } = setup();
    const peers = ['bills', 'time', 'activities'].map((name) => {
      const p = new RecordingPeer();
      manager.join(1, name, p);
      return p;
    });
    for (const l of store.loads) l.resolve(emptyDoc());
    await flush();
    for (const p of peers)
      for (let i = 0; i < 5; i++) manager.receive(p, msg(encodeUpdate(editUpdate(`k${i}`, i))));
    await flush();
    expect(store.appends).toHaveLength(1);
    // One row per document, each with its five updates in order.
    expect(store.appends[0]?.rows.map((r) => r.updates.length)).toEqual([5, 5, 5]);
    store.appends[0]?.done.resolve();
    await flush();
    expect(store.appends).toHaveLength(1);
  });

  it('closes only the senders when their updates cannot be stored', async () => {
    const { store, manager } = setup();
    const a = new RecordingPeer();
    const b = new RecordingPeer();
    manager.join(1, 'bills', a);
    manager.join(1, 'bills', b);
    store.loads[0]?.resolve(emptyDoc());
    await flush();
    store.failAppend = true;
    const before = b.frames.length;
    manager.receive(a, msg(encodeUpdate(editUpdate('x', 1))));
    await flush();
    await flush();
    expect(a.failures).toEqual([{ kind: 'storage-failed' }]);
    expect(b.failures).toEqual([]);
    expect(b.frames.length).toBe(before);
  });

  it('drops updates that hold nothing new', async () => {
    const { store, manager } = setup();
    store.autoAppend = true;
    const a = new RecordingPeer();
    manager.join(1, 'bills', a);
    const update = editUpdate('x', 1);
    store.loads[0]?.resolve({ ...emptyDoc(), updates: [{ seq: 1, data: update }] });
    await flush();
    manager.receive(a, msg(encodeUpdate(update)));
    manager.receive(a, msg(encodeUpdate(Uint8Array.of(0, 0))));
    await flush();
    expect(store.rows).toEqual([]);
  });

  it('refuses an update past the document size limit, storing nothing', async () => {
    const { store, manager } = setup({ maxDocBytes: 2000 });
    store.autoAppend = true;
    const a = new RecordingPeer();
    manager.join(1, 'bills', a);
    store.loads[0]?.resolve(emptyDoc());
    await flush();
    manager.receive(a, msg(encodeUpdate(editUpdate('big', 'x'.repeat(3000)))));
    await flush();
    expect(a.failures).toEqual([{ kind: 'doc-too-large', limit: 2000 }]);
    expect(store.rows).toEqual([]);
  });

  it('unloads an idle document, keeps its peers, and reloads it on the next sync message', async () => {
    let clock = 1_000_000;
    const { store, manager } = setup({ idleUnloadMs: 10 }, () => clock);
    store.autoAppend = true;
    const a = new RecordingPeer();
    manager.join(1, 'bills', a);
    store.loads[0]?.resolve(emptyDoc());
    await flush();
    manager.receive(a, msg(encodeUpdate(editUpdate('x', 1))));
    await flush();
    expect(manager.isLoaded(1, 'bills')).toBe(true);

    clock += 1_000;
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (!manager.isLoaded(1, 'bills')) resolve();
        else setTimeout(check, 5);
      };
      check();
    });
    expect(store.compactions).toHaveLength(1); // compacted on the way out
    expect(manager.stats()).toMatchObject({ loaded: 0, peers: 1 });

    manager.receive(a, msg(encodeSyncStep1(Y.encodeStateVector(new Y.Doc()))));
    expect(store.loads).toHaveLength(2);
    const compacted = store.compactions[0] as Compaction;
    store.loads[1]?.resolve({
      ...emptyDoc(),
      snapshot: compacted.state,
      snapshotSeq: compacted.uptoSeq,
    });
    await flush();
    const client = new Y.Doc();
    a.frames = a.frames.filter((f) => f[0] === 0 && f[1] === 1);
    a.applyTo(client);
    expect(client.getMap('records').get('x')).toBe(1);
  });

  it('reserves quota for kept files in one step, so concurrent reservations cannot overshoot', async () => {
    const { manager } = setup({ userQuotaBytes: 8192 });
    // Asked for together, before either settles: only one fits.
    expect(await Promise.all([manager.reserve(1, 5000), manager.reserve(1, 5000)])).toEqual([
      true,
      false,
    ]);
    manager.settleReserved(1, 5000, true);
    expect(await manager.reserve(1, 3192)).toBe(true);
    manager.settleReserved(1, 3192, false); // not written after all: nothing counted
    expect(await manager.reserve(1, 3193)).toBe(false);
    manager.released(1, 5000);
    expect(await manager.reserve(1, 8192)).toBe(true);
    expect(await manager.reserve(2, 8192)).toBe(true); // another user's quota
  });
});
