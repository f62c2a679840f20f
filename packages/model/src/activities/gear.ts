// Gear: how far each pair of shoes or bike has gone (including what it had done before Tally
// saw it), which gear a new import gets by default, and turning the gear names an export
// carries (Strava's "Activity Gear") into gear records.
import type { NewRecord, Patch } from '../collection.ts';
import type { RecordOf } from '../collections.ts';
import * as hash from './hash.ts';
import type { Imported } from './importer.ts';
import * as sports from './sports.ts';

type Activity = RecordOf<'activities'>;
type Gear = RecordOf<'gear'>;

export interface GearTotals {
  gearId: string;
  name: string;
  retired: boolean;
  count: number;
  /** Starting distance plus every activity's distance. */
  distanceMeters: number;
  movingSeconds: number;
  elapsedSeconds: number;
  /** Epoch ms of the latest activity with this gear. */
  lastUsed?: number;
}

/** Totals for every gear record, active gear first, then by distance. */
export function gearTotals(gear: readonly Gear[], activities: readonly Activity[]): GearTotals[] {
  const byId = new Map<string, GearTotals>();
  for (const g of gear) {
    byId.set(g.id, {
      gearId: g.id,
      name: g.name,
      retired: g.retired,
      count: 0,
      distanceMeters: g.startDistanceMeters,
      movingSeconds: 0,
      elapsedSeconds: 0,
    });
  }
  for (const a of activities) {
    const t = a.gearId ? byId.get(a.gearId) : undefined;
    if (!t) continue;
    t.count++;
    t.distanceMeters += a.distanceMeters ?? 0;
    t.movingSeconds += a.movingSeconds ?? a.elapsedSeconds;
    t.elapsedSeconds += a.elapsedSeconds;
    t.lastUsed = Math.max(t.lastUsed ?? 0, a.start);
  }
  return [...byId.values()].sort(
    (a, b) =>
      Number(a.retired) - Number(b.retired) ||
      b.distanceMeters - a.distanceMeters ||
      a.name.localeCompare(b.name),
  );
}

/**
 * The gear a new workout of `sport` gets: active gear whose `defaultFor` names the sport, else
 * one that names the sport's family (`running` covers a trail run recorded as `running/trail`
 * and a `walking` default covers hiking only if it says `hiking` or the family).
 */
export function defaultGearFor(sport: string, gear: readonly Gear[]): Gear | undefined {
  const active = gear.filter((g) => !g.retired);
  return (
    active.find((g) => g.defaultFor.includes(sport)) ??
    active.find((g) => g.defaultFor.includes(sports.familyOf(sport)))
  );
}

/**
 * Makes `gearId` the default for `sport` and takes that sport off any other gear's defaults:
 * one default per sport. Returns the updates to write.
 */
export function setDefault(
  gear: readonly Gear[],
  gearId: string,
  sport: string,
): { id: string; patch: Patch<'gear'> }[] {
  const out: { id: string; patch: Patch<'gear'> }[] = [];
  for (const g of gear) {
    if (g.id === gearId && !g.defaultFor.includes(sport)) {
      out.push({ id: g.id, patch: { defaultFor: [...g.defaultFor, sport] } });
    } else if (g.id !== gearId && g.defaultFor.includes(sport)) {
      out.push({ id: g.id, patch: { defaultFor: g.defaultFor.filter((s) => s !== sport) } });
    }
  }
  return out;
}

/** The gear kind a named piece of gear most likely is, from the sport it was used for. */
export function kindFor(sport: string): 'shoes' | 'bike' | 'other' {
  const family = sports.familyOf(sport);
  if (family === 'running' || family === 'walking') return 'shoes';
  if (family === 'cycling') return 'bike';
  return 'other';
}

export interface GearAssignment {
  /** Gear records to create first (names an export used that no gear has yet). */
  create: { id: string; input: NewRecord<'gear'> }[];
  /** The imported workouts with `gearId` filled in where one applies. */
  imported: Imported[];
}

/**
 * The time inside every name-derived gear id. Gear lives in a small document, so the time
 * places nothing; fixing it keeps the id a function of the name alone.
 */
export const NAMED_GEAR_TIME = 0;

/**
 * The id of gear created from a name an export carries: the same on every device and every
 * run (a hash of the name, ignoring case and surrounding spaces), so importing one Strava
 * archive twice, or on two devices that sync, makes one gear record rather than two.
 */
export async function gearIdFor(name: string): Promise<string> {
  return hash.contentId(NAMED_GEAR_TIME, await hash.sha256Hex(`gear\u0000${key(name)}`));
}

/**
 * Gives imported workouts their gear: the gear the source named — matched by name (ignoring
 * case), else by the id that name derives (the gear an earlier import created and the person
 * renamed since), else created under that derived id, once per name — and otherwise the
 * default gear for the sport.
 */
export async function assignGear(
  imported: readonly Imported[],
  gear: readonly Gear[],
): Promise<GearAssignment> {
  const byName = new Map<string, string>();
  for (const g of gear) byName.set(key(g.name), g.id);
  const ids = new Set(gear.map((g) => g.id));
  const create: GearAssignment['create'] = [];
  const out: Imported[] = [];
  for (const item of imported) {
    let gearId = item.input.gearId;
    if (!gearId && item.gearName?.trim()) {
      const name = item.gearName.trim().slice(0, 200);
      gearId = byName.get(key(name));
      if (!gearId) {
        gearId = await gearIdFor(name);
        byName.set(key(name), gearId);
        if (!ids.has(gearId)) {
          ids.add(gearId);
          create.push({ id: gearId, input: { name, kind: kindFor(item.input.sport) } });
        }
      }
    }
    gearId ??= defaultGearFor(item.input.sport, gear)?.id;
    out.push(gearId ? { ...item, input: { ...item.input, gearId } } : item);
  }
  return { create, imported: out };
}

function key(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * Gear records that share a name (ignoring case and surrounding spaces) — what imports made
 * before gear ids came from names left behind — in groups of two or more, each sorted by id.
 * The first of a group is the one to keep: a name-derived id sorts first (its time is 0), and
 * any other device choosing among the same records chooses the same one.
 */
export function duplicateGroups(gear: readonly Gear[]): Gear[][] {
  const byName = new Map<string, Gear[]>();
  for (const g of gear) {
    const k = key(g.name);
    byName.set(k, [...(byName.get(k) ?? []), g]);
  }
  return [...byName.values()]
    .filter((group) => group.length > 1)
    .map((group) => [...group].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}

export interface GearMerge {
  keepId: string;
  /** What the kept record takes from the others: their sports, brand, model, distance before. */
  keepPatch: Patch<'gear'>;
  removeIds: string[];
  /** Workouts that used one of the removed records and now use the kept one. */
  activityIds: string[];
}

/**
 * Makes one record of a group of duplicates (see duplicateGroups): the first is kept and its
 * workouts are all of theirs. It stays in use unless every one of them was retired.
 */
export function mergeDuplicates(
  group: readonly Gear[],
  activities: readonly Activity[],
): GearMerge {
  const [keep, ...others] = group;
  if (!keep) throw new RangeError('mergeDuplicates needs at least one gear record');
  const removeIds = others.map((g) => g.id);
  const removed = new Set(removeIds);
  const patch: Patch<'gear'> = {};
  const defaults = [...new Set(group.flatMap((g) => g.defaultFor))];
  if (defaults.length !== keep.defaultFor.length) patch.defaultFor = defaults;
  const brand = keep.brand ?? others.find((g) => g.brand)?.brand;
  if (brand !== keep.brand) patch.brand = brand;
  const model = keep.model ?? others.find((g) => g.model)?.model;
  if (model !== keep.model) patch.model = model;
  // The same shoes counted twice: the distance they had before is the larger, not the sum.
  const startDistance = Math.max(...group.map((g) => g.startDistanceMeters));
  if (startDistance !== keep.startDistanceMeters) patch.startDistanceMeters = startDistance;
  const retired = group.every((g) => g.retired);
  if (retired !== keep.retired) patch.retired = retired;
  return {
    keepId: keep.id,
    keepPatch: patch,
    removeIds,
    activityIds: activities.filter((a) => a.gearId && removed.has(a.gearId)).map((a) => a.id),
  };
}
