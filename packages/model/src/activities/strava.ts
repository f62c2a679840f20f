// Strava's "download your data" archive: `activities.csv` plus the original uploads under
// `activities/` (FIT, GPX, TCX, often gzipped). The CSV carries what only Strava knows — the
// name, the type the person chose, the description, the gear — and is joined to each file by
// its `Filename` column. Its header repeats some names: the first `Distance` is in the
// athlete's display unit (km or mi), the second in metres; the second `Elapsed Time` and
// `Max Heart Rate` are the precise ones. Activity Date is UTC, "Oct 7, 2020, 2:43:11 PM".
import Papa from 'papaparse';
import { err, ok, type Result } from '../result.ts';
import { failure, tidy, type ParseFailure, type ParsedActivity } from './parsed.ts';
import * as sports from './sports.ts';
import * as times from './times.ts';

export interface StravaRow {
  /** 1-based line in the CSV, for messages. */
  line: number;
  activityId: string;
  start?: number;
  name?: string;
  type?: string;
  description?: string;
  privateNote?: string;
  gear?: string;
  /** As written in the CSV, relative to the CSV's folder: `activities/123.fit.gz`. */
  fileName?: string;
  elapsedSeconds?: number;
  movingSeconds?: number;
  distanceMeters?: number;
  elevationGainMeters?: number;
  avgHeartRate?: number;
  maxHeartRate?: number;
  avgPowerWatts?: number;
  avgCadence?: number;
  calories?: number;
  avgTemperatureC?: number;
  maxSpeedMetersPerSecond?: number;
}

/** Whether a CSV header is Strava's activities.csv. */
export function isActivitiesCsv(text: string): boolean {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return header.includes('Activity ID') && header.includes('Filename');
}

export function parseActivitiesCsv(text: string): Result<StravaRow[], string> {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    header: false,
    skipEmptyLines: 'greedy',
  });
  const [header, ...rows] = parsed.data;
  if (!header) return err('activities.csv is empty.');
  const columns = new Map<string, number[]>();
  header.forEach((name, index) => {
    const key = name.trim();
    columns.set(key, [...(columns.get(key) ?? []), index]);
  });
  if (!columns.has('Activity ID')) return err('activities.csv has no "Activity ID" column.');
  const first = (row: string[], name: string): string | undefined =>
    cell(row, columns.get(name)?.[0]);
  const last = (row: string[], name: string): string | undefined =>
    cell(row, columns.get(name)?.at(-1));
  const distanceColumns = columns.get('Distance')?.length ?? 0;

  const out: StravaRow[] = [];
  for (const [index, row] of rows.entries()) {
    const activityId = first(row, 'Activity ID');
    if (!activityId) continue;
    const type = first(row, 'Activity Type');
    let distanceMeters = numberOf(last(row, 'Distance'));
    if (distanceColumns === 1 && distanceMeters !== undefined) {
      // Only the display-unit column: kilometres, except swims, which Strava gives in metres.
      if (sports.familyOf(sports.fromName(type).sport) !== 'swimming') distanceMeters *= 1000;
    }
    out.push({
      line: index + 2,
      activityId,
      start: parseDate(first(row, 'Activity Date')),
      name: first(row, 'Activity Name'),
      type,
      description: first(row, 'Activity Description'),
      privateNote: first(row, 'Activity Private Note'),
      gear: first(row, 'Activity Gear'),
      fileName: first(row, 'Filename'),
      elapsedSeconds: numberOf(last(row, 'Elapsed Time')),
      movingSeconds: numberOf(first(row, 'Moving Time')),
      distanceMeters,
      elevationGainMeters: numberOf(first(row, 'Elevation Gain')),
      avgHeartRate: numberOf(first(row, 'Average Heart Rate')),
      maxHeartRate: numberOf(last(row, 'Max Heart Rate')),
      avgPowerWatts: numberOf(first(row, 'Average Watts')),
      avgCadence: numberOf(first(row, 'Average Cadence')),
      calories: numberOf(first(row, 'Calories')),
      avgTemperatureC: numberOf(first(row, 'Average Temperature')),
      maxSpeedMetersPerSecond: numberOf(first(row, 'Max Speed')),
    });
  }
  return ok(out);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const STRAVA_DATE_RE =
  /^([A-Za-z]{3})[A-Za-z]*\.? (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?$/i;

/** "Oct 7, 2020, 2:43:11 PM" (UTC) or ISO 8601; undefined for anything else. */
export function parseDate(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const m = STRAVA_DATE_RE.exec(text.trim());
  if (!m) return times.parseIso(text)?.instant;
  const month = MONTHS.indexOf((m[1] ?? '').toLowerCase());
  if (month < 0) return undefined;
  let hour = Number(m[4]);
  const meridiem = m[7]?.toUpperCase();
  if (meridiem === 'PM' && hour < 12) hour += 12;
  if (meridiem === 'AM' && hour === 12) hour = 0;
  if (hour > 23) return undefined;
  return Date.UTC(Number(m[3]), month, Number(m[2]), hour, Number(m[5]), Number(m[6] ?? 0));
}

/**
 * What the CSV adds to a workout read from its file. The type the person chose wins, except
 * that a plain type the file already agrees with ("Ride" for a FIT's `cycling/commuting`)
 * keeps the file's more precise sub-sport.
 */
export function enrich(activity: ParsedActivity, row: StravaRow): ParsedActivity {
  const out: ParsedActivity = { ...activity };
  if (row.name) out.name = row.name;
  if (row.type) {
    const chosen = sports.fromName(row.type);
    if (chosen.sport !== activity.sport || chosen.subSport) {
      out.sport = chosen.sport;
      if (chosen.subSport) out.subSport = chosen.subSport;
      else delete out.subSport;
    }
  }
  const notes = notesOf(row);
  if (notes) out.notes = notes;
  return out;
}

/** A workout from its CSV row alone: a manual entry, or a row whose file is missing. */
export function rowToActivity(row: StravaRow): Result<ParsedActivity, ParseFailure> {
  const where = `activities.csv line ${row.line} (activity ${row.activityId})`;
  if (row.start === undefined) {
    return err(failure('unknown-start', `${where}: the Activity Date is missing or unreadable.`));
  }
  if (row.elapsedSeconds === undefined) {
    return err(failure('no-points', `${where}: the Elapsed Time is missing.`));
  }
  const activity: ParsedActivity = {
    ...sports.fromName(row.type),
    start: row.start,
    startKind: 'utc',
    elapsedSeconds: row.elapsedSeconds,
    movingSeconds: row.movingSeconds,
    distanceMeters: row.distanceMeters,
    elevationGainMeters: row.elevationGainMeters,
    avgHeartRate: row.avgHeartRate,
    maxHeartRate: row.maxHeartRate,
    avgPowerWatts: row.avgPowerWatts,
    avgCadence: row.avgCadence,
    calories: row.calories,
    avgTemperatureC: row.avgTemperatureC,
    maxSpeedMetersPerSecond: row.maxSpeedMetersPerSecond,
    name: row.name,
    notes: notesOf(row),
  };
  return ok(tidy(activity));
}

function notesOf(row: StravaRow): string | undefined {
  const parts = [row.description, row.privateNote].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

function cell(row: string[], index: number | undefined): string | undefined {
  if (index === undefined) return undefined;
  const value = row[index]?.trim();
  return value ? value : undefined;
}

function numberOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text.replace(/,/g, ''));
  return Number.isFinite(n) ? n : undefined;
}
