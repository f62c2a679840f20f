import { describe, expect, it } from 'vitest';
import { testIds } from '../testing.ts';
import * as gear from './gear.ts';
import type { Imported } from './importer.ts';
import { activityRecord, gearRecord } from './testing.ts';

describe('gearTotals', () => {
  const shoes = gearRecord({ name: 'Pegasus', startDistanceMeters: 120_000 });
  const bike = gearRecord({ name: 'Trek', kind: 'bike' });
  const old = gearRecord({ name: 'Old shoes', retired: true, startDistanceMeters: 800_000 });
  const activities = [
    activityRecord({
      gearId: shoes.id,
      distanceMeters: 10_000,
      elapsedSeconds: 3000,
      movingSeconds: 2900,
      start: 1000,
    }),
    activityRecord({ gearId: shoes.id, distanceMeters: 5000, elapsedSeconds: 1500, start: 5000 }),
    activityRecord({ gearId: bike.id, distanceMeters: 40_000, elapsedSeconds: 5400, start: 3000 }),
    activityRecord({ distanceMeters: 7000 }),
  ];

  it('adds the starting distance, counts time, and lists retired gear last', () => {
    expect(gear.gearTotals([old, shoes, bike], activities)).toEqual([
      {
        gearId: shoes.id,
        name: 'Pegasus',
        retired: false,
        count: 2,
        distanceMeters: 135_000,
        movingSeconds: 4400,
        elapsedSeconds: 4500,
        lastUsed: 5000,
      },
      {
        gearId: bike.id,
        name: 'Trek',
        retired: false,
        count: 1,
        distanceMeters: 40_000,
        movingSeconds: 5400,
        elapsedSeconds: 5400,
        lastUsed: 3000,
      },
      {
        gearId: old.id,
        name: 'Old shoes',
        retired: true,
        count: 0,
        distanceMeters: 800_000,
        movingSeconds: 0,
        elapsedSeconds: 0,
      },
    ]);
  });
});

describe('defaults per sport', () => {
  const road = gearRecord({ name: 'Road shoes', defaultFor: ['running'] });
  const trail = gearRecord({ name: 'Trail shoes', defaultFor: ['hiking'] });
  const retired = gearRecord({
    name: 'Retired bike',
    kind: 'bike',
    retired: true,
    defaultFor: ['cycling'],
  });

  it.each([
    ['running', 'Road shoes'],
    ['hiking', 'Trail shoes'],
    ['walking', undefined],
    ['cycling', undefined],
  ])('%s → %s', (sport, expected) => {
    expect(gear.defaultGearFor(sport, [road, trail, retired])?.name).toBe(expected);
  });

  it('falls back to a default set for the whole family', () => {
    const walker = gearRecord({ name: 'Boots', defaultFor: ['walking'] });
    expect(gear.defaultGearFor('walking', [walker])?.name).toBe('Boots');
    const family = gearRecord({ name: 'Any bike', kind: 'bike', defaultFor: ['cycling'] });
    expect(gear.defaultGearFor('e_biking', [family])?.name).toBe('Any bike');
  });

  it('setDefault moves a sport from one gear to another', () => {
    expect(gear.setDefault([road, trail], trail.id, 'running')).toEqual([
      { id: road.id, patch: { defaultFor: [] } },
      { id: trail.id, patch: { defaultFor: ['hiking', 'running'] } },
    ]);
    expect(gear.setDefault([road], road.id, 'running')).toEqual([]);
  });
});

describe('assignGear', () => {
  const imported = (sport: string, gearName?: string): Imported => ({
    status: 'imported',
    file: 'export.zip',
    id: activityRecord().id,
    input: { sport, start: 0, elapsedSeconds: 60 },
    warnings: [],
    ...(gearName ? { gearName } : {}),
  });

  it('matches named gear by name, creates unknown names once, and defaults the rest', () => {
    const existing = gearRecord({ name: 'Pegasus 40' });
    const road = gearRecord({ name: 'Road bike', kind: 'bike', defaultFor: ['cycling'] });
    const ids = testIds(5);
    const result = gear.assignGear(
      [
        imported('running', 'pegasus 40 '),
        imported('cycling', 'Trek Domane'),
        imported('cycling', 'TREK DOMANE'),
        imported('cycling'),
        imported('swimming'),
      ],
      [existing, road],
      ids,
    );
    expect(result.create.map((c) => c.input)).toEqual([{ name: 'Trek Domane', kind: 'bike' }]);
    const created = result.create[0]!.id;
    expect(created).not.toBe(existing.id);
    expect(result.imported.map((i) => i.input.gearId)).toEqual([
      existing.id,
      created,
      created,
      road.id,
      undefined,
    ]);
  });
});
