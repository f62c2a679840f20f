import { afterEach, describe, expect, it } from 'vitest';
import * as tt from '@tally/model/time/testing';
import type { Store } from '../store/store.ts';
import {
  catalogRecords,
  entriesAround,
  importKeys,
  latestStartBefore,
  resolutionWindow,
  runningEntries,
} from './queries.ts';
import { testStore } from './test-store.ts';

const { H } = tt;
const NOW = Date.UTC(2026, 10, 22, 12);
const DAY = 24 * H;
const open: Store[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function withEntries(
  entries: { start: number; end?: number; importKey?: string; projectId?: string }[],
) {
  const { store } = await testStore(NOW);
  open.push(store);
  const r = await store.createMany(
    'timeEntries',
    entries.map((e) => ({ input: { ...e }, at: e.start })),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return { store, records: r.value };
}

describe('runningEntries', () => {
  it('finds none when every entry has ended', async () => {
    const { store } = await withEntries([{ start: NOW - H, end: NOW }]);
    expect(await runningEntries(store.db, NOW)).toEqual([]);
  });

  it('finds a recent running entry', async () => {
    const { store, records } = await withEntries([
      { start: NOW - 3 * H, end: NOW - 2 * H },
      { start: NOW - H },
    ]);
    expect((await runningEntries(store.db, NOW)).map((e) => e.id)).toEqual([records[1]?.id]);
  });

  it('finds one forgotten for weeks, and one started last year, beside a recent one', async () => {
    const { store, records } = await withEntries([
      { start: NOW - 20 * DAY },
      { start: NOW - 200 * DAY, end: NOW - 199 * DAY },
      { start: Date.UTC(2025, 11, 31, 23) },
      { start: NOW - H },
    ]);
    const ids = (await runningEntries(store.db, NOW)).map((e) => e.id).sort();
    expect(ids).toEqual([records[0]?.id, records[2]?.id, records[3]?.id].sort());
  });
});

describe('resolutionWindow', () => {
  it('holds every entry from the oldest running one on, however old', async () => {
    const { store, records } = await withEntries([
      { start: NOW - 30 * DAY, end: NOW - 30 * DAY + H },
      { start: NOW - 20 * DAY },
      { start: NOW - 10 * DAY, end: NOW - 10 * DAY + H },
      { start: NOW - H },
    ]);
    const window = await resolutionWindow(store.db, NOW - 14 * DAY, NOW);
    expect(window.map((e) => e.id)).toEqual(records.slice(1).map((r) => r.id));
  });

  it('is the recent days when nothing older runs', async () => {
    const { store, records } = await withEntries([
      { start: NOW - 30 * DAY, end: NOW - 30 * DAY + H },
      { start: NOW - DAY, end: NOW - DAY + H },
    ]);
    const window = await resolutionWindow(store.db, NOW - 14 * DAY, NOW);
    expect(window.map((e) => e.id)).toEqual([records[1]?.id]);
  });
});

describe('entriesAround', () => {
  it('takes entries reaching into the window from before it, and old running ones', async () => {
    const from = NOW - DAY;
    const { store, records } = await withEntries([
      { start: from - 30 * H, end: from - 29 * H }, // inside the 48 h look-back: included
      { start: from - 60 * H, end: from - 59 * H }, // too early
      { start: from - 100 * H }, // running
      { start: from + H, end: from + 2 * H },
      { start: NOW + H, end: NOW + 2 * H }, // after the window
    ]);
    const ids = (await entriesAround(store.db, from, NOW, NOW)).map((e) => e.id).sort();
    expect(ids).toEqual([records[0]?.id, records[2]?.id, records[3]?.id].sort());
  });
});

describe('paging and keys', () => {
  it('finds the latest start before an instant', async () => {
    const { store } = await withEntries([
      { start: NOW - 40 * DAY, end: NOW - 40 * DAY + H },
      { start: NOW - 30 * DAY, end: NOW - 30 * DAY + H },
      { start: NOW - H, end: NOW },
    ]);
    expect(await latestStartBefore(store.db, NOW - 14 * DAY)).toBe(NOW - 30 * DAY);
    expect(await latestStartBefore(store.db, NOW - 50 * DAY)).toBeUndefined();
  });

  it('lists the import keys once each', async () => {
    const { store } = await withEntries([
      { start: NOW - 2 * H, end: NOW - H, importKey: 'toggl:a' },
      { start: NOW - H, end: NOW, importKey: 'toggl:b' },
      { start: NOW - 3 * H, end: NOW - 2 * H },
    ]);
    expect(await importKeys(store.db)).toEqual(['toggl:a', 'toggl:b']);
  });

  it('reads the catalog sorted by name', async () => {
    const { store } = await withEntries([]);
    await store.create('clients', { name: 'Zeta' });
    await store.create('clients', { name: 'Acme' });
    const p = await store.create('projects', { name: 'Website' });
    if (p.ok) await store.create('tasks', { name: 'Review', projectId: p.value.id });
    if (p.ok) await store.create('tasks', { name: 'Design', projectId: p.value.id });
    const cat = await catalogRecords(store.db);
    expect(cat.clients.map((c) => c.name)).toEqual(['Acme', 'Zeta']);
    expect(cat.tasks.map((t) => t.name)).toEqual(['Design', 'Review']);
  });
});
