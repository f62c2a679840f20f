// The import run end to end, with the real worker code running in this process: a fake
// Worker hands messages both ways synchronously, so where a cancel lands is deterministic.
import { beforeAll, describe, expect, it } from 'vitest';
import { fitFile } from '@tally/model/activities/testing';
import type { WorkerRequest, WorkerResponse } from './import-protocol.ts';
import { ImportSession } from './import-session.svelte.ts';
import { gpxRun, testStore } from './test-store.ts';
import { readTracks, pickTrack } from './track.ts';
import type { WorkerLike } from './worker.ts';
import type { Store } from '../store/store.ts';

type Listener = (event: { data: unknown }) => void;
const workerSide: Listener[] = [];
let current: FakeWorker | undefined;

/** The worker code answers through the global postMessage: route it to the last caller. */
function answerTo(worker: FakeWorker): void {
  current = worker;
}

class FakeWorker implements WorkerLike {
  readonly page: Listener[] = [];
  terminated = false;
  onResponse: (message: WorkerResponse) => void = () => undefined;
  postMessage(message: WorkerRequest): void {
    answerTo(this);
    for (const l of workerSide) l({ data: message });
  }
  addEventListener(type: string, listener: unknown): void {
    if (type === 'message') this.page.push(listener as Listener);
  }
  terminate(): void {
    this.terminated = true;
  }
  deliver(message: WorkerResponse): void {
    for (const l of this.page) l({ data: message });
    this.onResponse(message);
  }
}

beforeAll(async () => {
  const g = globalThis as unknown as Record<string, unknown>;
  g.addEventListener = (type: string, listener: Listener) => {
    if (type === 'message') workerSide.push(listener);
  };
  g.postMessage = (message: WorkerResponse) => current?.deliver(message);
  await import('./import.worker.ts');
});

function session(store: Store, worker: FakeWorker, keepFiles = false): ImportSession {
  return new ImportSession({
    store,
    now: () => Date.UTC(2026, 5, 1),
    options: () => ({ keepFiles, timeZone: 'UTC' }),
    createWorker: () => worker,
  });
}

const file = (name: string, bytes: Uint8Array) =>
  new File([bytes as Uint8Array<ArrayBuffer>], name);

describe('ImportSession', () => {
  it('imports, lists each file in words, and finds the same file again as a duplicate', async () => {
    const store = await testStore();
    const worker = new FakeWorker();
    const s = session(store, worker);
    const settings = fitFile({ fileType: 2 });
    await s.start([
      file('a.gpx', gpxRun(1)),
      file('Settings.fit', settings),
      file('b.gpx', gpxRun(2)),
      file('a-copy.gpx', gpxRun(1)),
    ]);
    expect(worker.terminated).toBe(true);
    expect(s.running).toBe(false);
    expect(s.problem).toBeUndefined();
    expect(s.counts).toMatchObject({ imported: 2, duplicate: 1, failed: 1 });
    // Listed in the order the files were read, though workouts are stored a batch later.
    expect(s.rows.map((r) => [r.file, r.status])).toEqual([
      ['a.gpx', 'imported'],
      ['Settings.fit', 'failed'],
      ['b.gpx', 'imported'],
      ['a-copy.gpx', 'duplicate'],
    ]);
    const failed = s.rows.find((r) => r.status === 'failed');
    expect(failed).toMatchObject({ file: 'Settings.fit', title: 'Not a workout' });
    expect(failed?.message).toMatch(/settings file, not an activity/);
    expect(s.rows.find((r) => r.status === 'duplicate')?.file).toBe('a-copy.gpx');
    expect(s.progress).toMatchObject({ filesDone: 4, filesTotal: 4 });
    expect(await store.db.activities.count()).toBe(2);

    // A second run (another day, the same files) stores nothing twice.
    await s.start([file('a.gpx', gpxRun(1)), file('b.gpx', gpxRun(2))]);
    expect(s.counts).toMatchObject({ imported: 0, duplicate: 2 });
    expect(await store.db.activities.count()).toBe(2);
  });

  it('reads a dropped export folder together: the CSV names the files and their gear', async () => {
    const store = await testStore();
    const worker = new FakeWorker();
    const csv = [
      'Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Activity Gear,Filename,Distance',
      '11,"Mar 3, 2026, 7:00:00 AM",Hill reps,Run,1500,Race flats,activities/11.gpx,5000',
      '12,"Mar 4, 2026, 7:00:00 AM",Easy,Run,1500,race flats,activities/12.gpx,5000',
      '13,"Mar 5, 2026, 6:00:00 PM",Gym,Weight Training,2700,,,0',
    ].join('\n');
    const s = session(store, worker);
    await s.start(
      [
        file('11.gpx', gpxRun(1)),
        file('loose.gpx', gpxRun(9)),
        file('12.gpx', gpxRun(2)),
        file('activities.csv', new TextEncoder().encode(csv)),
      ],
      ['export_7/activities/11.gpx', '', 'export_7/activities/12.gpx', 'export_7/activities.csv'],
    );
    expect(s.problem).toBeUndefined();
    expect(s.counts).toMatchObject({ imported: 4, failed: 0 });
    expect(s.progress).toMatchObject({ filesDone: 4, filesTotal: 4 });
    const rows = await store.db.activities.orderBy('start').toArray();
    expect(rows.map((r) => r.name)).toEqual(['Hill reps', 'Easy', 'Gym', 'Run 9']);
    const gear = await store.db.gear.toArray();
    expect(gear.map((g) => g.name)).toEqual(['Race flats']);
    expect(rows.map((r) => r.gearId)).toEqual([gear[0]!.id, gear[0]!.id, undefined, undefined]);

    // The same folder dropped again, zipped or not: nothing new.
    await s.start(
      [file('11.gpx', gpxRun(1)), file('activities.csv', new TextEncoder().encode(csv))],
      ['export_7/activities/11.gpx', 'export_7/activities.csv'],
    );
    expect(s.counts).toMatchObject({ imported: 0 });
    expect(await store.db.activities.count()).toBe(4);
    expect(await store.db.gear.count()).toBe(1);
  });

  it('keeps what finished when cancelled', async () => {
    const store = await testStore();
    const worker = new FakeWorker();
    const s = session(store, worker);
    worker.onResponse = (message) => {
      if (message.type === 'file') s.cancel();
    };
    await s.start([1, 2, 3, 4].map((d) => file(`r${d}.gpx`, gpxRun(d))));
    expect(s.cancelled).toBe(true);
    expect(s.counts.imported).toBe(1);
    expect(s.rows).toHaveLength(1);
    expect(s.rows[0]?.activity?.name).toBe('Run 1');
    expect(await store.db.activities.count()).toBe(1);
  });

  it('keeps files when asked, and a kept file gives its track back', async () => {
    const store = await testStore();
    const worker = new FakeWorker();
    await session(store, worker, true).start([file('a.gpx', gpxRun(1, 3))]);
    const [activity] = await store.db.activities.toArray();
    const hash = (activity?.sources as { contentHash: string }[])[0]!.contentHash;
    const blob = await store.db.blobs.get(hash);
    expect(blob?.name).toBe('a.gpx');
    const read = await readTracks(blob!.name, blob!.bytes, 'UTC', () => new FakeWorker());
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const line = pickTrack(read.tracks, activity!.id, activity!.start as number);
    expect(line?.length).toBeGreaterThanOrEqual(2);
    expect(line?.[0]?.[0]).toBeCloseTo(45, 4);
  });

  it.each([
    ['keeping files, two new ones', true, [7, 8], [{ keptFiles: 2 }]],
    ['keeping files, only a duplicate', true, [1], []],
    ['not keeping files', false, [7], []],
  ])(
    'tells when a run kept files, to send them on (%s)',
    async (_name, keepFiles, days, expected) => {
      const store = await testStore();
      // A first run, so the workout of day 1 is a duplicate in the second.
      await session(store, new FakeWorker(), keepFiles).start([file('first.gpx', gpxRun(1))]);
      const runs: { keptFiles: number }[] = [];
      const second = new ImportSession({
        store,
        now: () => Date.UTC(2026, 5, 1),
        options: () => ({ keepFiles, timeZone: 'UTC' }),
        createWorker: () => new FakeWorker(),
        afterRun: (run) => runs.push(run),
      });
      await second.start(days.map((d) => file(`day-${d}.gpx`, gpxRun(d))));
      expect(runs).toEqual(expected);
    },
  );

  it('tells a reader failure on a kept file in words', async () => {
    const read = await readTracks(
      'x.fit',
      new Uint8Array([1, 2, 3]),
      'UTC',
      () => new FakeWorker(),
    );
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.message).toContain('x.fit');
  });
});

describe('pickTrack', () => {
  const tracks = [
    { id: 'A', start: 1000, track: [[1, 1]] as [number, number][] },
    { id: 'B', start: 9000, track: [[2, 2]] as [number, number][] },
  ];
  it('takes the workout by id, else the one that started closest', () => {
    expect(pickTrack(tracks, 'B', 0)).toEqual([[2, 2]]);
    expect(pickTrack(tracks, 'merged', 8000)).toEqual([[2, 2]]);
    expect(pickTrack(tracks, 'merged', 2000)).toEqual([[1, 1]]);
    expect(pickTrack([], 'x', 0)).toBeUndefined();
  });
});
