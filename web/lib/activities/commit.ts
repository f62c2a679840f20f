// Stores what the import worker read, in batches, while it goes on reading:
// - Workouts are written with `createMany` a batch at a time (one IndexedDB transaction per
//   batch instead of one per workout; the batch is whatever arrived while the last one was
//   being written, up to BATCH_SIZE), under the ids the importer derived from the content, so
//   two devices importing the same file agree.
// - A file's workouts stay in one batch (a triathlon file is all of its legs or none of them).
// - Gear named by an export is created first; the sport's default gear applies otherwise.
// - Kept files go to the device-only `blobs` table before their workouts, so a stored workout
//   never points at bytes that are missing here, and a `sourceFiles` record follows.
// - When a batch is refused (a record that appeared meanwhile, a document from a newer app),
//   each file of it is tried on its own, so one bad file does not sink two hundred good ones.
//   When storage itself fails (disk full), everything after is reported as not saved.
import * as gearRules from '@tally/model/activities/gear';
import * as hash from '@tally/model/activities/hash';
import type { Imported } from '@tally/model/activities/importer';
import { describeStoreError, type Store, type StoreError } from '../store/store.ts';
import type { Gear } from './types.ts';

export const BATCH_SIZE = 200;

export type Outcome =
  | { status: 'stored'; item: Imported }
  | { status: 'duplicate' | 'failed'; item: Imported; message: string };

export interface CommitterOptions {
  store: Store;
  /** The gear in the log when the import started. */
  gear: readonly Gear[];
  now: () => number;
  batchSize?: number;
  /** Told about every workout once its batch is written (or refused). */
  onOutcomes: (outcomes: Outcome[]) => void;
}

export class ImportCommitter {
  readonly #store: Store;
  readonly #now: () => number;
  readonly #batchSize: number;
  readonly #onOutcomes: (outcomes: Outcome[]) => void;
  readonly #gear: Gear[];
  #queue: Imported[][] = [];
  #writing: Promise<void> | undefined;
  #fatal: StoreError | undefined;

  constructor(options: CommitterOptions) {
    this.#store = options.store;
    this.#now = options.now;
    this.#batchSize = options.batchSize ?? BATCH_SIZE;
    this.#onOutcomes = options.onOutcomes;
    this.#gear = [...options.gear];
  }

  /** A storage failure that stopped the import (the disk is full); undefined while all is well. */
  get fatal(): StoreError | undefined {
    return this.#fatal;
  }

  /**
   * Queues imported workouts. When no write is under way they are written at once (a small
   * import shows up immediately); while one is, they gather into the next batch, up to
   * `batchSize` — so a fast reader makes few large transactions, not many small ones.
   */
  add(items: readonly Imported[]): void {
    this.#queue.push(...groupByFile(items));
    this.#pump();
  }

  /** Resolves once every workout handed over so far is written (or refused). */
  async finish(): Promise<void> {
    while (this.#writing || this.#queue.length > 0) {
      this.#pump();
      await this.#writing;
    }
  }

  #pump(): void {
    if (this.#writing || this.#queue.length === 0) return;
    const batch: Imported[][] = [];
    let size = 0;
    while (this.#queue.length > 0 && size < this.#batchSize) {
      const group = this.#queue.shift()!;
      batch.push(group);
      size += group.length;
    }
    this.#writing = this.#write(batch).finally(() => {
      this.#writing = undefined;
      this.#pump();
    });
  }

  async #write(groups: Imported[][]): Promise<void> {
    try {
      await this.#writeBatch(groups);
    } catch (error) {
      // A bug, not a refusal: still tell the page, so no workout is left "in progress".
      const message = `Saving stopped unexpectedly (${error instanceof Error ? error.message : String(error)}).`;
      this.#onOutcomes(groups.flat().map((item) => ({ status: 'failed', item, message })));
    }
  }

  async #writeBatch(groups: Imported[][]): Promise<void> {
    const all = groups.flat();
    if (this.#fatal) {
      this.#onOutcomes(all.map((item) => notSaved(item, this.#fatal!)));
      return;
    }
    const items = await this.#withGear(all);
    const blobHashes = await this.#keepBlobs(items);
    const created = await this.#store.createMany(
      'activities',
      items.map((item) => ({ id: item.id, input: item.input })),
    );
    let outcomes: Outcome[];
    if (created.ok) {
      outcomes = items.map((item) => ({ status: 'stored', item }));
    } else if (isStorageError(created.error)) {
      this.#fatal = created.error;
      outcomes = items.map((item) => notSaved(item, created.error));
    } else {
      outcomes = [];
      for (const group of groupByFile(items)) outcomes.push(...(await this.#writeAlone(group)));
    }
    const stored = outcomes.filter((o) => o.status === 'stored').map((o) => o.item);
    await this.#recordKeptFiles(stored);
    const storedHashes = new Set(stored.map((item) => item.keptFile?.contentHash));
    const orphans = blobHashes.filter((h) => !storedHashes.has(h));
    if (orphans.length > 0) await this.#store.db.blobs.bulkDelete(orphans).catch(() => undefined);
    this.#onOutcomes(outcomes);
  }

  /** One file's workouts on their own, after the batch they were in was refused. */
  async #writeAlone(group: Imported[]): Promise<Outcome[]> {
    if (this.#fatal) return group.map((item) => notSaved(item, this.#fatal!));
    const created = await this.#store.createMany(
      'activities',
      group.map((item) => ({ id: item.id, input: item.input })),
    );
    if (created.ok) return group.map((item) => ({ status: 'stored', item }));
    if (isStorageError(created.error)) this.#fatal = created.error;
    if (created.error.kind === 'exists') {
      return group.map((item) => ({
        status: 'duplicate',
        item,
        message: `${item.entry ?? item.file} was imported meanwhile (in another tab or on another device).`,
      }));
    }
    return group.map((item) => notSaved(item, created.error));
  }

  /**
   * Gives the workouts their gear, creating the gear an export named that the log lacks. Named
   * gear gets an id derived from its name, so the same archive imported twice, or on two
   * devices, ends up with one record per name.
   */
  async #withGear(items: Imported[]): Promise<Imported[]> {
    const assignment = await gearRules.assignGear(items, this.#gear);
    if (assignment.create.length === 0) return assignment.imported;
    const created = await this.#store.createMany('gear', assignment.create);
    if (created.ok) {
      this.#gear.push(...created.value);
      return assignment.imported;
    }
    if (created.error.kind === 'exists' && (await this.#createGearOneByOne(assignment.create))) {
      return assignment.imported;
    }
    // Without the named gear the workouts still import, with the sport's default gear.
    const unnamed = items.map(({ gearName: _gearName, ...item }) => item);
    return (await gearRules.assignGear(unnamed, this.#gear)).imported;
  }

  /**
   * After the batch of new gear was refused because one of them exists already (the same name
   * imported meanwhile in another tab, or synced from another device — same name, same id):
   * creates the rest and takes the existing ones as they are. False when one cannot be had.
   */
  async #createGearOneByOne(create: gearRules.GearAssignment['create']): Promise<boolean> {
    for (const { id, input } of create) {
      const one = await this.#store.create('gear', input, { id });
      const record = one.ok
        ? one.value
        : one.error.kind === 'exists'
          ? await this.#store.get('gear', id)
          : undefined;
      if (!record) return false;
      if (!this.#gear.some((g) => g.id === id)) this.#gear.push(record);
    }
    return true;
  }

  /** Stores kept files' bytes on this device; returns the hashes written. */
  async #keepBlobs(items: Imported[]): Promise<string[]> {
    const kept = items.flatMap((item) => (item.keptFile ? [item.keptFile] : []));
    if (kept.length === 0) return [];
    const addedAt = this.#now();
    try {
      await this.#store.db.blobs.bulkPut(
        kept.map((k) => ({ hash: k.contentHash, bytes: k.bytes, name: k.fileName, addedAt })),
      );
    } catch {
      // The workouts matter more than their files: import them, keep nothing.
      for (const item of items) delete item.keptFile;
      return [];
    }
    return kept.map((k) => k.contentHash);
  }

  /** The synced note that a stored workout's file is kept (on this device). */
  async #recordKeptFiles(stored: Imported[]): Promise<void> {
    const files = stored.flatMap((item) =>
      item.keptFile
        ? [
            {
              id: hash.contentId(item.input.start, item.keptFile.contentHash),
              input: {
                contentHash: item.keptFile.contentHash,
                fileName: item.keptFile.fileName.slice(0, 500),
                kind: item.keptFile.kind,
                size: item.keptFile.size,
                activityId: item.id,
                synced: false,
              },
            },
          ]
        : [],
    );
    if (files.length === 0) return;
    // Another device may have kept the same file already: its record says the same thing.
    const existing = await this.#store.db.sourceFiles.bulkGet(files.map((f) => f.id));
    const fresh = files.filter((_, i) => existing[i] === undefined);
    if (fresh.length > 0) await this.#store.createMany('sourceFiles', fresh);
  }
}

/** Consecutive workouts of one file or archive entry, in order. */
export function groupByFile(items: readonly Imported[]): Imported[][] {
  const groups: Imported[][] = [];
  let lastKey: string | undefined;
  for (const item of items) {
    const key = `${item.file}\u0000${item.entry ?? ''}`;
    if (key === lastKey) groups[groups.length - 1]!.push(item);
    else groups.push([item]);
    lastKey = key;
  }
  return groups;
}

function isStorageError(error: StoreError): boolean {
  return error.kind === 'storage-full' || error.kind === 'storage-failed';
}

function notSaved(item: Imported, error: StoreError): Outcome {
  return { status: 'failed', item, message: describeStoreError(error) };
}
