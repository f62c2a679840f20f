import { describe, expect, it } from 'vitest';
import { providerKey as importerKey } from '@tally/model/activities/importer';
import type { NewRecord } from '@tally/model';
import * as queries from './queries.ts';
import { testStore } from './test-store.ts';
import { bulkGearWrites } from './writes.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 7); // Monday 2026-01-05 07:00 UTC

async function seed() {
  const store = await testStore();
  const gear = await store.create('gear', { name: 'Bike' });
  if (!gear.ok) throw new Error('gear');
  const items: { input: NewRecord<'activities'>; at: number }[] = [];
  for (let i = 0; i < 30; i++) {
    const ride = i % 3 === 0;
    const start = T0 + i * DAY;
    items.push({
      at: start,
      input: {
        name: ride ? `Ride ${i}` : i === 7 ? 'Hill repeats' : `Run ${i}`,
        sport: ride ? 'cycling' : 'running',
        start,
        elapsedSeconds: 1800,
        distanceMeters: ride ? 20_000 : 5000,
        ...(ride && { gearId: gear.value.id }),
        sources: [
          {
            kind: 'strava',
            providerId: String(1000 + i),
            ...(i === 0 && { contentHash: 'a'.repeat(64) }),
          },
        ],
      },
    });
  }
  const created = await store.createMany('activities', items);
  if (!created.ok) throw new Error('seed');
  return { store, gearId: gear.value.id };
}

describe('listPage', () => {
  it('pages newest first and says when there is more', async () => {
    const { store } = await seed();
    const first = await queries.listPage(store.db, {}, 10, 'UTC');
    expect(first.rows).toHaveLength(10);
    expect(first.more).toBe(true);
    expect(first.rows[0]?.name).toBe('Run 29');
    expect(first.rows.map((r) => r.start)).toEqual(
      [...first.rows.map((r) => r.start)].sort((a, b) => b - a),
    );
    const all = await queries.listPage(store.db, {}, 30, 'UTC');
    expect(all.rows).toHaveLength(30);
    expect(all.more).toBe(false);
  });

  it('filters by sport, gear, local days and words, through the indexes', async () => {
    const { store, gearId } = await seed();
    const rides = await queries.listPage(store.db, { sport: 'cycling' }, 100, 'UTC');
    expect(rides.rows).toHaveLength(10);
    expect(rides.rows.every((r) => r.sport === 'cycling')).toBe(true);
    expect(rides.rows[0]?.name).toBe('Ride 27');
    const withGear = await queries.listPage(store.db, { gearId }, 4, 'UTC');
    expect(withGear.rows.map((r) => r.name)).toEqual(['Ride 27', 'Ride 24', 'Ride 21', 'Ride 18']);
    expect(withGear.more).toBe(true);
    const noGear = await queries.listPage(store.db, { gearId: 'none' }, 100, 'UTC');
    expect(noGear.rows).toHaveLength(20);
    const week = await queries.listPage(
      store.db,
      { from: '2026-01-12', to: '2026-01-18' },
      100,
      'UTC',
    );
    expect(week.rows.map((r) => r.name).reverse()).toEqual([
      'Hill repeats',
      'Run 8',
      'Ride 9',
      'Run 10',
      'Run 11',
      'Ride 12',
      'Run 13',
    ]);
    const hill = await queries.listPage(store.db, { text: 'hill' }, 100, 'UTC');
    expect(hill.rows.map((r) => r.name)).toEqual(['Hill repeats']);
  });

  it('counts a workout on the day of the user zone when it has none of its own', async () => {
    const { store } = await seed();
    // 07:00 UTC on 2026-01-05 is still 2026-01-04 in Honolulu (UTC−10).
    const honolulu = await queries.listPage(
      store.db,
      { from: '2026-01-04', to: '2026-01-04' },
      100,
      'Pacific/Honolulu',
    );
    expect(honolulu.rows.map((r) => r.name)).toEqual(['Ride 0']);
    const utc = await queries.listPage(
      store.db,
      { from: '2026-01-04', to: '2026-01-04' },
      100,
      'UTC',
    );
    expect(utc.rows).toEqual([]);
  });
});

describe('changing the gear of every filtered workout', () => {
  it.each([
    ['all', {}],
    ['a sport', { sport: 'running' }],
    ['no gear', { gearId: 'none' }],
    ['days and words', { from: '2026-01-12', to: '2026-01-31', text: 'run' }],
  ])('allMatching gives what the list shows page by page: %s', async (_label, filter) => {
    const { store } = await seed();
    const paged = await queries.listPage(store.db, filter, 1000, 'UTC');
    const all = await queries.allMatching(store.db, filter, 'UTC');
    expect(all.map((r) => r.id)).toEqual(paged.rows.map((r) => r.id));
    expect(all.length).toBeGreaterThan(0);
  });

  it('sets the gear of all of them, leaves the rest, and the undo puts each one back', async () => {
    const { store, gearId } = await seed();
    const shoes = await store.create('gear', { name: 'Shoes', kind: 'shoes' });
    if (!shoes.ok) throw new Error('gear');
    // Two weeks of workouts: runs without gear, and rides that have the bike.
    const filter = { from: '2026-01-12', to: '2026-01-25' };
    const chosen = await queries.allMatching(store.db, filter, 'UTC');
    expect(chosen).toHaveLength(14);
    const plan = bulkGearWrites(chosen, shoes.value.id);
    expect(plan.writes).toHaveLength(14);
    expect((await store.apply(plan.writes)).ok).toBe(true);
    const after = await queries.allMatching(store.db, { gearId: shoes.value.id }, 'UTC');
    expect(after.map((r) => r.id)).toEqual(chosen.map((r) => r.id));
    // The bike kept its other six rides (four of its ten fell in those weeks).
    expect(await queries.allMatching(store.db, { gearId }, 'UTC')).toHaveLength(6);
    // Setting the same gear again changes nothing.
    expect(bulkGearWrites(after, shoes.value.id).writes).toEqual([]);

    expect((await store.apply(plan.undo)).ok).toBe(true);
    const restored = await queries.allMatching(store.db, filter, 'UTC');
    expect(restored.map((r) => [r.id, r.gearId])).toEqual(chosen.map((r) => [r.id, r.gearId]));
  });
});

describe('known keys and small reads', () => {
  it('lists every content hash and provider key, as the importer spells them', async () => {
    const { store } = await seed();
    const known = await queries.knownKeys(store.db);
    expect(known.hashes).toEqual(['a'.repeat(64)]);
    expect(known.providerIds).toHaveLength(30);
    expect(known.providerIds).toContain(importerKey('strava', '1005'));
    expect(queries.providerKey('garmin', '9')).toBe(importerKey('garmin', '9'));
  });

  it('reads sports in use, the latest workout and workouts with gear', async () => {
    const { store } = await seed();
    expect(await queries.sportsInUse(store.db)).toEqual(['cycling', 'running']);
    expect((await queries.latestActivity(store.db))?.name).toBe('Run 29');
    expect(await queries.activitiesWithGear(store.db)).toHaveLength(10);
    const around = await queries.activitiesAround(store.db, '2026-01-10', '2026-01-10', 'UTC');
    // The index range is wide (zones up to 26 h away); the exact day test is the caller's.
    expect(around.map((a) => a.name)).toEqual(['Run 4', 'Run 5', 'Ride 6']);
  });
});
