import { describe, expect, it } from 'vitest';
import { fitFile } from '@tally/model/activities/testing';
import type { Imported } from '@tally/model/activities/importer';
import { ImportCommitter, groupByFile, type Outcome } from './commit.ts';
import { gpxRun, importedFrom, testStore } from './test-store.ts';
import type { Gear } from './types.ts';

function collect(): { outcomes: Outcome[]; onOutcomes: (o: Outcome[]) => void; calls: number[] } {
  const outcomes: Outcome[] = [];
  const calls: number[] = [];
  return {
    outcomes,
    calls,
    onOutcomes: (o) => {
      calls.push(o.length);
      outcomes.push(...o);
    },
  };
}

const now = () => Date.UTC(2026, 3, 1);

function messageOf(outcome: Outcome | undefined): string | undefined {
  return outcome && outcome.status !== 'stored' ? outcome.message : undefined;
}

describe('ImportCommitter', () => {
  it('stores workouts in batches under the importer ids, in the year documents of their starts', async () => {
    const store = await testStore();
    const files = Array.from({ length: 7 }, (_, i) => ({
      name: `run${i}.gpx`,
      bytes: gpxRun(i * 60),
    }));
    const items = await importedFrom(files);
    expect(items).toHaveLength(7);
    const sink = collect();
    const committer = new ImportCommitter({
      store,
      gear: [],
      now,
      batchSize: 3,
      onOutcomes: sink.onOutcomes,
    });
    committer.add(items.slice(0, 4));
    committer.add(items.slice(4));
    await committer.finish();
    expect(sink.calls).toEqual([3, 3, 1]);
    expect(sink.outcomes.map((o) => o.status)).toEqual(Array(7).fill('stored'));
    const rows = await store.db.activities.orderBy('start').toArray();
    expect(rows.map((r) => r.id)).toEqual(items.map((i) => i.id));
    // The last run is in 2027: each workout lands in its own year's document.
    expect(await store.docNames()).toEqual(
      expect.arrayContaining(['activities.2026', 'activities.2027']),
    );
    // The projection indexes each workout by its file's content hash.
    const hash = items[0]!.input.sources?.[0]?.contentHash;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.db.activities.where('sourceHashes').equals(hash!).count()).toBe(1);
  });

  it('keeps all workouts of one file in one batch', async () => {
    const start = Date.UTC(2026, 4, 3, 8);
    const tri = fitFile({
      sessions: [
        { sport: 'swimming', start, elapsedSeconds: 1800, distanceMeters: 1500 },
        {
          sport: 'cycling',
          start: start + 1_900_000,
          elapsedSeconds: 3600,
          distanceMeters: 40_000,
        },
        {
          sport: 'running',
          start: start + 5_600_000,
          elapsedSeconds: 2400,
          distanceMeters: 10_000,
        },
      ],
    });
    const items = await importedFrom([
      { name: 'a.gpx', bytes: gpxRun(1) },
      { name: 'tri.fit', bytes: tri },
    ]);
    expect(groupByFile(items).map((g) => g.length)).toEqual([1, 3]);
    const store = await testStore();
    const sink = collect();
    const committer = new ImportCommitter({
      store,
      gear: [],
      now,
      batchSize: 2,
      onOutcomes: sink.onOutcomes,
    });
    committer.add(items);
    await committer.finish();
    // The batch fills at the file boundary: a (1) + tri (3) go together, never 2 + 2.
    expect(sink.calls).toEqual([4]);
    expect(await store.db.activities.count()).toBe(4);
  });

  it('applies default gear per sport and creates gear an export names, once per name', async () => {
    const store = await testStore();
    const shoes = await store.create('gear', {
      name: 'Daily trainers',
      kind: 'shoes',
      defaultFor: ['running'],
    });
    expect(shoes.ok).toBe(true);
    const items = await importedFrom([
      { name: 'a.gpx', bytes: gpxRun(1) },
      { name: 'b.gpx', bytes: gpxRun(2) },
      { name: 'c.gpx', bytes: gpxRun(3) },
    ]);
    const named: Imported[] = [
      items[0]!,
      { ...items[1]!, gearName: 'Race flats' },
      { ...items[2]!, gearName: 'race flats ' },
    ];
    const sink = collect();
    const committer = new ImportCommitter({
      store,
      gear: [shoes.ok ? shoes.value : ({} as Gear)],
      now,
      onOutcomes: sink.onOutcomes,
    });
    committer.add(named);
    await committer.finish();
    const gear = await store.db.gear.orderBy('name').toArray();
    expect(gear.map((g) => [g.name, g.kind])).toEqual([
      ['Daily trainers', 'shoes'],
      ['Race flats', 'shoes'],
    ]);
    const flats = gear[1]!.id;
    const rows = await store.db.activities.orderBy('start').toArray();
    expect(rows.map((r) => r.gearId)).toEqual([shoes.ok && shoes.value.id, flats, flats]);
  });

  it('gives gear named by an export the same id on every device, so re-imports do not duplicate it', async () => {
    const items = await importedFrom([
      { name: 'a.gpx', bytes: gpxRun(1) },
      { name: 'b.gpx', bytes: gpxRun(2) },
    ]);
    const named: Imported[] = items.map((item) => ({ ...item, gearName: 'Race flats' }));
    const gearOf = async (store: Awaited<ReturnType<typeof testStore>>) =>
      (await store.db.gear.toArray()).map((g) => [g.id, g.name]);

    // Two devices import the same archive: one gear record each, under the same id.
    const phone = await testStore();
    const laptop = await testStore();
    for (const store of [phone, laptop]) {
      const committer = new ImportCommitter({ store, gear: [], now, onOutcomes: () => {} });
      committer.add(named);
      await committer.finish();
    }
    expect(await gearOf(phone)).toHaveLength(1);
    expect(await gearOf(laptop)).toEqual(await gearOf(phone));

    // The gear appears after the import started (another tab, a sync): it is used, not doubled.
    const sink = collect();
    const late = new ImportCommitter({ store: phone, gear: [], now, onOutcomes: sink.onOutcomes });
    const more = await importedFrom([{ name: 'c.gpx', bytes: gpxRun(3) }]);
    late.add(more.map((item) => ({ ...item, gearName: 'race flats' })));
    await late.finish();
    expect(sink.outcomes.map((o) => o.status)).toEqual(['stored']);
    const [[gearId]] = (await gearOf(phone)) as [[string, string]];
    expect(await gearOf(phone)).toHaveLength(1);
    const rows = await phone.db.activities.orderBy('start').toArray();
    expect(rows.map((r) => r.gearId)).toEqual([gearId, gearId, gearId]);
  });

  it('keeps files on this device and notes them in a synced record', async () => {
    const store = await testStore();
    const items = await importedFrom([{ name: 'a.gpx', bytes: gpxRun(1) }], { keepFiles: true });
    const kept = items[0]!.keptFile!;
    const committer = new ImportCommitter({ store, gear: [], now, onOutcomes: () => undefined });
    committer.add(items);
    await committer.finish();
    const blob = await store.db.blobs.get(kept.contentHash);
    expect(blob?.name).toBe('a.gpx');
    expect(blob?.bytes).toEqual(gpxRun(1));
    const files = await store.db.sourceFiles.toArray();
    expect(files).toEqual([
      expect.objectContaining({
        contentHash: kept.contentHash,
        fileName: 'a.gpx',
        kind: 'gpx',
        activityId: items[0]!.id,
        synced: false,
      }),
    ]);
  });

  it('tries each file alone when a batch is refused, and calls a workout stored meanwhile a duplicate', async () => {
    const store = await testStore();
    const items = await importedFrom(
      [1, 2, 3].map((d) => ({ name: `r${d}.gpx`, bytes: gpxRun(d) })),
      { keepFiles: true },
    );
    // Another tab stored the second one (with its file) while this import was reading.
    const other = items[1]!;
    expect((await store.create('activities', other.input, { id: other.id })).ok).toBe(true);
    const sink = collect();
    const committer = new ImportCommitter({ store, gear: [], now, onOutcomes: sink.onOutcomes });
    committer.add(items);
    await committer.finish();
    expect(sink.outcomes.map((o) => o.status)).toEqual(['stored', 'duplicate', 'stored']);
    expect(messageOf(sink.outcomes[1])).toContain('r2.gpx was imported meanwhile');
    expect(await store.db.activities.count()).toBe(3);
    // Only the stored workouts' files stay on the device.
    const hashes = await store.db.blobs.toCollection().primaryKeys();
    expect(hashes.sort()).toEqual(
      [items[0]!, items[2]!].map((i) => i.keptFile!.contentHash).sort(),
    );
    expect(await store.db.sourceFiles.count()).toBe(2);
  });

  it('stops saving after storage fails, and says so for every workout after', async () => {
    const store = await testStore();
    const items = await importedFrom(
      [1, 2, 3, 4].map((d) => ({ name: `r${d}.gpx`, bytes: gpxRun(d) })),
    );
    const sink = collect();
    const committer = new ImportCommitter({
      store,
      gear: [],
      now,
      batchSize: 2,
      onOutcomes: sink.onOutcomes,
    });
    const original = store.db.updates.add.bind(store.db.updates);
    let fail = false;
    store.db.updates.add = ((...args: Parameters<typeof original>) => {
      if (fail)
        return Promise.reject(Object.assign(new Error('full'), { name: 'QuotaExceededError' }));
      return original(...args);
    }) as typeof original;
    committer.add(items.slice(0, 2));
    await committer.finish();
    fail = true;
    committer.add(items.slice(2));
    await committer.finish();
    expect(sink.outcomes.map((o) => o.status)).toEqual(['stored', 'stored', 'failed', 'failed']);
    expect(committer.fatal?.kind).toBe('storage-full');
    expect(messageOf(sink.outcomes[3])).toContain('no room left');
    expect(await store.db.activities.count()).toBe(2);
  });
});
