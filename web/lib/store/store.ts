// The store keeps every Yjs document of the app in IndexedDB and the projection tables views read
// beside them. The write path:
//
//   a change to a loaded Y.Doc (local edit, sync, restore)
//     → 'update' event: queue the update bytes and the ids of the records it touched
//     → one flush per tick, in ONE Dexie transaction for every document with queued changes:
//         catch up on log rows other tabs wrote, append the merged update to the log,
//         write the touched records' projection rows (and rejects)
//     → tell other tabs (BroadcastChannel) which documents moved on.
//
// So the log and the projections never disagree, even if the tab dies between two writes, and
// views can render from projections without loading any Y.Doc. Documents load lazily, when a
// write or a sync needs them.
import { liveQuery } from 'dexie';
import * as Y from 'yjs';
import {
  Collection,
  documents,
  migrations,
  projection,
  SettingsMap,
  collections,
  err,
  ok,
  type CollectionName,
  type NewRecord,
  type Patch,
  type RecordOf,
  type Result,
  type Settings,
  type SettingsPatch,
  type WriteError,
} from '@tally/model';
import type { Ids } from '@tally/model/ids';
import * as origins from './origins.ts';
import {
  indexFields,
  openDb,
  PROJECTION_VERSION,
  projectionTables,
  type DbOptions,
  type DocRow,
  type Row,
  type TallyDB,
} from './schema.ts';

type Changed = projection.Changed;

export interface StoreOptions extends DbOptions {
  /** IndexedDB database name. */
  name?: string;
  ids: Ids;
  now: () => number;
  /** Compact a document's log when it reaches this many updates… */
  compactAfterUpdates?: number;
  /** …or this many bytes. */
  compactAfterBytes?: number;
  /** Wait this long after the threshold before compacting, so bursts compact once. */
  compactDelayMs?: number;
}

interface LoadedDoc {
  name: string;
  doc: Y.Doc;
  /** The highest log seq this Y.Doc has applied. */
  appliedSeq: number;
  /** The snapshot's `uptoSeq` last seen. */
  snapshotSeq: number;
  /** Changes made here and not yet stored. */
  pending: { update: Uint8Array; changed: Changed }[];
  /** A document from a newer app version: readable, not writable. */
  readOnly: boolean;
}

export type StoreError =
  | WriteError
  | { kind: 'storage-full'; message: string }
  | { kind: 'storage-failed'; message: string }
  | { kind: 'read-only'; message: string };

export interface Write {
  op: 'create' | 'update' | 'remove';
  collection: CollectionName;
  id: string;
  /** The record for create, the patch for update. */
  data?: Record<string, unknown>;
}

export type StoreEvent =
  | { type: 'stored'; docs: string[] }
  | { type: 'other-tab'; docs: string[] }
  | { type: 'compacted'; docs: string[] }
  /** Another tab erased this device's data: reload. */
  | { type: 'erased'; docs: string[] };

const CHANNEL_PREFIX = 'tally-store:';

export class Store {
  readonly db: TallyDB;
  readonly ids: Ids;
  readonly now: () => number;
  private readonly loaded = new Map<string, Promise<LoadedDoc>>();
  private readonly docsByName = new Map<string, LoadedDoc>();
  private readonly channel: BroadcastChannel | undefined;
  private flushing: Promise<void> | undefined;
  private flushQueued: Promise<void> | undefined;
  private readonly compactTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly compactAfterUpdates: number;
  private readonly compactAfterBytes: number;
  private readonly compactDelayMs: number;
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private closed = false;

  constructor(options: StoreOptions) {
    const name = options.name ?? 'tally';
    this.db = openDb(name, options);
    this.ids = options.ids;
    this.now = options.now;
    this.compactAfterUpdates = options.compactAfterUpdates ?? 500;
    this.compactAfterBytes = options.compactAfterBytes ?? 1_000_000;
    this.compactDelayMs = options.compactDelayMs ?? 1000;
    if (typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(CHANNEL_PREFIX + name);
      this.channel.onmessage = (event: MessageEvent<{ docs: string[] } | { erased: true }>) => {
        if ('erased' in event.data) this.emit({ type: 'erased', docs: [] });
        else void this.onOtherTab(event.data.docs);
      };
    }
  }

  /** Opens the database and rebuilds projections if their layout changed since the last run. */
  async open(): Promise<void> {
    await this.db.open();
    const version = await this.db.local.get('projectionVersion');
    const hasDocs = (await this.db.docs.count()) > 0;
    if (version?.value !== PROJECTION_VERSION) {
      if (hasDocs) await this.rebuildProjections();
      else await this.db.local.put({ key: 'projectionVersion', value: PROJECTION_VERSION });
    }
  }

  // ---- Documents ----

  /** The loaded Y.Doc for a document name, loading it from IndexedDB on first use. */
  async doc(name: string): Promise<Y.Doc> {
    return (await this.load(name)).doc;
  }

  isLoaded(name: string): boolean {
    return this.docsByName.has(name);
  }

  /**
   * Drops a loaded document from memory once its changes are stored (a loaded doc costs ~20× its
   * size in heap); it loads again on next use. Callers must not hold on to its Y.Doc.
   */
  async unload(name: string): Promise<void> {
    await this.flushed();
    const ld = this.docsByName.get(name);
    if (!ld || ld.pending.length > 0) return;
    this.docsByName.delete(name);
    this.loaded.delete(name);
    ld.doc.destroy();
  }

  /** Names of every document stored on this device. */
  async docNames(): Promise<string[]> {
    return (await this.db.docs.toCollection().primaryKeys()).sort(documents.compareForSync);
  }

  /** A document's full state as one Yjs update, from IndexedDB (no Y.Doc load needed). */
  async encodedState(name: string): Promise<Uint8Array> {
    const ld = this.docsByName.get(name);
    if (ld) {
      await this.flushed();
      return Y.encodeStateAsUpdate(ld.doc);
    }
    return this.db.transaction('r', [this.db.docs, this.db.updates], async () => {
      const row = await this.db.docs.get(name);
      const rows = await this.logAfter(name, row?.uptoSeq ?? 0);
      return Y.mergeUpdates([...(row?.state ? [row.state] : []), ...rows.map((r) => r.bytes)]);
    });
  }

  private load(name: string): Promise<LoadedDoc> {
    if (!documents.isDocName(name))
      return Promise.reject(new Error(`not a document name: ${name}`));
    let p = this.loaded.get(name);
    if (!p) {
      p = this.loadFromDb(name);
      this.loaded.set(name, p);
      p.catch(() => this.loaded.delete(name));
    }
    return p;
  }

  private async loadFromDb(name: string): Promise<LoadedDoc> {
    const doc = new Y.Doc();
    const ld: LoadedDoc = {
      name,
      doc,
      appliedSeq: 0,
      snapshotSeq: 0,
      pending: [],
      readOnly: false,
    };
    await this.db.transaction('r', [this.db.docs, this.db.updates], async () => {
      const row = await this.db.docs.get(name);
      const rows = await this.logAfter(name, row?.uptoSeq ?? 0);
      doc.transact(() => {
        if (row?.state) Y.applyUpdate(doc, row.state);
        for (const r of rows) Y.applyUpdate(doc, r.bytes);
      }, origins.LOAD);
      ld.snapshotSeq = row?.uptoSeq ?? 0;
      ld.appliedSeq = rows.at(-1)?.seq ?? ld.snapshotSeq;
    });
    doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
      // Updates read back from IndexedDB are stored and projected already (by the tab that
      // wrote them, from a state that included everything logged before them).
      if (origins.isStored(origin)) return;
      ld.pending.push({ update, changed: projection.changedRecords(tr) });
      void this.scheduleFlush();
    });
    this.docsByName.set(name, ld);
    const migrated = migrations.migrate(doc, name, origins.MIGRATE);
    if (!migrated.ok) ld.readOnly = true;
    return ld;
  }

  private logAfter(name: string, seq: number): Promise<{ seq?: number; bytes: Uint8Array }[]> {
    return this.db.updates
      .where('[doc+seq]')
      .between([name, seq + 1], [name, Infinity])
      .toArray();
  }

  // ---- Records ----

  /** A new id for a record of `collection`; `at` places it in that time's yearly document. */
  newId(at?: number): string {
    return this.ids.next(at);
  }

  async create<N extends CollectionName>(
    name: N,
    input: NewRecord<N>,
    options: { id?: string; at?: number } = {},
  ): Promise<Result<RecordOf<N>, StoreError>> {
    const id = options.id ?? this.ids.next(options.at);
    const result = await this.collection(name, id, (c) => c.create(id, input));
    return result;
  }

  /** Creates many records; each document's share is written in one transaction, all or nothing. */
  async createMany<N extends CollectionName>(
    name: N,
    items: readonly { input: NewRecord<N>; id?: string; at?: number }[],
  ): Promise<Result<RecordOf<N>[], StoreError>> {
    const byDoc = new Map<string, { id: string; input: NewRecord<N> }[]>();
    for (const item of items) {
      const id = item.id ?? this.ids.next(item.at);
      const docName = documents.docNameFor(collections[name].placement, id);
      let list = byDoc.get(docName);
      if (!list) byDoc.set(docName, (list = []));
      list.push({ id, input: item.input });
    }
    const loadedDocs = await Promise.all([...byDoc.keys()].map((d) => this.load(d)));
    const readOnly = loadedDocs.find((ld) => ld.readOnly);
    if (readOnly) return err(readOnlyError(readOnly.name));
    // Validate every document's share before writing any of them.
    const planned: { c: Collection<N>; records: RecordOf<N>[] }[] = [];
    for (const ld of loadedDocs) {
      const c = new Collection(ld.doc, ld.name, name, origins.LOCAL);
      const records: RecordOf<N>[] = [];
      for (const { id, input } of byDoc.get(ld.name) ?? []) {
        const r = c.checkCreate(id, input);
        if (!r.ok) return r;
        records.push(r.value);
      }
      planned.push({ c, records });
    }
    for (const { c, records } of planned) c.insert(records);
    const stored = await this.flushedResult();
    return stored.ok ? ok(planned.flatMap((p) => p.records)) : stored;
  }

  async update<N extends CollectionName>(
    name: N,
    id: string,
    patch: Patch<N>,
  ): Promise<Result<RecordOf<N>, StoreError>> {
    return this.collection(name, id, (c) => c.update(id, patch));
  }

  async remove(name: CollectionName, id: string): Promise<Result<void, StoreError>> {
    return this.collection(name, id, (c) => c.remove(id));
  }

  /** A record read from its document (loads it); views should read projections instead. */
  async get<N extends CollectionName>(name: N, id: string): Promise<RecordOf<N> | undefined> {
    const docName = documents.docNameFor(collections[name].placement, id);
    const ld = await this.load(docName);
    return new Collection(ld.doc, docName, name, null).get(id);
  }

  /**
   * Applies several writes. Writes to one document happen in one Yjs transaction, and every
   * document is stored in one IndexedDB transaction: all of them land, or (on a validation error)
   * none of them is made.
   */
  async apply(writes: readonly Write[]): Promise<Result<void, StoreError>> {
    const byDoc = new Map<string, Write[]>();
    for (const w of writes) {
      const docName = documents.docNameFor(collections[w.collection].placement, w.id);
      let list = byDoc.get(docName);
      if (!list) byDoc.set(docName, (list = []));
      list.push(w);
    }
    const loadedDocs = await Promise.all([...byDoc.keys()].map((d) => this.load(d)));
    const readOnly = loadedDocs.find((ld) => ld.readOnly);
    if (readOnly) return err(readOnlyError(readOnly.name));
    // Check every write first, so a failing one leaves every document untouched.
    for (const ld of loadedDocs) {
      const r = checkWrites(ld.doc, ld.name, byDoc.get(ld.name) ?? []);
      if (!r.ok) return r;
    }
    for (const ld of loadedDocs) {
      ld.doc.transact(() => {
        for (const w of byDoc.get(ld.name) ?? []) applyWrite(ld.doc, ld.name, w);
      }, origins.LOCAL);
    }
    return this.flushedResult();
  }

  private async collection<N extends CollectionName, T>(
    name: N,
    id: string,
    fn: (c: Collection<N>) => Result<T, WriteError>,
  ): Promise<Result<T, StoreError>> {
    const docName = documents.docNameFor(collections[name].placement, id);
    const ld = await this.load(docName);
    if (ld.readOnly) return err(readOnlyError(docName));
    const result = fn(new Collection(ld.doc, docName, name, origins.LOCAL));
    if (!result.ok) return result;
    const stored = await this.flushedResult();
    return stored.ok ? result : stored;
  }

  // ---- Settings ----

  async settings(): Promise<Settings> {
    const ld = await this.load('settings');
    return new SettingsMap(ld.doc, null).get();
  }

  async updateSettings(patch: SettingsPatch): Promise<Result<Settings, StoreError>> {
    const ld = await this.load('settings');
    const result = new SettingsMap(ld.doc, origins.LOCAL).update(patch);
    if (!result.ok) return result;
    const stored = await this.flushedResult();
    return stored.ok ? result : stored;
  }

  // ---- Persistence ----

  /** Resolves when every change made so far is stored. */
  async flushed(): Promise<void> {
    const r = await this.flushedResult();
    if (!r.ok) throw new Error(describeStoreError(r.error));
  }

  private async flushedResult(): Promise<Result<void, StoreError>> {
    try {
      while (this.flushing || this.flushQueued || this.hasPending()) {
        await (this.flushQueued ?? this.flushing ?? this.scheduleFlush());
      }
      return ok(undefined);
    } catch (error) {
      return err(storageError(error));
    }
  }

  private hasPending(): boolean {
    for (const ld of this.docsByName.values()) if (ld.pending.length > 0) return true;
    return false;
  }

  private scheduleFlush(): Promise<void> {
    if (this.flushQueued) return this.flushQueued;
    const previous = this.flushing ?? Promise.resolve();
    // One flush at a time; changes made meanwhile go in the next one.
    const next = previous
      .catch(() => undefined)
      .then(() => {
        this.flushQueued = undefined;
        this.flushing = next;
        return this.flush();
      })
      .finally(() => {
        if (this.flushing === next) this.flushing = undefined;
      });
    // Callers that wait see a failure; the fire-and-forget path from 'update' must not leave an
    // unhandled rejection behind.
    next.catch(() => undefined);
    this.flushQueued = next;
    return next;
  }

  private async flush(): Promise<void> {
    const dirty = [...this.docsByName.values()].filter((ld) => ld.pending.length > 0);
    if (dirty.length === 0 || this.closed) return;
    const tables = [
      this.db.docs,
      this.db.updates,
      this.db.rejects,
      ...projectionTables.map((t) => this.db[t]),
    ];
    const taken = new Map<LoadedDoc, LoadedDoc['pending']>();
    const written: string[] = [];
    try {
      await this.db.transaction('rw', tables, async () => {
        const rows = new Map<string, DocRow | undefined>();
        for (const ld of dirty) {
          const row = await this.db.docs.get(ld.name);
          rows.set(ld.name, row);
          await this.catchUp(ld, row);
        }
        // From here to the writes below, nothing awaits: the updates taken and the projection
        // rows computed describe exactly the same state.
        const work = dirty.map((ld) => {
          const items = ld.pending.splice(0);
          taken.set(ld, items);
          const changed: Changed = new Map();
          for (const item of items) mergeChanged(changed, item.changed);
          const update =
            items.length === 1 ? items[0]!.update : Y.mergeUpdates(items.map((i) => i.update));
          return { ld, update, deltas: projection.project(ld.doc, ld.name, changed) };
        });
        const now = this.now();
        for (const { ld, update, deltas } of work) {
          const seq = await this.db.updates.add({ doc: ld.name, bytes: update });
          const row = rows.get(ld.name);
          await this.db.docs.put({
            name: ld.name,
            state: row?.state,
            uptoSeq: row?.uptoSeq ?? 0,
            logCount: (row?.logCount ?? 0) + 1,
            logBytes: (row?.logBytes ?? 0) + update.byteLength,
            updatedAt: now,
          });
          await this.writeDeltas(ld.name, deltas);
          ld.appliedSeq = seq as number;
          written.push(ld.name);
        }
      });
    } catch (error) {
      // Nothing was stored: put the changes back, so the next flush tries them again.
      for (const [ld, items] of taken) ld.pending.unshift(...items);
      throw error;
    }
    this.channel?.postMessage({ docs: written });
    this.emit({ type: 'stored', docs: written });
    for (const name of written) void this.maybeScheduleCompaction(name);
  }

  /** Applies log rows that other tabs wrote since this tab last looked. */
  private async catchUp(ld: LoadedDoc, row: DocRow | undefined): Promise<void> {
    const rows = await this.logAfter(ld.name, ld.appliedSeq);
    const snapshotAhead = (row?.uptoSeq ?? 0) > ld.appliedSeq;
    if (!snapshotAhead && rows.length === 0) return;
    ld.doc.transact(() => {
      if (snapshotAhead && row?.state) Y.applyUpdate(ld.doc, row.state);
      for (const r of rows) Y.applyUpdate(ld.doc, r.bytes);
    }, origins.CATCH_UP);
    ld.snapshotSeq = row?.uptoSeq ?? ld.snapshotSeq;
    ld.appliedSeq = Math.max(ld.appliedSeq, rows.at(-1)?.seq ?? 0, ld.snapshotSeq);
  }

  private async writeDeltas(docName: string, deltas: projection.ProjectionDelta[]): Promise<void> {
    for (const d of deltas) {
      const table = this.db[d.table];
      if (d.deletes.length > 0) await table.bulkDelete(d.deletes);
      if (d.puts.length > 0) await table.bulkPut(d.puts.map((r) => indexFields(d.table, r as Row)));
      // Rejects are rare: look up which of these records have one, rather than deleting blindly.
      const rejected = await this.db.rejects.where('doc').equals(docName).primaryKeys();
      const touched = new Set(d.ids);
      const cleared = rejected.filter(([table, id]) => table === d.table && touched.has(id));
      if (cleared.length > 0) await this.db.rejects.bulkDelete(cleared);
      if (d.rejects.length > 0) {
        await this.db.rejects.bulkPut(
          d.rejects.map((r) => ({ table: d.table, id: r.id, doc: docName, reason: r.reason })),
        );
      }
    }
  }

  private async onOtherTab(docNames: string[]): Promise<void> {
    const moved = docNames.filter((n) => this.docsByName.has(n));
    if (moved.length > 0 && !this.closed) {
      await this.db.transaction('r', [this.db.docs, this.db.updates], async () => {
        for (const name of moved) {
          const ld = this.docsByName.get(name);
          if (ld) await this.catchUp(ld, await this.db.docs.get(name));
        }
      });
    }
    this.emit({ type: 'other-tab', docs: docNames });
  }

  /** Stored changes (here or in another tab) and compactions, for status displays and tests. */
  onEvent(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: StoreEvent): void {
    for (const l of this.listeners) l(event);
  }

  // ---- Compaction ----

  private async maybeScheduleCompaction(name: string): Promise<void> {
    const row = await this.db.docs.get(name);
    if (!row || this.compactTimers.has(name)) return;
    if (row.logCount < this.compactAfterUpdates && row.logBytes < this.compactAfterBytes) return;
    this.compactTimers.set(
      name,
      setTimeout(() => {
        this.compactTimers.delete(name);
        void this.compact(name).catch(() => undefined);
      }, this.compactDelayMs),
    );
  }

  /**
   * Folds a document's log into its snapshot, in one transaction. When the document is loaded and
   * has no unsaved changes, the snapshot is encoded from it (dropping deleted content); otherwise
   * the stored updates are merged as they are.
   */
  async compact(name: string): Promise<void> {
    await this.flushed();
    const ld = this.docsByName.get(name);
    await this.db.transaction('rw', [this.db.docs, this.db.updates], async () => {
      const row = await this.db.docs.get(name);
      if (!row) return;
      const rows = await this.logAfter(name, row.uptoSeq);
      if (rows.length === 0) return;
      const upto = rows.at(-1)?.seq ?? row.uptoSeq;
      let state: Uint8Array;
      if (ld && ld.pending.length === 0) {
        await this.catchUp(ld, row);
        state = Y.encodeStateAsUpdate(ld.doc);
      } else {
        state = Y.mergeUpdates([...(row.state ? [row.state] : []), ...rows.map((r) => r.bytes)]);
      }
      await this.db.docs.put({ ...row, state, uptoSeq: upto, logCount: 0, logBytes: 0 });
      await this.db.updates
        .where('[doc+seq]')
        .between([name, row.uptoSeq + 1], [name, upto], true, true)
        .delete();
      if (ld) ld.snapshotSeq = upto;
    });
    this.emit({ type: 'compacted', docs: [name] });
  }

  // ---- Projections ----

  /** Rebuilds every projection table from the documents (after a layout change, or to repair). */
  async rebuildProjections(): Promise<void> {
    await this.flushed();
    await this.db.local.put({ key: 'projectionVersion', value: null });
    const tables = [...projectionTables.map((t) => this.db[t]), this.db.rejects];
    await this.db.transaction('rw', tables, async () => {
      for (const t of tables) await t.clear();
    });
    for (const name of await this.docNames()) {
      const ld = await this.load(name);
      await this.db.transaction('rw', [this.db.docs, this.db.updates, ...tables], async () => {
        await this.catchUp(ld, await this.db.docs.get(name));
        await this.writeDeltas(
          name,
          projection.project(ld.doc, name, projection.allRecords(ld.doc, name)),
        );
      });
    }
    await this.db.local.put({ key: 'projectionVersion', value: PROJECTION_VERSION });
  }

  // ---- Backup, restore, erase ----

  /** Every document's full state, for a backup. */
  async exportDocs(): Promise<{ name: string; state: Uint8Array }[]> {
    await this.flushed();
    const out: { name: string; state: Uint8Array }[] = [];
    for (const name of await this.docNames())
      out.push({ name, state: await this.encodedState(name) });
    return out;
  }

  /**
   * Merges documents into this device's (a CRDT merge: nothing is duplicated, and restoring the
   * same backup twice changes nothing). Each document goes through the normal write path, so its
   * projections are written with it. Documents that were not loaded are unloaded again.
   */
  async restore(
    docs: readonly { name: string; state: Uint8Array }[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<Result<void, StoreError>> {
    let done = 0;
    for (const { name, state } of docs) {
      const wasLoaded = this.isLoaded(name);
      const ld = await this.load(name);
      if (ld.readOnly) return err(readOnlyError(name));
      Y.applyUpdate(ld.doc, state, origins.RESTORE);
      const stored = await this.flushedResult();
      if (!stored.ok) return stored;
      if (!wasLoaded) await this.unload(name);
      onProgress?.(++done, docs.length);
    }
    return ok(undefined);
  }

  /**
   * Deletes this device's whole database (every document, projection, kept file and the sync
   * session). Other open tabs are told to reload. The store cannot be used afterwards.
   */
  async eraseAll(): Promise<void> {
    this.channel?.postMessage({ erased: true });
    this.closed = true;
    for (const t of this.compactTimers.values()) clearTimeout(t);
    for (const ld of this.docsByName.values()) ld.doc.destroy();
    this.docsByName.clear();
    this.loaded.clear();
    this.channel?.close();
    this.db.close();
    await this.db.delete();
  }

  async getLocal<T>(key: string): Promise<T | undefined> {
    return (await this.db.local.get(key))?.value as T | undefined;
  }

  async setLocal(key: string, value: unknown): Promise<void> {
    await this.db.local.put({ key, value });
  }

  /** A Dexie live query over the projection tables. */
  live<T>(query: (db: TallyDB) => Promise<T>): ReturnType<typeof liveQuery<T>> {
    return liveQuery(() => query(this.db));
  }

  /** Stops timers and listeners and closes the database (the data stays). */
  async close(): Promise<void> {
    await this.flushed().catch(() => undefined);
    this.closed = true;
    for (const t of this.compactTimers.values()) clearTimeout(t);
    this.compactTimers.clear();
    this.channel?.close();
    for (const ld of this.docsByName.values()) ld.doc.destroy();
    this.docsByName.clear();
    this.loaded.clear();
    this.db.close();
  }
}

/** Validates a batch of writes to one document against its state plus the batch's own creates. */
function checkWrites(
  doc: Y.Doc,
  docName: string,
  writes: readonly Write[],
): Result<void, WriteError> {
  const overlay = new Map<string, Record<string, unknown> | null>();
  for (const w of writes) {
    const c = new Collection(doc, docName, w.collection, null);
    const key = `${w.collection}:${w.id}`;
    const base = overlay.get(key);
    let r: Result<unknown, WriteError>;
    if (w.op === 'create') {
      r = base ? err({ kind: 'exists', id: w.id }) : c.checkCreate(w.id, w.data ?? {});
    } else if (base === null) {
      r = err({ kind: 'not-found', id: w.id });
    } else if (w.op === 'update') {
      r = c.checkUpdate(w.id, w.data ?? {}, base);
    } else {
      r = base || c.has(w.id) ? ok(undefined) : err({ kind: 'not-found', id: w.id });
    }
    if (!r.ok) return r;
    overlay.set(key, w.op === 'remove' ? null : (r.value as Record<string, unknown>));
  }
  return ok(undefined);
}

function applyWrite(doc: Y.Doc, docName: string, w: Write): void {
  const c = new Collection(doc, docName, w.collection, origins.LOCAL);
  if (w.op === 'create') c.create(w.id, w.data ?? {});
  else if (w.op === 'update') c.update(w.id, w.data ?? {});
  else c.remove(w.id);
}

function mergeChanged(into: Changed, from: Changed): void {
  for (const [table, ids] of from) {
    const target = into.get(table);
    if (target) for (const id of ids) target.add(id);
    else into.set(table, new Set(ids));
  }
}

/** A sentence a person can act on. */
export function describeStoreError(error: StoreError): string {
  switch (error.kind) {
    case 'invalid':
      return `That is not valid: ${error.message}`;
    case 'not-found':
      return 'That record no longer exists — it may have been deleted on another device.';
    case 'exists':
      return 'That record already exists.';
    default:
      return error.message;
  }
}

function readOnlyError(docName: string): StoreError {
  return {
    kind: 'read-only',
    message: `${docName} was saved by a newer version of Tally; update this device to edit it.`,
  };
}

function storageError(error: unknown): StoreError {
  const name = error instanceof Error ? error.name : '';
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return {
      kind: 'storage-full',
      message:
        'This device has no room left for Tally’s data. Your last change is kept in this tab but not saved: free some space, then try again.',
    };
  }
  return {
    kind: 'storage-failed',
    message: `Saving failed (${error instanceof Error ? error.message : String(error)}). Your last change is kept in this tab but not saved.`,
  };
}
