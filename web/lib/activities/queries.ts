// The reads the activities screens make over the projection tables. Gear, kept-file records and
// dismissals are few and read whole; activities grow with every workout and are read through
// the `start`, `[sport+start]` and `gearId` indexes, a window or a page at a time.
import * as dates from '@tally/model/dates';
import * as list from '@tally/model/activities/list';
import type { TallyDB } from '../store/schema.ts';
import {
  asRecord,
  asRecords,
  type Activity,
  type Gear,
  type MatchDismissal,
  type SourceFile,
} from './types.ts';

const HOUR = 3_600_000;
/**
 * A workout counts on the day where it happened (its own zone when known), which can be up to
 * 26 hours away from the user's zone (UTC+14 against UTC−12): index ranges built from the user's
 * days reach that far on each side, and the exact day test runs on the rows.
 */
export const ZONE_MARGIN_MS = 26 * HOUR;

/** Instants that surely contain every workout counted on the local days `from`…`to`. */
export function dayRange(
  from: string | undefined,
  to: string | undefined,
  timeZone: string,
): { lo: number; hi: number } {
  return {
    lo: from ? dates.startOfDay(from, timeZone) - ZONE_MARGIN_MS : -Infinity,
    hi: to ? dates.startOfDay(dates.addDays(to, 1), timeZone) + ZONE_MARGIN_MS : Infinity,
  };
}

export interface ListPage {
  rows: Activity[];
  /** More activities match beyond `rows`. */
  more: boolean;
}

/**
 * The newest `limit` activities that pass `filter`, through the index that narrows most: the
 * sport's `[sport+start]`, else the gear's `gearId` (a pair of shoes has hundreds, not tens of
 * thousands), else `start`; the other conditions are tested row by row until the page is full.
 */
export async function listPage(
  db: TallyDB,
  filter: list.ActivityFilter,
  limit: number,
  timeZone: string,
): Promise<ListPage> {
  const { lo, hi } = dayRange(filter.from, filter.to, timeZone);
  const options = { timeZone };
  const passes = (row: unknown): boolean =>
    list.filterActivities([row as Activity], filter, options).length === 1;
  let rows: Activity[];
  if (filter.sport) {
    rows = asRecords<Activity>(
      await db.activities
        .where('[sport+start]')
        .between([filter.sport, lo], [filter.sport, hi], true, true)
        .reverse()
        .filter(passes)
        .limit(limit + 1)
        .toArray(),
    );
  } else if (filter.gearId && filter.gearId !== 'none') {
    const all = asRecords<Activity>(
      await db.activities.where('gearId').equals(filter.gearId).toArray(),
    );
    rows = list.filterActivities(all, filter, options).slice(0, limit + 1);
  } else {
    rows = asRecords<Activity>(
      await db.activities
        .where('start')
        .between(lo, hi, true, true)
        .reverse()
        .filter(passes)
        .limit(limit + 1)
        .toArray(),
    );
  }
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/**
 * Every activity that passes `filter`, newest first (for changing them all at once), through
 * the same indexes as `listPage`.
 */
export async function allMatching(
  db: TallyDB,
  filter: list.ActivityFilter,
  timeZone: string,
): Promise<Activity[]> {
  const { lo, hi } = dayRange(filter.from, filter.to, timeZone);
  let rows: Activity[];
  if (filter.sport) {
    rows = asRecords<Activity>(
      await db.activities
        .where('[sport+start]')
        .between([filter.sport, lo], [filter.sport, hi], true, true)
        .reverse()
        .toArray(),
    );
  } else if (filter.gearId && filter.gearId !== 'none') {
    rows = asRecords<Activity>(await db.activities.where('gearId').equals(filter.gearId).toArray());
  } else {
    rows = asRecords<Activity>(
      await db.activities.where('start').between(lo, hi, true, true).reverse().toArray(),
    );
  }
  return list.filterActivities(rows, filter, { timeZone });
}

/** Activities that may count on the local days `from`…`to` (test the day with totals.dayOf). */
export async function activitiesAround(
  db: TallyDB,
  from: string | undefined,
  to: string | undefined,
  timeZone: string,
): Promise<Activity[]> {
  const { lo, hi } = dayRange(from, to, timeZone);
  return asRecords<Activity>(
    await db.activities.where('start').between(lo, hi, true, true).toArray(),
  );
}

/** Activities starting at or after an instant, oldest first. */
export async function activitiesSince(db: TallyDB, since: number): Promise<Activity[]> {
  return asRecords<Activity>(await db.activities.where('start').aboveOrEqual(since).toArray());
}

export async function latestActivity(db: TallyDB): Promise<Activity | undefined> {
  return asRecord<Activity>(await db.activities.orderBy('start').last());
}

export async function activityCount(db: TallyDB): Promise<number> {
  return db.activities.count();
}

/** The sports that occur in the log, for filters. */
export async function sportsInUse(db: TallyDB): Promise<string[]> {
  return (await db.activities.orderBy('sport').uniqueKeys()).map(String);
}

export async function gearList(db: TallyDB): Promise<Gear[]> {
  return asRecords<Gear>(await db.gear.orderBy('name').toArray());
}

/** Activities with any gear (the `gearId` index holds only those). */
export async function activitiesWithGear(db: TallyDB): Promise<Activity[]> {
  return asRecords<Activity>(await db.activities.orderBy('gearId').toArray());
}

export async function sourceFiles(db: TallyDB): Promise<SourceFile[]> {
  return asRecords<SourceFile>(await db.sourceFiles.toArray());
}

export async function dismissals(db: TallyDB): Promise<MatchDismissal[]> {
  return asRecords<MatchDismissal>(await db.activityMatchDismissals.toArray());
}

/** The hashes of the files kept on this device (keys only: the bytes stay on disk). */
export async function keptHashes(db: TallyDB): Promise<Set<string>> {
  return new Set(await db.blobs.toCollection().primaryKeys());
}

/**
 * The importer's `kind:providerId` key (importer.providerKey), written out here so that pages
 * reading the log do not pull the file parsers into the main bundle.
 */
export function providerKey(kind: string, providerId: string): string {
  return `${kind}:${providerId}`;
}

/**
 * The content hashes and provider ids already in the log, for the importer's duplicate check.
 * Read with a cursor, so a log of tens of thousands of workouts is never held whole.
 */
export async function knownKeys(db: TallyDB): Promise<{ hashes: string[]; providerIds: string[] }> {
  const hashes = new Set<string>();
  const providerIds = new Set<string>();
  await db.activities.each((row) => {
    for (const source of (row as unknown as Activity).sources ?? []) {
      if (source.contentHash) hashes.add(source.contentHash);
      if (source.providerId) providerIds.add(providerKey(source.kind, source.providerId));
    }
  });
  return { hashes: [...hashes], providerIds: [...providerIds] };
}
