// The same workout from several sources (the watch's FIT, Strava's copy, a manual entry).
// tracekit buckets by calendar date in a hard-coded US/Eastern zone and by rounded distance, so
// it misses late-evening workouts and never matches activities without distance. Here, in
// absolute time:
// - Time: the spans [start, start + elapsed] overlap by at least `minOverlap` of the shorter
//   one, or the starts lie within `startTolerance` of each other and the spans touch (a record
//   with no duration, a manual entry typed a minute off). Back-to-back workouts only touch at an
//   instant, so they never match.
// - Distance: when both have one, they agree within `distanceTolerance` of the longer; the
//   sport is then not compared (the person may have retyped it). When either lacks a distance
//   (swims, strength, indoor rows), the sports must be of one family.
// Matches are suggestions: nothing is merged until the person says so, and a dismissed pair
// (an activityMatchDismissals record) is never suggested again.
import type { NewRecord, Patch } from '../collection.ts';
import type { RecordOf } from '../collections.ts';
import * as sports from './sports.ts';

type Activity = RecordOf<'activities'>;
type Dismissal = Pick<RecordOf<'activityMatchDismissals'>, 'activityIds'>;

export interface MatchOptions {
  /** Share of the shorter activity's span that must overlap the other's (0–1). */
  minOverlap?: number;
  /** Starts this close (ms) match even when a duration is missing or wrong. */
  startTolerance?: number;
  /** Distances agree when they differ by at most this share of the longer (0–1). */
  distanceTolerance?: number;
}

export const defaultMatchOptions: Required<MatchOptions> = {
  minOverlap: 0.5,
  startTolerance: 120_000,
  distanceTolerance: 0.1,
};

export interface MatchSuggestion {
  /** The earlier-starting activity of the pair (on a tie, the smaller id), then the other. */
  a: string;
  b: string;
  /** 0–1, higher is surer; suggestions come best first. */
  score: number;
  /** Overlap as a share of the shorter span (0 when a span is empty). */
  overlap: number;
  startDeltaSeconds: number;
  /** |Δdistance| / longer distance, when both have one. */
  distanceDifference?: number;
}

type Matchable = Pick<Activity, 'id' | 'sport' | 'start' | 'elapsedSeconds' | 'distanceMeters'>;

/** Whether two activities are the same workout, and how sure that is; undefined if not. */
export function compare(
  a: Matchable,
  b: Matchable,
  options: MatchOptions = {},
): MatchSuggestion | undefined {
  const o = { ...defaultMatchOptions, ...options };
  if (a.id === b.id) return undefined;
  const [first, second] =
    a.start < b.start || (a.start === b.start && a.id < b.id) ? [a, b] : [b, a];
  const durationA = first.elapsedSeconds * 1000;
  const durationB = second.elapsedSeconds * 1000;
  const overlapMs = Math.min(first.start + durationA, second.start + durationB) - second.start;
  const shorter = Math.min(durationA, durationB);
  const overlap = shorter > 0 ? Math.max(0, overlapMs) / shorter : 0;
  const startDelta = second.start - first.start;
  const byOverlap = shorter > 0 && overlap >= o.minOverlap;
  const byStart = startDelta <= o.startTolerance && (overlapMs > 0 || shorter === 0);
  if (!byOverlap && !byStart) return undefined;

  const da = first.distanceMeters ?? 0;
  const db = second.distanceMeters ?? 0;
  let distanceDifference: number | undefined;
  if (da > 0 && db > 0) {
    distanceDifference = Math.abs(da - db) / Math.max(da, db);
    if (distanceDifference > o.distanceTolerance) return undefined;
  } else if (!sports.compatible(first.sport, second.sport)) {
    return undefined;
  }

  const timeScore = byOverlap ? overlap : 1 - startDelta / (o.startTolerance + 1);
  const distanceScore = distanceDifference === undefined ? 0.9 : 1 - distanceDifference;
  const suggestion: MatchSuggestion = {
    a: first.id,
    b: second.id,
    score: Math.round(timeScore * distanceScore * 1000) / 1000,
    overlap: Math.round(overlap * 1000) / 1000,
    startDeltaSeconds: startDelta / 1000,
  };
  if (distanceDifference !== undefined) {
    suggestion.distanceDifference = Math.round(distanceDifference * 1000) / 1000;
  }
  return suggestion;
}

/** Every pair that looks like one workout and was not dismissed, best first. */
export function suggestMatches(
  activities: readonly Matchable[],
  dismissals: readonly Dismissal[] = [],
  options: MatchOptions = {},
): MatchSuggestion[] {
  const o = { ...defaultMatchOptions, ...options };
  const dismissed = new Set(dismissals.map((d) => pairKey(d.activityIds[0], d.activityIds[1])));
  const sorted = [...activities].sort((x, y) => x.start - y.start);
  const out: MatchSuggestion[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i] as Matchable;
    const reach = a.start + Math.max(a.elapsedSeconds * 1000, o.startTolerance);
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j] as Matchable;
      if (b.start > reach) break;
      if (dismissed.has(pairKey(a.id, b.id))) continue;
      const match = compare(a, b, o);
      if (match) out.push(match);
    }
  }
  return out.sort((x, y) => y.score - x.score || x.a.localeCompare(y.a));
}

/** The record that remembers "these two are not the same workout". */
export function dismissal(
  a: string,
  b: string,
  dismissedAt: number,
): NewRecord<'activityMatchDismissals'> {
  return { activityIds: a < b ? [a, b] : [b, a], dismissedAt };
}

export function isDismissed(dismissals: readonly Dismissal[], a: string, b: string): boolean {
  const key = pairKey(a, b);
  return dismissals.some((d) => pairKey(d.activityIds[0], d.activityIds[1]) === key);
}

// ---- Merging ----

export const mergeFields = [
  'name',
  'sport',
  'start',
  'elapsedSeconds',
  'movingSeconds',
  'distanceMeters',
  'elevationGainMeters',
  'maxElevationMeters',
  'avgHeartRate',
  'maxHeartRate',
  'avgPowerWatts',
  'avgCadence',
  'calories',
  'avgTemperatureC',
  'maxSpeedMetersPerSecond',
  'laps',
  'device',
  'gearId',
] as const;
export type MergeField = (typeof mergeFields)[number];
export type Side = 'keep' | 'other';
export type MergeChoices = Partial<Record<MergeField, Side>>;

/** Which source is the better witness of what happened: the device's own file first. */
const kindRank: Record<string, number> = {
  fit: 5,
  tcx: 4,
  gpx: 3,
  garmin: 2,
  strava: 1,
  manual: 0,
};
/** Whose words (name, notes) are the person's own rather than a device default. */
const personal = new Set(['strava', 'garmin', 'manual']);

/**
 * Where each field comes from by default: measurements from the record with the better
 * source (a FIT beats Strava's copy, which beats a manual entry), falling back to whichever has
 * a value; the name from a source the person typed it into; the gear from the kept record.
 */
export function defaultChoices(keep: Activity, other: Activity): Record<MergeField, Side> {
  const device: Side = rank(other) > rank(keep) ? 'other' : 'keep';
  const choices = {} as Record<MergeField, Side>;
  for (const field of mergeFields) {
    const preferred = field === 'gearId' ? 'keep' : device;
    const fallback: Side = preferred === 'keep' ? 'other' : 'keep';
    choices[field] =
      pick(preferred === 'keep' ? keep : other, field) === undefined ? fallback : preferred;
  }
  const named = (a: Activity): boolean =>
    a.name.trim() !== '' && a.sources.some((s) => personal.has(s.kind));
  choices.name =
    named(other) && !named(keep)
      ? 'other'
      : keep.name.trim() === '' && other.name
        ? 'other'
        : 'keep';
  if ((choices.sport === 'keep' ? keep : other).sport === 'other') {
    choices.sport = choices.sport === 'keep' ? 'other' : 'keep';
  }
  return choices;
}

export interface MergePlan {
  /** Update this record with `patch`… */
  id: string;
  patch: Patch<'activities'>;
  /** …and remove this one. */
  removeId: string;
}

/**
 * One record with both records' sources and, field by field, the value from the side chosen
 * (the defaults above, overridden by `choices`). Notes are kept from both.
 */
export function mergeActivities(
  keep: Activity,
  other: Activity,
  choices: MergeChoices = {},
): MergePlan {
  const chosen = { ...defaultChoices(keep, other), ...choices };
  const patch: Record<string, unknown> = {};
  const set = (field: keyof Activity, value: unknown): void => {
    const current = keep[field] === '' ? undefined : keep[field];
    if (JSON.stringify(current) !== JSON.stringify(value)) patch[field] = value;
  };
  for (const field of mergeFields) {
    const from = chosen[field] === 'keep' ? keep : other;
    set(field, pick(from, field));
    if (field === 'sport') set('subSport', from.subSport);
    if (field === 'start') {
      set('timeZone', from.timeZone ?? (from === keep ? other : keep).timeZone);
      set('startIsEstimate', from.startIsEstimate);
    }
  }
  const notes = [keep.notes, other.notes]
    .map((n) => n?.trim())
    .filter((n): n is string => !!n)
    .filter((n, i, all) => all.indexOf(n) === i);
  set('notes', notes.length > 0 ? notes.join('\n\n') : undefined);
  const sources = [...keep.sources];
  for (const source of other.sources) {
    if (!sources.some((s) => JSON.stringify(s) === JSON.stringify(source))) sources.push(source);
  }
  set('sources', sources);
  return { id: keep.id, patch, removeId: other.id };
}

function pick(activity: Activity, field: MergeField): unknown {
  const value = activity[field];
  return typeof value === 'string' && value === '' ? undefined : value;
}

function rank(activity: Activity): number {
  return Math.max(-1, ...activity.sources.map((s) => kindRank[s.kind] ?? 0));
}

function pairKey(a: string | undefined, b: string | undefined): string {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? `${x}|${y}` : `${y}|${x}`;
}
