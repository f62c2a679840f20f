// The writes behind the activities screens' buttons, as lists for `store.apply` (all or
// nothing across documents), and the undo of a delete.
import * as gearRules from '@tally/model/activities/gear';
import * as matching from '@tally/model/activities/matching';
import { ok } from '@tally/model/result';
import type { NewRecord, Patch, Result } from '@tally/model';
import type { Store, StoreError, Write } from '../store/store.ts';
import type { BlobRow } from '../store/schema.ts';
import type { Activity, Gear, SourceFile } from './types.ts';

/** A record as read from a projection row, without its id and index-only fields. */
export function activityInput(activity: Activity): NewRecord<'activities'> {
  const {
    id: _id,
    sourceHashes: _hashes,
    ...input
  } = activity as Activity & { sourceHashes?: unknown };
  return input;
}

/**
 * Merging two records of one workout: the kept one takes the chosen fields and both records'
 * sources, the other goes, and the kept-file notes that named the other now name the kept one.
 */
export function mergeWrites(
  keep: Activity,
  other: Activity,
  choices: matching.MergeChoices,
  files: readonly SourceFile[],
): Write[] {
  const plan = matching.mergeActivities(keep, other, choices);
  const writes: Write[] = [];
  if (Object.keys(plan.patch).length > 0) {
    writes.push({ op: 'update', collection: 'activities', id: plan.id, data: plan.patch });
  }
  writes.push({ op: 'remove', collection: 'activities', id: plan.removeId });
  for (const file of files) {
    if (file.activityId === plan.removeId) {
      writes.push({
        op: 'update',
        collection: 'sourceFiles',
        id: file.id,
        data: { activityId: plan.id },
      });
    }
  }
  return writes;
}

export interface DeletePlan {
  writes: Write[];
  /** Kept files on this device that nothing else refers to once the workout is gone. */
  blobHashes: string[];
  /** What the undo puts back. */
  removedFiles: SourceFile[];
}

export function deletePlan(activity: Activity, files: readonly SourceFile[]): DeletePlan {
  const removedFiles = files.filter((f) => f.activityId === activity.id);
  const stillNeeded = new Set(
    files.filter((f) => f.activityId !== activity.id).map((f) => f.contentHash),
  );
  const blobHashes = [
    ...new Set(
      activity.sources.flatMap((s) =>
        s.contentHash && !stillNeeded.has(s.contentHash) ? [s.contentHash] : [],
      ),
    ),
  ];
  return {
    writes: [
      { op: 'remove', collection: 'activities', id: activity.id },
      ...removedFiles.map((f): Write => ({ op: 'remove', collection: 'sourceFiles', id: f.id })),
    ],
    blobHashes,
    removedFiles,
  };
}

/**
 * Deletes a workout, its kept-file notes and (on this device) the files themselves. Returns the
 * undo, which puts all of it back, or the error.
 */
export async function deleteActivity(
  store: Store,
  activity: Activity,
  files: readonly SourceFile[],
): Promise<Result<() => Promise<Result<void, StoreError>>, StoreError>> {
  const plan = deletePlan(activity, files);
  const blobs = (await store.db.blobs.bulkGet(plan.blobHashes)).filter(
    (b): b is BlobRow => b !== undefined,
  );
  const result = await store.apply(plan.writes);
  if (!result.ok) return result;
  await store.db.blobs.bulkDelete(blobs.map((b) => b.hash));
  const undo = async () => {
    if (blobs.length > 0) await store.db.blobs.bulkPut(blobs);
    return store.apply([
      { op: 'create', collection: 'activities', id: activity.id, data: activityInput(activity) },
      ...plan.removedFiles.map((f): Write => ({
        op: 'create',
        collection: 'sourceFiles',
        id: f.id,
        data: sourceFileInput(f),
      })),
    ]);
  };
  return ok(undo);
}

function sourceFileInput(file: SourceFile): NewRecord<'sourceFiles'> {
  const { id: _id, ...input } = file;
  return input;
}

/** The record that remembers a dismissed match. */
export function dismissWrite(id: string, a: string, b: string, now: number): Write {
  return {
    op: 'create',
    collection: 'activityMatchDismissals',
    id,
    data: matching.dismissal(a, b, now),
  };
}

export interface BulkGear {
  /** The updates that give every one of them the gear (none for those that have it already). */
  writes: Write[];
  /** The updates that put each one's gear back as it was. */
  undo: Write[];
}

/** Setting (or clearing, with undefined) the gear of many workouts at once, with its undo. */
export function bulkGearWrites(
  activities: readonly Activity[],
  gearId: string | undefined,
): BulkGear {
  const changed = activities.filter((a) => a.gearId !== gearId);
  return {
    writes: changed.map((a) => ({
      op: 'update',
      collection: 'activities',
      id: a.id,
      data: { gearId },
    })),
    undo: changed.map((a) => ({
      op: 'update',
      collection: 'activities',
      id: a.id,
      data: { gearId: a.gearId },
    })),
  };
}

/**
 * Making one record of gear that is in the log twice or more (gear.duplicateGroups): the
 * workouts move to the kept record, the others go. The undo puts every record back as it was.
 */
export function gearMergePlan(
  group: readonly Gear[],
  activities: readonly Activity[],
): { writes: Write[]; undo: Write[] } {
  const merge = gearRules.mergeDuplicates(group, activities);
  const keep = group[0]!;
  const removed = group.slice(1);
  const before = activities.filter((a) => merge.activityIds.includes(a.id));
  const writes: Write[] = [];
  const undo: Write[] = [];
  if (Object.keys(merge.keepPatch).length > 0) {
    writes.push({ op: 'update', collection: 'gear', id: keep.id, data: merge.keepPatch });
    const original = Object.fromEntries(
      Object.keys(merge.keepPatch).map((k) => [k, keep[k as keyof Gear]]),
    );
    undo.push({ op: 'update', collection: 'gear', id: keep.id, data: original });
  }
  for (const a of before) {
    writes.push({ op: 'update', collection: 'activities', id: a.id, data: { gearId: keep.id } });
    undo.push({ op: 'update', collection: 'activities', id: a.id, data: { gearId: a.gearId } });
  }
  for (const g of removed) {
    writes.push({ op: 'remove', collection: 'gear', id: g.id });
    const { id: _id, ...input } = g;
    undo.push({ op: 'create', collection: 'gear', id: g.id, data: input });
  }
  return { writes, undo };
}

/** Deleting gear: its workouts stay, without gear. The undo brings the gear back on them. */
export function gearDeletePlan(
  gear: Gear,
  activities: readonly Activity[],
): { writes: Write[]; undo: Write[] } {
  const used = activities.filter((a) => a.gearId === gear.id);
  const { id: _id, ...input } = gear;
  return {
    writes: [
      ...used.map((a): Write => ({
        op: 'update',
        collection: 'activities',
        id: a.id,
        data: { gearId: undefined },
      })),
      { op: 'remove', collection: 'gear', id: gear.id },
    ],
    undo: [
      { op: 'create', collection: 'gear', id: gear.id, data: input },
      ...used.map((a): Write => ({
        op: 'update',
        collection: 'activities',
        id: a.id,
        data: { gearId: gear.id },
      })),
    ],
  };
}

export interface ActivityEdit {
  name: string;
  sport: string;
  gearId: string;
  notes: string;
}

/** The fields of an edit that changed; a new sport drops the old sub-sport (a treadmill ride?). */
export function editPatch(activity: Activity, edit: ActivityEdit): Patch<'activities'> {
  const patch: Patch<'activities'> = {};
  const name = edit.name.trim();
  if (name !== activity.name) patch.name = name;
  const sport = edit.sport.trim().toLowerCase().replace(/\s+/g, '_');
  if (sport && sport !== activity.sport) {
    patch.sport = sport;
    if (activity.subSport !== undefined) patch.subSport = undefined;
  }
  const gearId = edit.gearId || undefined;
  if (gearId !== activity.gearId) patch.gearId = gearId;
  const notes = edit.notes.trim() || undefined;
  if (notes !== (activity.notes?.trim() || undefined)) patch.notes = notes;
  return patch;
}

/**
 * Deletes every kept file from this device, with the notes that say they are kept. The
 * workouts stay; files kept on other devices (which this one never had) are left alone.
 */
export async function deleteKeptFiles(
  store: Store,
  files: readonly SourceFile[],
): Promise<Result<number, StoreError>> {
  const here = new Set(await store.db.blobs.toCollection().primaryKeys());
  const writes = files
    .filter((f) => here.has(f.contentHash))
    .map((f): Write => ({ op: 'remove', collection: 'sourceFiles', id: f.id }));
  if (writes.length > 0) {
    const result = await store.apply(writes);
    if (!result.ok) return result;
  }
  await store.db.blobs.bulkDelete([...here]);
  return ok(here.size);
}

/** How many files are kept on this device, and their size (from the kept-file notes). */
export function keptSummary(
  here: ReadonlySet<string>,
  files: readonly SourceFile[],
): { count: number; bytes: number } {
  let bytes = 0;
  const counted = new Set<string>();
  for (const f of files) {
    if (!here.has(f.contentHash) || counted.has(f.contentHash)) continue;
    counted.add(f.contentHash);
    bytes += f.size;
  }
  return { count: here.size, bytes };
}

export interface GearValues {
  name: string;
  kind: 'shoes' | 'bike' | 'other';
  brand: string;
  model: string;
  startDistanceMeters: number;
  /** The sports this gear is the default for: it takes them over from any other gear. */
  defaultFor: string[];
}

/**
 * Creating or editing gear, with one default per sport (gear.setDefault): every sport this
 * gear now defaults for is taken off the others, in the same writes.
 */
export function gearWrites(
  all: readonly Gear[],
  id: string,
  values: GearValues,
  isNew: boolean,
): Write[] {
  const data = {
    name: values.name.trim(),
    kind: values.kind,
    brand: values.brand.trim() || undefined,
    model: values.model.trim() || undefined,
    startDistanceMeters: Math.max(0, values.startDistanceMeters),
  };
  const self: Gear = { id, retired: false, ...data, defaultFor: [] };
  let working: Gear[] = [...all.filter((g) => g.id !== id), self];
  for (const sport of values.defaultFor) {
    for (const { id: target, patch } of gearRules.setDefault(working, id, sport)) {
      working = working.map((g) => (g.id === target ? { ...g, ...patch } : g));
    }
  }
  const defaults = working.find((g) => g.id === id)?.defaultFor ?? [];
  const writes: Write[] = [
    isNew
      ? { op: 'create', collection: 'gear', id, data: { ...data, defaultFor: defaults } }
      : { op: 'update', collection: 'gear', id, data: { ...data, defaultFor: defaults } },
  ];
  for (const before of all) {
    if (before.id === id) continue;
    const after = working.find((g) => g.id === before.id);
    if (after && after.defaultFor.join('\u0000') !== before.defaultFor.join('\u0000')) {
      writes.push({
        op: 'update',
        collection: 'gear',
        id: before.id,
        data: { defaultFor: after.defaultFor },
      });
    }
  }
  return writes;
}
