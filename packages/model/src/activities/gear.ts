// Gear: how far each pair of shoes or bike has gone (including what it had done before Tally
// saw it), which gear a new import gets by default, and turning the gear names an export
// carries (Strava's "Activity Gear") into gear records.
import type { NewRecord, Patch } from '../collection.ts';
import type { RecordOf } from '../collections.ts';
import type { Ids } from '../ids.ts';
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
 * Gives imported workouts their gear: the gear the source named (matched by name, ignoring
 * case; created when unknown, once per name), else the default for the sport. Gear ids come
 * from `ids` (small document, so no seed time).
 */
export function assignGear(
  imported: readonly Imported[],
  gear: readonly Gear[],
  ids: Ids,
): GearAssignment {
  const byName = new Map<string, string>();
  for (const g of gear) byName.set(key(g.name), g.id);
  const create: GearAssignment['create'] = [];
  const out = imported.map((item) => {
    let gearId = item.input.gearId;
    if (!gearId && item.gearName?.trim()) {
      const name = item.gearName.trim().slice(0, 200);
      gearId = byName.get(key(name));
      if (!gearId) {
        gearId = ids.next();
        byName.set(key(name), gearId);
        create.push({ id: gearId, input: { name, kind: kindFor(item.input.sport) } });
      }
    }
    gearId ??= defaultGearFor(item.input.sport, gear)?.id;
    return gearId ? { ...item, input: { ...item.input, gearId } } : item;
  });
  return { create, imported: out };
}

function key(name: string): string {
  return name.trim().toLowerCase();
}
