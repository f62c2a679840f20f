import { describe, expect, it } from 'vitest';
import { isId, timeOf } from '../ids.ts';
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

  it('matches named gear by name, creates unknown names once, and defaults the rest', async () => {
    const existing = gearRecord({ name: 'Pegasus 40' });
    const road = gearRecord({ name: 'Road bike', kind: 'bike', defaultFor: ['cycling'] });
    const result = await gear.assignGear(
      [
        imported('running', 'pegasus 40 '),
        imported('cycling', 'Trek Domane'),
        imported('cycling', 'TREK DOMANE'),
        imported('cycling'),
        imported('swimming'),
      ],
      [existing, road],
    );
    expect(result.create.map((c) => c.input)).toEqual([{ name: 'Trek Domane', kind: 'bike' }]);
    const created = result.create[0]!.id;
    expect(created).toBe(await gear.gearIdFor('Trek Domane'));
    expect(created).not.toBe(existing.id);
    expect(result.imported.map((i) => i.input.gearId)).toEqual([
      existing.id,
      created,
      created,
      road.id,
      undefined,
    ]);
  });

  it('derives the same id from a name on every run and device, whatever its case or spaces', async () => {
    const first = await gear.assignGear([imported('running', 'Race flats')], []);
    const again = await gear.assignGear([imported('running', ' race FLATS')], []);
    const id = first.create[0]!.id;
    expect(again.create[0]!.id).toBe(id);
    expect(isId(id)).toBe(true);
    expect(timeOf(id)).toBe(gear.NAMED_GEAR_TIME);
    expect(await gear.gearIdFor('Race flats 2')).not.toBe(id);
  });

  it('finds gear an earlier import created and the person renamed, instead of creating it again', async () => {
    const renamed = gearRecord({ id: await gear.gearIdFor('Race flats'), name: 'Vaporfly (red)' });
    const result = await gear.assignGear([imported('running', 'Race flats')], [renamed]);
    expect(result.create).toEqual([]);
    expect(result.imported[0]!.input.gearId).toBe(renamed.id);
  });

  it('gives named gear even when it is retired: the workout was done with it', async () => {
    const old = gearRecord({ name: 'Old bike', kind: 'bike', retired: true });
    const road = gearRecord({ name: 'Road bike', kind: 'bike', defaultFor: ['cycling'] });
    const result = await gear.assignGear([imported('cycling', 'Old Bike')], [old, road]);
    expect(result.imported[0]!.input.gearId).toBe(old.id);
  });
});

describe('duplicate gear', () => {
  it('groups gear by name ignoring case and spaces, the name-derived id first', async () => {
    const derived = await gear.gearIdFor('Pegasus 40');
    const a = gearRecord({ id: '01JE0000000000000000000009', name: 'Pegasus 40' });
    const b = gearRecord({ id: derived, name: ' pegasus 40' });
    const c = gearRecord({ id: '01JE0000000000000000000001', name: 'PEGASUS 40' });
    const other = gearRecord({ name: 'Trek' });
    const groups = gear.duplicateGroups([a, other, b, c]);
    expect(groups.map((g) => g.map((x) => x.id))).toEqual([[derived, c.id, a.id]]);
    expect(gear.duplicateGroups([a, other])).toEqual([]);
  });

  it('merges into the first: its workouts, sports, brand and the larger distance before', () => {
    const keep = gearRecord({ id: '01JE0000000000000000000001', name: 'Pegasus 40' });
    const twin = gearRecord({
      id: '01JE0000000000000000000002',
      name: 'pegasus 40',
      brand: 'Nike',
      startDistanceMeters: 50_000,
      defaultFor: ['running'],
    });
    const mine = activityRecord({ gearId: keep.id });
    const theirs = activityRecord({ gearId: twin.id });
    const none = activityRecord({});
    const merge = gear.mergeDuplicates([keep, twin], [mine, theirs, none]);
    expect(merge).toEqual({
      keepId: keep.id,
      keepPatch: { defaultFor: ['running'], brand: 'Nike', startDistanceMeters: 50_000 },
      removeIds: [twin.id],
      activityIds: [theirs.id],
    });
  });

  it.each([
    [[true, true], true],
    [[true, false], false],
    [[false, true], false],
    [[false, false], false],
  ])('retired %j: the merged gear is retired only if all were (%s)', (flags, retired) => {
    const group = flags.map((r, i) =>
      gearRecord({ id: `01JE000000000000000000000${i + 1}`, name: 'Old bike', retired: r }),
    );
    const merge = gear.mergeDuplicates(group, []);
    expect({ ...group[0]!, ...merge.keepPatch }.retired).toBe(retired);
  });
});
