// The document layer: rooms of peers around each (user, document), with the guarantees the
// server makes. It knows no sockets (a peer is something that takes frames and can be failed)
// and no SQL (it talks to the storage port).
//
// - A document's stored state is loaded before any SyncStep1 is answered or sent; messages that
//   arrive meanwhile wait, in order. A failed load fails that document's peers — it never serves
//   an empty document.
// - An update is committed before it is broadcast: updates go into a batch that is appended in
//   one transaction, and only then relayed (and added to what later SyncStep1s are answered
//   from). Concurrent updates share a commit, which is what makes durability cheap.
// - Updates that hold nothing new (every client re-sends its delete set on connect) are dropped.
// - Idle documents are compacted and unloaded; compaction also runs after ~500 updates or ~1 MB.
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { AwarenessEntry, Message } from '../protocol/message.ts';
import { encodeAwareness, encodeSyncStep1, encodeUpdate } from '../protocol/message.ts';
import { isEmpty, type UpdateInfo } from '../protocol/update.ts';
import type { AppendRow, DocStore } from '../storage/port.ts';
import type { Metrics } from '../metrics.ts';
import type { Compactor } from './compactor.ts';
import { Replica } from './replica.ts';

export type PeerFailure =
  | { readonly kind: 'load-failed' }
  | { readonly kind: 'storage-failed' }
  | { readonly kind: 'doc-too-large'; readonly limit: number }
  | { readonly kind: 'quota-exceeded'; readonly limit: number }
  | { readonly kind: 'account-deleted' };

/** One connection to one document, as the document layer sees it. */
export interface Peer {
  readonly id: number;
  send(frame: Uint8Array): void;
  /** Ends the connection because of `failure`; the transport picks the close code. */
  fail(failure: PeerFailure): void;
  /** Many sends follow: the transport may gather them into one write until `uncork`. */
  cork(): void;
  uncork(): void;
}

export interface DocumentLimits {
  /** Per document, snapshot + log. */
  readonly maxDocBytes: number;
  /** Per user, over all documents. */
  readonly userQuotaBytes: number;
  /** Compact when the log reaches this many updates… */
  readonly compactUpdates: number;
  /** …or this many bytes. */
  readonly compactBytes: number;
  /** Unload a document after this long without sync traffic. */
  readonly idleUnloadMs: number;
  /** Rebuild through a garbage-collecting Y.Doc when the last rebuild is older than this. */
  readonly gcIntervalMs: number;
}

export interface DocumentManagerOptions {
  readonly store: DocStore;
  readonly compactor: Compactor;
  readonly limits: DocumentLimits;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly now?: () => number;
}

type RoomState = 'unloaded' | 'loading' | 'ready';

interface AwarenessHolder {
  readonly clock: number;
  readonly state: string;
  readonly peer: Peer;
}

interface Room {
  readonly key: string;
  readonly userId: number;
  readonly name: string;
  readonly peers: Set<Peer>;
  /** Peers that have been sent our SyncStep1. */
  readonly greeted: WeakSet<Peer>;
  state: RoomState;
  replica: Replica | null;
  docId: number;
  nextSeq: number;
  /** Sync messages that arrived while loading, in order. */
  queue: [Peer, Message][];
  /** Updates in the commit batch or in flight, not yet in the replica. */
  pendingCount: number;
  pendingBytes: number;
  awareness: Map<number, AwarenessHolder>;
  lastActive: number;
  compacting: boolean;
  dropped: boolean;
}

interface PendingUpdate {
  readonly room: Room;
  readonly origin: Peer;
  readonly update: Uint8Array;
  readonly info: UpdateInfo;
  /** The Update frame to relay, when the client sent one (SyncStep2 content is re-framed). */
  readonly frame: Uint8Array | null;
  readonly receivedAt: number;
}

interface Usage {
  bytes: number;
  pending: number;
}

// Awareness is relayed, not interpreted; keep at most this many client states per room.
const MAX_AWARENESS_PER_ROOM = 256;

// Past this many updates waiting for their commit, the manager asks the transport to stop
// reading ('backlog'): a flood is then held in the kernel's socket buffers, not in this heap
// (each waiting update is a handful of objects; 40,000 of them made V8 grow by 100 MB).
const MAX_BATCH = 1000;

/** What the manager reports as it works (for diagnostics and tests). */
export interface DocumentEvents {
  /** The commit batch is full (true): stop reading input until it is committed (false). */
  backlog: [boolean];
  loaded: [{ userId: number; name: string }];
  unloaded: [{ userId: number; name: string }];
  compacted: [{ userId: number; name: string; gc: boolean; bytes: number }];
}

export class DocumentManager extends EventEmitter<DocumentEvents> {
  private readonly store: DocStore;
  private readonly compactor: Compactor;
  private readonly limits: DocumentLimits;
  private readonly log: Logger;
  private readonly metrics: Metrics;
  private readonly now: () => number;

  private readonly rooms = new Map<string, Room>();
  private readonly roomOf = new Map<Peer, Room>();
  private readonly usage = new Map<number, Usage>();
  private readonly usageLoads = new Map<number, Promise<Usage>>();

  private batch: PendingUpdate[] = [];
  private backlogged = false;
  private flushScheduled = false;
  private committing: Promise<void> | null = null;
  private readonly compactions = new Set<Promise<void>>();
  private sweepTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(options: DocumentManagerOptions) {
    super();
    this.store = options.store;
    this.compactor = options.compactor;
    this.limits = options.limits;
    this.log = options.log;
    this.metrics = options.metrics;
    this.now = options.now ?? Date.now;
    const every = Math.max(20, Math.min(this.limits.idleUnloadMs / 4, 10_000));
    this.sweepTimer = setInterval(() => this.sweep(), every);
    this.sweepTimer.unref();
  }

  // ---- peers ----

  join(userId: number, name: string, peer: Peer): void {
    const key = `${userId}/${name}`;
    let room = this.rooms.get(key);
    if (room === undefined) {
      room = {
        key,
        userId,
        name,
        peers: new Set(),
        greeted: new WeakSet(),
        state: 'unloaded',
        replica: null,
        docId: 0,
        nextSeq: 1,
        queue: [],
        pendingCount: 0,
        pendingBytes: 0,
        awareness: new Map(),
        lastActive: this.now(),
        compacting: false,
        dropped: false,
      };
      this.rooms.set(key, room);
    }
    room.peers.add(peer);
    this.roomOf.set(peer, room);
    room.lastActive = this.now();
    if (room.awareness.size > 0) peer.send(encodeAwareness(this.awarenessEntries(room)));
    if (room.state === 'ready') this.greet(room, peer);
    else if (room.state === 'unloaded') this.load(room);
  }

  leave(peer: Peer): void {
    const room = this.roomOf.get(peer);
    if (room === undefined) return;
    this.roomOf.delete(peer);
    room.peers.delete(peer);
    const gone: AwarenessEntry[] = [];
    for (const [clientId, holder] of room.awareness) {
      if (holder.peer === peer) {
        gone.push({ clientId, clock: holder.clock + 1, state: 'null' });
        room.awareness.delete(clientId);
      }
    }
    if (gone.length > 0) this.relay(room, encodeAwareness(gone), null);
  }

  receive(peer: Peer, message: Message): void {
    const room = this.roomOf.get(peer);
    if (room === undefined) return;
    switch (message.type) {
      case 'awareness':
        this.onAwareness(room, peer, message.entries, message.frame);
        return;
      case 'query-awareness':
        peer.send(encodeAwareness(this.awarenessEntries(room)));
        return;
      default:
        room.lastActive = this.now();
        if (room.state === 'ready') this.onSync(room, peer, message);
        else {
          room.queue.push([peer, message]);
          if (room.state === 'unloaded') this.load(room);
        }
    }
  }

  // ---- loading ----

  private load(room: Room): void {
    room.state = 'loading';
    this.metrics.docLoads.inc();
    const started = this.now();
    void this.loadReplica(room).then((result) => {
      if (room.dropped) return;
      if (typeof result === 'string') {
        this.log.error(
          { userId: room.userId, doc: room.name, error: result },
          'document load failed',
        );
        this.metrics.docLoadFailures.inc();
        // Never an empty document: every peer of the room is failed, and the next connection
        // tries the load again.
        const peers = [...room.peers];
        this.dropRoom(room);
        for (const peer of peers) peer.fail({ kind: 'load-failed' });
        return;
      }
      room.replica = result.replica;
      room.docId = result.docId;
      room.nextSeq = Math.max(room.nextSeq, result.replica.nextSeq);
      room.state = 'ready';
      this.metrics.docsLoaded.inc();
      this.log.debug(
        {
          userId: room.userId,
          doc: room.name,
          ms: this.now() - started,
          bytes: result.replica.size,
        },
        'document loaded',
      );
      this.emit('loaded', { userId: room.userId, name: room.name });
      for (const peer of room.peers) this.greet(room, peer);
      const queue = room.queue;
      room.queue = [];
      for (const [peer, message] of queue) {
        if (room.state !== 'ready') {
          room.queue.push([peer, message]);
          continue;
        }
        this.onSync(room, peer, message);
      }
    });
  }

  private async loadReplica(room: Room): Promise<{ replica: Replica; docId: number } | string> {
    try {
      const [stored] = await Promise.all([
        this.store.load(room.userId, room.name),
        this.usageOf(room.userId),
      ]);
      const replica = Replica.fromStored(stored);
      if (!replica.ok) return replica.error;
      return { replica: replica.value, docId: stored.id };
    } catch (e) {
      return (e as Error).message;
    }
  }

  private usageOf(userId: number): Promise<Usage> {
    const known = this.usage.get(userId);
    if (known) return Promise.resolve(known);
    let loading = this.usageLoads.get(userId);
    if (!loading) {
      loading = this.store.usage(userId).then(
        (bytes) => {
          this.usageLoads.delete(userId);
          const usage = this.usage.get(userId) ?? { bytes, pending: 0 };
          this.usage.set(userId, usage);
          return usage;
        },
        (e: unknown) => {
          this.usageLoads.delete(userId);
          throw e;
        },
      );
      this.usageLoads.set(userId, loading);
    }
    return loading;
  }

  private greet(room: Room, peer: Peer): void {
    if (room.greeted.has(peer) || room.replica === null) return;
    room.greeted.add(peer);
    peer.send(encodeSyncStep1(room.replica.stateVector()));
  }

  // ---- sync ----

  private onSync(room: Room, peer: Peer, message: Message): void {
    const replica = room.replica as Replica;
    if (message.type === 'sync-step-1') {
      const frames = replica.answer(message.clocks, message.stateVector);
      if (frames.length > 1) peer.cork();
      for (const frame of frames) peer.send(frame);
      if (frames.length > 1) peer.uncork();
      return;
    }
    if (message.type !== 'sync-step-2' && message.type !== 'update') return;
    const { update, info } = message;
    if (isEmpty(info) || replica.holds(info)) {
      this.metrics.redundantUpdates.inc();
      return;
    }
    const usage = this.usage.get(room.userId) as Usage;
    if (replica.size + room.pendingBytes + update.length > this.limits.maxDocBytes) {
      this.metrics.rejectedMessages.inc({ reason: 'doc-too-large' });
      this.log.warn(
        { userId: room.userId, doc: room.name, bytes: update.length },
        'update refused: document size limit',
      );
      peer.fail({ kind: 'doc-too-large', limit: this.limits.maxDocBytes });
      return;
    }
    if (usage.bytes + usage.pending + update.length > this.limits.userQuotaBytes) {
      this.metrics.rejectedMessages.inc({ reason: 'quota-exceeded' });
      this.log.warn(
        { userId: room.userId, doc: room.name, bytes: update.length },
        'update refused: storage quota',
      );
      peer.fail({ kind: 'quota-exceeded', limit: this.limits.userQuotaBytes });
      return;
    }
    room.pendingCount++;
    room.pendingBytes += update.length;
    usage.pending += update.length;
    this.batch.push({
      room,
      origin: peer,
      // Kept as it came: a view into the socket read it arrived in (exactly that read's size).
      // Copying each one costs an ArrayBuffer per update, which is what drives GC under load.
      update,
      info,
      frame: message.type === 'update' ? message.frame : null,
      receivedAt: this.now(),
    });
    if (this.batch.length >= MAX_BATCH && !this.backlogged) {
      this.backlogged = true;
      this.emit('backlog', true);
    }
    if (!this.flushScheduled && this.committing === null) {
      this.flushScheduled = true;
      setImmediate(() => void this.flush());
    }
  }

  /** Commits the batch in one transaction, then relays it. One commit is in flight at a time. */
  private async flush(): Promise<void> {
    this.flushScheduled = false;
    if (this.committing !== null || this.batch.length === 0) return;
    const work = this.batch;
    this.batch = [];
    let release!: () => void;
    this.committing = new Promise((resolve) => (release = resolve));
    try {
      const { seqs, failed } = await this.commit(work);
      this.publish(work, seqs, failed);
    } finally {
      this.committing = null;
      release();
    }
    if (this.batch.length > 0) await this.flush();
    else if (this.backlogged) {
      this.backlogged = false;
      this.emit('backlog', false);
    }
  }

  /**
   * Appends the batch: one row per document, holding that document's updates of this batch in
   * order (a flood of edits to one document costs one row, not one per update). Returns each
   * room's row seq, and the rooms whose row could not be stored.
   */
  private async commit(
    work: readonly PendingUpdate[],
  ): Promise<{ seqs: Map<Room, number>; failed: Set<Room> }> {
    const byRoom = new Map<Room, PendingUpdate[]>();
    for (const p of work) {
      const list = byRoom.get(p.room);
      if (list) list.push(p);
      else byRoom.set(p.room, [p]);
    }
    const seqs = new Map<Room, number>();
    const rows = new Map<Room, AppendRow>();
    for (const [room, list] of byRoom) {
      const seq = room.nextSeq++;
      seqs.set(room, seq);
      rows.set(room, {
        docId: room.docId,
        seq,
        updates: list.map((p) => p.update),
        receivedAt: (list[list.length - 1] as PendingUpdate).receivedAt,
      });
    }
    const failed = new Set<Room>();
    const startedAt = performance.now();
    try {
      await this.store.append([...rows.values()]);
      this.metrics.commitSeconds.observe((performance.now() - startedAt) / 1000);
    } catch (e) {
      // One document's row must not sink everyone's: retry them one by one.
      this.log.error({ error: (e as Error).message, rows: rows.size }, 'commit failed');
      for (const [room, row] of rows) {
        try {
          await this.store.append([row]);
        } catch (e2) {
          this.log.error(
            { userId: room.userId, doc: room.name, error: (e2 as Error).message },
            'could not store updates',
          );
          failed.add(room);
        }
      }
    }
    return { seqs, failed };
  }

  /** After the commit: add to the replicas, relay to every other peer, account, compact. */
  private publish(
    work: readonly PendingUpdate[],
    seqs: Map<Room, number>,
    failed: Set<Room>,
  ): void {
    const corked = new Set<Peer>();
    const touched = new Set<Room>();
    let deliveries = 0;
    let bytes = 0;
    for (const p of work) {
      const { room } = p;
      room.pendingCount--;
      room.pendingBytes -= p.update.length;
      const usage = this.usage.get(room.userId);
      if (usage) usage.pending -= p.update.length;
      if (room.dropped) continue;
      if (failed.has(room)) {
        p.origin.fail({ kind: 'storage-failed' });
        continue;
      }
      if (usage) usage.bytes += p.update.length;
      bytes += p.update.length;
      room.replica?.append(seqs.get(room) as number, p.update, p.info);
      touched.add(room);
      if (room.peers.size < 2) continue;
      const frame = p.frame ?? encodeUpdate(p.update);
      for (const peer of room.peers) {
        if (peer === p.origin) continue;
        if (!corked.has(peer)) {
          corked.add(peer);
          peer.cork();
        }
        peer.send(frame);
        deliveries++;
      }
    }
    for (const peer of corked) peer.uncork();
    this.metrics.updates.inc(work.length);
    this.metrics.updateBytes.inc(bytes);
    this.metrics.deliveries.inc(deliveries);
    for (const room of touched) {
      const replica = room.replica;
      if (
        replica !== null &&
        !room.compacting &&
        (replica.logLength >= this.limits.compactUpdates ||
          replica.logBytes >= this.limits.compactBytes)
      ) {
        void this.compact(room);
      }
    }
  }

  // ---- compaction and unloading ----

  private compact(room: Room): Promise<void> {
    const job = this.runCompaction(room).finally(() => this.compactions.delete(job));
    this.compactions.add(job);
    return job;
  }

  private async runCompaction(room: Room): Promise<void> {
    const replica = room.replica;
    const input = replica?.compactionInput();
    if (replica === null || input === undefined || room.compacting) return;
    room.compacting = true;
    try {
      const now = this.now();
      let gc = now - replica.gcAt >= this.limits.gcIntervalMs;
      let result = await this.compactor.run(input.parts, gc);
      if (!result.ok && gc) {
        this.log.warn(
          { userId: room.userId, doc: room.name, error: result.error },
          'garbage-collecting rebuild failed; merging instead',
        );
        gc = false;
        result = await this.compactor.run(input.parts, false);
      }
      if (!result.ok) {
        this.log.error(
          { userId: room.userId, doc: room.name, error: result.error },
          'compaction failed',
        );
        return;
      }
      if (room.dropped || room.replica !== replica) return;
      await this.store.compact({
        docId: room.docId,
        state: result.value.state,
        uptoSeq: input.uptoSeq,
        at: now,
        gc,
      });
      const before = replica.size;
      replica.applyCompaction(
        result.value.state,
        result.value.info,
        input.uptoSeq,
        gc ? now : undefined,
      );
      const usage = this.usage.get(room.userId);
      if (usage) usage.bytes += replica.size - before;
      this.metrics.compactions.inc({ kind: gc ? 'gc' : 'merge' });
      this.emit('compacted', { userId: room.userId, name: room.name, gc, bytes: replica.size });
      this.log.debug(
        { userId: room.userId, doc: room.name, gc, bytes: replica.size },
        'document compacted',
      );
    } catch (e) {
      this.log.error(
        { userId: room.userId, doc: room.name, error: (e as Error).message },
        'compaction failed',
      );
    } finally {
      room.compacting = false;
    }
  }

  private sweep(): void {
    const now = this.now();
    for (const room of this.rooms.values()) {
      if (now - room.lastActive < this.limits.idleUnloadMs) continue;
      if (room.state === 'ready' && room.pendingCount === 0 && !room.compacting) {
        void this.unload(room);
      } else if (room.state === 'unloaded' && room.peers.size === 0) {
        this.dropRoom(room);
      }
    }
  }

  /** Compacts what the log holds, then lets go of the document (its peers stay in the room). */
  private async unload(room: Room): Promise<void> {
    const replica = room.replica;
    if (replica === null) return;
    if (replica.logLength > 0) await this.compact(room);
    const idleFor = this.now() - room.lastActive;
    if (
      room.dropped ||
      room.replica !== replica ||
      room.pendingCount > 0 ||
      room.compacting ||
      idleFor < this.limits.idleUnloadMs
    ) {
      return;
    }
    room.replica = null;
    room.state = 'unloaded';
    this.metrics.docsLoaded.dec();
    this.log.debug({ userId: room.userId, doc: room.name }, 'document unloaded');
    this.emit('unloaded', { userId: room.userId, name: room.name });
    if (room.peers.size === 0) this.dropRoom(room);
  }

  private dropRoom(room: Room): void {
    if (room.state === 'ready') this.metrics.docsLoaded.dec();
    room.dropped = true;
    room.state = 'unloaded';
    room.replica = null;
    room.queue = [];
    room.awareness.clear();
    for (const peer of room.peers) this.roomOf.delete(peer);
    room.peers.clear();
    if (this.rooms.get(room.key) === room) this.rooms.delete(room.key);
  }

  // ---- awareness ----

  private onAwareness(
    room: Room,
    peer: Peer,
    entries: readonly AwarenessEntry[],
    frame: Uint8Array,
  ): void {
    for (const e of entries) {
      const holder = room.awareness.get(e.clientId);
      if (holder !== undefined && holder.clock > e.clock) continue;
      if (e.state === 'null') room.awareness.delete(e.clientId);
      else if (holder !== undefined || room.awareness.size < MAX_AWARENESS_PER_ROOM) {
        room.awareness.set(e.clientId, { clock: e.clock, state: e.state, peer });
      }
    }
    this.relay(room, frame, peer);
  }

  private awarenessEntries(room: Room): AwarenessEntry[] {
    return [...room.awareness].map(([clientId, h]) => ({
      clientId,
      clock: h.clock,
      state: h.state,
    }));
  }

  private relay(room: Room, frame: Uint8Array, except: Peer | null): void {
    for (const peer of room.peers) if (peer !== except) peer.send(frame);
  }

  // ---- the quota, shared with kept files ----

  /**
   * Reserves `bytes` of the user's quota for something stored beside the documents (a kept
   * file); false when that would take the user past it. The check and the reservation happen in
   * one turn, so concurrent uploads and updates cannot overshoot together. Every reservation is
   * ended by `settleReserved`.
   */
  async reserve(userId: number, bytes: number): Promise<boolean> {
    const usage = await this.usageOf(userId);
    if (usage.bytes + usage.pending + bytes > this.limits.userQuotaBytes) return false;
    usage.pending += bytes;
    return true;
  }

  /** Ends a reservation: `stored` says whether the bytes were written after all. */
  settleReserved(userId: number, bytes: number, stored: boolean): void {
    const usage = this.usage.get(userId);
    if (!usage) return;
    usage.pending -= bytes;
    if (stored) usage.bytes += bytes;
  }

  /** Bytes stored beside the documents were deleted. */
  released(userId: number, bytes: number): void {
    const usage = this.usage.get(userId);
    if (usage) usage.bytes -= bytes;
  }

  // ---- accounts ----

  /** Fails the user's peers and forgets their documents; call before erasing the rows. */
  async forgetUser(userId: number): Promise<void> {
    const peers: Peer[] = [];
    for (const room of [...this.rooms.values()]) {
      if (room.userId !== userId) continue;
      peers.push(...room.peers);
      this.dropRoom(room);
    }
    this.batch = this.batch.filter((p) => p.room.userId !== userId);
    await this.committing;
    await Promise.all([...this.compactions]);
    this.usage.delete(userId);
    for (const peer of peers) peer.fail({ kind: 'account-deleted' });
  }

  // ---- state ----

  stats(): { rooms: number; loaded: number; peers: number } {
    let loaded = 0;
    for (const room of this.rooms.values()) if (room.state === 'ready') loaded++;
    return { rooms: this.rooms.size, loaded, peers: this.roomOf.size };
  }

  /** Whether the user's document is loaded in memory (for tests and diagnostics). */
  isLoaded(userId: number, name: string): boolean {
    return this.rooms.get(`${userId}/${name}`)?.state === 'ready';
  }

  /** Commits what is pending and waits for running compactions; stops the idle sweep. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweepTimer);
    while (this.batch.length > 0 || this.committing !== null) {
      if (this.committing !== null) await this.committing;
      else await this.flush();
    }
    await Promise.all([...this.compactions]);
  }
}
