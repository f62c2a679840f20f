// A loaded document, kept as encoded Yjs updates (a snapshot and the log after it) instead of a
// Y.Doc: a Y.Doc costs ~20× its encoded size in heap and ~15 µs per applied update, while the
// server only has to store, relay and answer "what am I missing?". Which clock ranges the state
// holds is tracked beside it, so the common answers need no Yjs decoding at all.
import * as Y from 'yjs';
import { err, ok, type Result } from '@tally/model/result';
import { encodeStateVector, encodeSyncStep2, encodeUpdate } from '../protocol/message.ts';
import { deleteSetOnly, EMPTY_UPDATE, inspectUpdate, type UpdateInfo } from '../protocol/update.ts';
import type { StoredDoc } from '../storage/port.ts';
import { ClientRanges, coveredBy } from './ranges.ts';

export interface LogEntry {
  readonly seq: number;
  readonly update: Uint8Array;
  readonly info: UpdateInfo;
}

/** What a compaction folds: the snapshot (if any) and the log up to `uptoSeq`, in order. */
export interface CompactionInput {
  readonly parts: Uint8Array[];
  readonly uptoSeq: number;
}

export class Replica {
  private snapshot: Uint8Array | null = null;
  private snapshotInfo: UpdateInfo | null = null;
  private snapshotSeq = 0;
  private log: LogEntry[] = [];
  private logSize = 0;
  private readonly structs = new ClientRanges();
  private readonly deletes = new ClientRanges();
  /** The seq the next appended update gets. */
  nextSeq = 1;
  gcAt = 0;

  /** Builds a replica from stored rows, checking every one; a damaged row fails the load. */
  static fromStored(stored: StoredDoc): Result<Replica, string> {
    const replica = new Replica();
    replica.gcAt = stored.gcAt;
    replica.snapshotSeq = stored.snapshotSeq;
    replica.nextSeq = stored.snapshotSeq + 1;
    if (stored.snapshot !== null && stored.snapshot.length > 0) {
      const info = inspectUpdate(stored.snapshot);
      if (!info.ok) return err(`the stored snapshot is damaged: ${info.error}`);
      replica.snapshot = stored.snapshot;
      replica.snapshotInfo = info.value;
      replica.track(info.value);
    }
    for (const row of stored.updates) {
      if (row.damaged !== undefined) return err(`stored row ${row.seq} is damaged: ${row.damaged}`);
      const info = inspectUpdate(row.data);
      if (!info.ok) return err(`stored update ${row.seq} is damaged: ${info.error}`);
      replica.append(row.seq, row.data, info.value);
    }
    return ok(replica);
  }

  /** Snapshot plus log, in bytes. */
  get size(): number {
    return (this.snapshot?.length ?? 0) + this.logSize;
  }

  get logLength(): number {
    return this.log.length;
  }

  get logBytes(): number {
    return this.logSize;
  }

  /** True when the update holds nothing this replica lacks (a re-sent update or delete set). */
  holds(info: UpdateInfo): boolean {
    return this.structs.containsAll(info.structs) && this.deletes.containsAll(info.deletes);
  }

  append(seq: number, update: Uint8Array, info: UpdateInfo): void {
    this.log.push({ seq, update, info });
    this.logSize += update.length;
    this.track(info);
    if (seq >= this.nextSeq) this.nextSeq = seq + 1;
  }

  private track(info: UpdateInfo): void {
    this.structs.addAll(info.structs);
    this.deletes.addAll(info.deletes);
  }

  /** The state vector a Y.Doc with this content would report (for our SyncStep1). */
  stateVector(): Uint8Array {
    return encodeStateVector(this.structs.stateVector());
  }

  /**
   * The frames that answer a client's SyncStep1: everything it lacks, ending with a SyncStep2
   * (the y-websocket client counts itself synced when that one arrives, so anything sent before
   * it is already applied by then).
   */
  answer(clocks: ReadonlyMap<number, number>, stateVector: Uint8Array): Uint8Array[] {
    const pieces: Uint8Array[] = [];
    if (this.snapshot !== null && this.snapshotInfo !== null) {
      const info = this.snapshotInfo;
      if (clocks.size === 0) pieces.push(this.snapshot);
      else if (coveredBy(clocks, info.structs)) {
        if (info.deletes.length > 0) pieces.push(deleteSetOnly(this.snapshot, info));
      } else pieces.push(Y.diffUpdate(this.snapshot, stateVector));
    }
    const missing: Uint8Array[] = [];
    for (const entry of this.log) {
      if (!coveredBy(clocks, entry.info.structs)) missing.push(entry.update);
      else if (entry.info.deletes.length > 0) missing.push(deleteSetOnly(entry.update, entry.info));
    }
    if (missing.length === 1) pieces.push(missing[0] as Uint8Array);
    else if (missing.length > 1) pieces.push(Y.mergeUpdates(missing));
    if (pieces.length === 0) return [encodeSyncStep2(EMPTY_UPDATE)];
    return pieces.map((p, i) => (i === pieces.length - 1 ? encodeSyncStep2(p) : encodeUpdate(p)));
  }

  compactionInput(): CompactionInput | undefined {
    const last = this.log[this.log.length - 1];
    if (last === undefined) return undefined;
    const parts = this.log.map((e) => e.update);
    if (this.snapshot !== null) parts.unshift(this.snapshot);
    return { parts, uptoSeq: last.seq };
  }

  /** Replaces the snapshot with a compaction's result and drops the log entries it folded. */
  applyCompaction(state: Uint8Array, info: UpdateInfo, uptoSeq: number, gcAt?: number): void {
    this.snapshot = state.length > 0 ? state : null;
    this.snapshotInfo = state.length > 0 ? info : null;
    this.snapshotSeq = uptoSeq;
    this.log = this.log.filter((e) => e.seq > uptoSeq);
    this.logSize = this.log.reduce((n, e) => n + e.update.length, 0);
    if (gcAt !== undefined) this.gcAt = gcAt;
  }

  /** The whole state as one update (for exports and tests). */
  merged(): Uint8Array {
    const parts = this.log.map((e) => e.update);
    if (this.snapshot !== null) parts.unshift(this.snapshot);
    if (parts.length === 0) return EMPTY_UPDATE;
    return parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdates(parts);
  }
}
