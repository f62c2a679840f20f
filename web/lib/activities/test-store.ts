// For tests: a store on a fresh in-memory IndexedDB, and workouts read from synthetic files by
// the real importer (as the worker would send them).
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach } from 'vitest';
import { importFiles, type Imported, type ImportOptions } from '@tally/model/activities/importer';
import { gpxDocument, meridianTrack } from '@tally/model/activities/testing';
import { testIds } from '@tally/model/testing';
import { Store } from '../store/store.ts';

let counter = 0;
const open: Store[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

export async function testStore(): Promise<Store> {
  const ids = testIds(++counter);
  const store = new Store({
    name: `activities-test-${counter}`,
    indexedDB: new IDBFactory(),
    IDBKeyRange,
    ids,
    now: () => ids.clock.now(),
    compactDelayMs: 0,
  });
  await store.open();
  open.push(store);
  return store;
}

const DAY = 86_400_000;

/** A GPX run of `km` kilometres starting `daysAfter` days after 2026-03-02 07:00 UTC. */
export function gpxRun(daysAfter: number, km = 5, name = `Run ${daysAfter}`): Uint8Array {
  const start = Date.UTC(2026, 2, 2, 7) + daysAfter * DAY;
  const text = gpxDocument([
    {
      name,
      type: 'running',
      segments: [meridianTrack({ start, count: km + 1, stepMeters: 1000, stepSeconds: 300 })],
    },
  ]);
  return new TextEncoder().encode(text);
}

export async function importedFrom(
  files: { name: string; bytes: Uint8Array }[],
  options: Partial<ImportOptions> = {},
): Promise<Imported[]> {
  const report = await importFiles(files, { ids: 'content', timeZone: 'UTC', ...options });
  return report.results.filter((r): r is Imported => r.status === 'imported');
}
