import { describe, expect, it } from 'vitest';
import * as gearRules from '@tally/model/activities/gear';
import * as matching from '@tally/model/activities/matching';
import { activityRecord, gearRecord } from '@tally/model/activities/testing';
import { ImportCommitter } from './commit.ts';
import { gpxRun, importedFrom, testStore } from './test-store.ts';
import {
  activityInput,
  deleteActivity,
  deleteKeptFiles,
  deletePlan,
  dismissWrite,
  editPatch,
  gearDeletePlan,
  gearMergePlan,
  gearWrites,
  keptSummary,
  mergeWrites,
} from './writes.ts';
import { asRecord, asRecords, type Activity, type Gear, type SourceFile } from './types.ts';

const T = Date.UTC(2026, 5, 1, 6);

describe('editPatch', () => {
  const run = activityRecord({
    name: 'Morning run',
    sport: 'running',
    subSport: 'treadmill',
    notes: 'easy',
  });

  it('holds only what changed', () => {
    expect(
      editPatch(run, { name: ' Morning run ', sport: 'running', gearId: '', notes: 'easy\n' }),
    ).toEqual({});
  });

  it('drops the sub-sport with a new sport, and clears emptied fields', () => {
    expect(editPatch(run, { name: 'Spin', sport: 'Cycling', gearId: '', notes: '' })).toEqual({
      name: 'Spin',
      sport: 'cycling',
      subSport: undefined,
      notes: undefined,
    });
  });
});

describe('merge and dismiss', () => {
  it('updates the kept record, removes the other and moves its kept-file note, all at once', async () => {
    const store = await testStore();
    const watch = {
      name: '',
      sport: 'running',
      start: T,
      elapsedSeconds: 3000,
      distanceMeters: 10_020,
      avgHeartRate: 151,
      sources: [{ kind: 'fit' as const, contentHash: 'b'.repeat(64) }],
    };
    const strava = {
      name: 'Sunday long run',
      sport: 'running',
      start: T + 20_000,
      elapsedSeconds: 2990,
      distanceMeters: 10_000,
      sources: [{ kind: 'strava' as const, providerId: '77' }],
    };
    const a = await store.create('activities', watch, { at: T });
    const b = await store.create('activities', strava, { at: T });
    const note = await store.create('sourceFiles', {
      contentHash: 'b'.repeat(64),
      fileName: 'watch.fit',
      kind: 'fit',
      size: 10,
      activityId: a.ok ? a.value.id : '',
    });
    if (!a.ok || !b.ok || !note.ok) throw new Error('seed');
    // Keep the Strava record: the watch's measurements win by default, Strava's name stays.
    const writes = mergeWrites(b.value, a.value, {}, [note.value]);
    expect(writes.map((w) => [w.op, w.collection])).toEqual([
      ['update', 'activities'],
      ['remove', 'activities'],
      ['update', 'sourceFiles'],
    ]);
    expect((await store.apply(writes)).ok).toBe(true);
    const rows = asRecords<Activity>(await store.db.activities.toArray());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: b.value.id,
      name: 'Sunday long run',
      start: T,
      distanceMeters: 10_020,
      avgHeartRate: 151,
      sources: [strava.sources[0], watch.sources[0]],
    });
    expect((await store.db.sourceFiles.get(note.value.id))?.activityId).toBe(b.value.id);
    // The projection indexes the merged record under the watch file's hash.
    expect(await store.db.activities.where('sourceHashes').equals('b'.repeat(64)).count()).toBe(1);
  });

  it('remembers a dismissal, so the pair is not suggested again', async () => {
    const store = await testStore();
    const x = activityRecord({ start: T });
    const y = activityRecord({ start: T + 30_000 });
    expect(matching.suggestMatches([x, y])).toHaveLength(1);
    expect((await store.apply([dismissWrite(store.newId(), y.id, x.id, T)])).ok).toBe(true);
    const dismissals = await store.db.activityMatchDismissals.toArray();
    expect(matching.suggestMatches([x, y], dismissals as never)).toEqual([]);
  });
});

describe('delete', () => {
  it('plans to remove the workout, its kept-file notes, and files nothing else refers to', () => {
    const a = activityRecord({
      sources: [
        { kind: 'gpx', contentHash: 'c'.repeat(64) },
        { kind: 'fit', contentHash: 'd'.repeat(64) },
      ],
    });
    const files = [
      {
        id: '01JF00000000000000000000A1',
        contentHash: 'c'.repeat(64),
        fileName: 'a.gpx',
        kind: 'gpx',
        size: 1,
        activityId: a.id,
        synced: false,
      },
      {
        id: '01JF00000000000000000000A2',
        contentHash: 'd'.repeat(64),
        fileName: 'd.fit',
        kind: 'fit',
        size: 1,
        activityId: 'someone-else',
        synced: false,
      },
    ] as SourceFile[];
    const plan = deletePlan(a, files);
    expect(plan.writes.map((w) => [w.op, w.collection, w.id])).toEqual([
      ['remove', 'activities', a.id],
      ['remove', 'sourceFiles', files[0]!.id],
    ]);
    expect(plan.blobHashes).toEqual(['c'.repeat(64)]);
  });

  it('deletes a workout with its kept file, and the undo brings all of it back', async () => {
    const store = await testStore();
    const items = await importedFrom([{ name: 'a.gpx', bytes: gpxRun(3) }], { keepFiles: true });
    const committer = new ImportCommitter({
      store,
      gear: [],
      now: () => T,
      onOutcomes: () => undefined,
    });
    committer.add(items);
    await committer.finish();
    const activity = asRecord<Activity>(await store.db.activities.get(items[0]!.id))!;
    const files = asRecords<SourceFile>(await store.db.sourceFiles.toArray());
    const hash = items[0]!.keptFile!.contentHash;
    const removed = await deleteActivity(store, activity, files);
    expect(removed.ok).toBe(true);
    expect(await store.db.activities.count()).toBe(0);
    expect(await store.db.sourceFiles.count()).toBe(0);
    expect(await store.db.blobs.get(hash)).toBeUndefined();
    if (!removed.ok) return;
    expect((await removed.value()).ok).toBe(true);
    const back = await store.db.activities.get(activity.id);
    expect(back).toEqual(activity);
    expect(await store.db.sourceFiles.toArray()).toEqual(files);
    expect((await store.db.blobs.get(hash))?.bytes).toEqual(gpxRun(3));
  });

  it('reads a record back as the input that recreates it', () => {
    const a = activityRecord({ name: 'x' });
    const row = { ...a, sourceHashes: [] };
    expect(activityInput(row)).not.toHaveProperty('id');
    expect(activityInput(row)).not.toHaveProperty('sourceHashes');
    expect(activityInput(row)).toMatchObject({ name: 'x', sport: a.sport });
  });
});

describe('kept files', () => {
  it('sums what is kept here, and deletes it all from this device while the workouts stay', async () => {
    const store = await testStore();
    const items = await importedFrom(
      [1, 2].map((d) => ({ name: `r${d}.gpx`, bytes: gpxRun(d) })),
      { keepFiles: true },
    );
    const committer = new ImportCommitter({
      store,
      gear: [],
      now: () => T,
      onOutcomes: () => undefined,
    });
    committer.add(items);
    await committer.finish();
    // A note from another device, whose file this one never had.
    const elsewhere = await store.create('sourceFiles', {
      contentHash: 'e'.repeat(64),
      fileName: 'x.fit',
      kind: 'fit',
      size: 99,
    });
    expect(elsewhere.ok).toBe(true);
    const files = asRecords<SourceFile>(await store.db.sourceFiles.toArray());
    const here = new Set(await store.db.blobs.toCollection().primaryKeys());
    expect(keptSummary(here, files)).toEqual({
      count: 2,
      bytes: items.reduce((sum, i) => sum + i.keptFile!.size, 0),
    });
    const deleted = await deleteKeptFiles(store, files);
    expect(deleted).toEqual({ ok: true, value: 2 });
    expect(await store.db.blobs.count()).toBe(0);
    expect((await store.db.sourceFiles.toArray()).map((f) => f.fileName)).toEqual(['x.fit']);
    expect(await store.db.activities.count()).toBe(2);
  });
});

describe('gearWrites', () => {
  const values = {
    name: ' Trail shoes ',
    kind: 'shoes' as const,
    brand: '',
    model: 'Speedgoat',
    startDistanceMeters: 120_000,
    defaultFor: ['running', 'hiking'],
  };

  it('creates gear that takes its sports over from other gear, one default per sport', async () => {
    const store = await testStore();
    const old = gearRecord({ name: 'Old', defaultFor: ['running', 'walking'] });
    const bike = gearRecord({ name: 'Bike', kind: 'bike', defaultFor: ['cycling'] });
    const id = store.newId();
    const writes = gearWrites([old, bike], id, values, true);
    expect(writes).toEqual([
      {
        op: 'create',
        collection: 'gear',
        id,
        data: {
          name: 'Trail shoes',
          kind: 'shoes',
          brand: undefined,
          model: 'Speedgoat',
          startDistanceMeters: 120_000,
          defaultFor: ['running', 'hiking'],
        },
      },
      { op: 'update', collection: 'gear', id: old.id, data: { defaultFor: ['walking'] } },
    ]);
  });

  it('edits in place and gives up sports no longer ticked', async () => {
    const store = await testStore();
    const created = await store.create('gear', {
      name: 'Shoes',
      kind: 'shoes',
      defaultFor: ['running', 'walking'],
    });
    if (!created.ok) throw new Error('seed');
    const result = await store.apply(
      gearWrites([created.value], created.value.id, { ...values, defaultFor: ['running'] }, false),
    );
    expect(result.ok).toBe(true);
    expect(await store.db.gear.get(created.value.id)).toMatchObject({
      name: 'Trail shoes',
      model: 'Speedgoat',
      startDistanceMeters: 120_000,
      defaultFor: ['running'],
    });
  });
});

describe('gearMergePlan', () => {
  it('makes one record of duplicated gear, moves its workouts, and the undo restores all', async () => {
    const store = await testStore();
    const made = await store.createMany('gear', [
      { input: { name: 'Pegasus 40', kind: 'shoes' } },
      { input: { name: 'pegasus 40', kind: 'shoes', brand: 'Nike', defaultFor: ['running'] } },
    ]);
    if (!made.ok) throw new Error('gear');
    const group = gearRules.duplicateGroups(made.value)[0]!;
    const [keep, twin] = group;
    const runs = await store.createMany(
      'activities',
      [keep!, twin!, twin!].map((g, i) => ({
        at: T + i * 86_400_000,
        input: { sport: 'running', start: T + i * 86_400_000, elapsedSeconds: 600, gearId: g.id },
      })),
    );
    if (!runs.ok) throw new Error('runs');
    const before = asRecords<Activity>(await store.db.activities.orderBy('start').toArray());
    const plan = gearMergePlan(group, before);
    expect((await store.apply(plan.writes)).ok).toBe(true);

    const gear = await store.db.gear.toArray();
    expect(gear).toHaveLength(1);
    expect(gear[0]).toMatchObject({ id: keep!.id, brand: 'Nike', defaultFor: ['running'] });
    const after = await store.db.activities.orderBy('start').toArray();
    expect(after.map((a) => a.gearId)).toEqual([keep!.id, keep!.id, keep!.id]);

    expect((await store.apply(plan.undo)).ok).toBe(true);
    const restored = asRecords<Gear>(await store.db.gear.toArray());
    expect(restored.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...made.value].sort((a, b) => a.id.localeCompare(b.id)),
    );
    const back = await store.db.activities.orderBy('start').toArray();
    expect(back.map((a) => a.gearId)).toEqual(before.map((a) => a.gearId));
  });
});

describe('gearDeletePlan', () => {
  it('deletes gear, leaves its workouts without gear, and the undo puts it back on them', async () => {
    const store = await testStore();
    const made = await store.createMany('gear', [
      { input: { name: 'Old shoes', kind: 'shoes', defaultFor: ['running'] } },
      { input: { name: 'Bike', kind: 'bike' } },
    ]);
    if (!made.ok) throw new Error('gear');
    const [shoes, bike] = made.value;
    const runs = await store.createMany(
      'activities',
      [shoes!, bike!, shoes!].map((g, i) => ({
        at: T + i * 86_400_000,
        input: { sport: 'running', start: T + i * 86_400_000, elapsedSeconds: 600, gearId: g.id },
      })),
    );
    if (!runs.ok) throw new Error('runs');
    const before = asRecords<Activity>(await store.db.activities.orderBy('start').toArray());
    const plan = gearDeletePlan(shoes!, before);
    expect((await store.apply(plan.writes)).ok).toBe(true);
    expect((await store.db.gear.toArray()).map((g) => g.name)).toEqual(['Bike']);
    const after = await store.db.activities.orderBy('start').toArray();
    expect(after).toHaveLength(3);
    expect(after.map((a) => a.gearId)).toEqual([undefined, bike!.id, undefined]);

    expect((await store.apply(plan.undo)).ok).toBe(true);
    expect(asRecord<Gear>(await store.db.gear.get(shoes!.id))).toEqual(shoes);
    const back = await store.db.activities.orderBy('start').toArray();
    expect(back.map((a) => a.gearId)).toEqual(before.map((a) => a.gearId));
  });
});
