// Garmin Connect's "export your data" archive. Its activity files are the original uploads,
// FIT files in nested zips under DI_CONNECT/DI-Connect-Uploaded-Files (older exports:
// DI-Connect-Fitness-Uploaded-Files), named by upload id, not activity id. Names and ids live
// in `*_summarizedActivities.json` under DI-Connect-Fitness, which is joined to the files by
// start time. Its units: distance and elevation in centimetres, durations in milliseconds,
// times in epoch ms. A multisport outing is a parent summary plus one per leg; the parent is
// skipped, as the FIT reader gives the legs.
import { err, ok, type Result } from '../result.ts';
import { failure, tidy, type ParseFailure, type ParsedActivity } from './parsed.ts';
import * as sports from './sports.ts';

/** Start times within this many ms are the same workout (the FIT's session vs the summary). */
export const JOIN_TOLERANCE_MS = 5_000;

export interface GarminSummary {
  activityId: string;
  name?: string;
  sport: sports.Sport;
  start?: number;
  elapsedSeconds?: number;
  movingSeconds?: number;
  distanceMeters?: number;
  elevationGainMeters?: number;
  avgHeartRate?: number;
  maxHeartRate?: number;
  avgPowerWatts?: number;
  /** A multisport parent: its legs are imported instead. */
  parent: boolean;
}

export function isExport(paths: readonly string[]): boolean {
  return paths.some((p) => /(^|\/)DI_CONNECT\//.test(p) || /DI-Connect-/.test(p));
}

export function isSummaryFile(path: string): boolean {
  return /summarizedActivities\.json$/i.test(path);
}

export function parseSummaries(text: string): Result<GarminSummary[], string> {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return err(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  // Normally [{ summarizedActivitiesExport: [...] }]; a bare list is accepted too.
  const blocks: unknown[] = Array.isArray(data) ? data : [data];
  const entries: Record<string, unknown>[] = [];
  for (const block of blocks) {
    if (!isObject(block)) continue;
    const list = block.summarizedActivitiesExport;
    if (Array.isArray(list)) entries.push(...list.filter(isObject));
    else if (block.activityId !== undefined) entries.push(block);
  }
  const out: GarminSummary[] = [];
  for (const e of entries) {
    const id = e.activityId;
    if (typeof id !== 'string' && typeof id !== 'number') continue;
    const type = typeof e.activityType === 'string' ? e.activityType : undefined;
    out.push({
      activityId: String(id),
      name: typeof e.name === 'string' && e.name.trim() ? e.name.trim() : undefined,
      sport: sports.fromName(type),
      start: num(e.startTimeGmt) ?? num(e.beginTimestamp),
      elapsedSeconds: scaled(e.elapsedDuration, 1000) ?? scaled(e.duration, 1000),
      movingSeconds: scaled(e.movingDuration, 1000),
      distanceMeters: scaled(e.distance, 100),
      elevationGainMeters: scaled(e.elevationGain, 100),
      avgHeartRate: num(e.avgHr),
      maxHeartRate: num(e.maxHr),
      avgPowerWatts: num(e.avgPower),
      parent: e.parent === true || type === 'multi_sport' || e.sportType === 'MULTISPORT',
    });
  }
  return ok(out);
}

/** The summary for a workout read from a FIT file: same start, compatible sport. */
export function findSummary(
  summaries: readonly GarminSummary[],
  activity: ParsedActivity,
  used: ReadonlySet<string>,
): GarminSummary | undefined {
  let best: GarminSummary | undefined;
  let bestDelta = Infinity;
  for (const s of summaries) {
    if (s.parent || s.start === undefined || used.has(s.activityId)) continue;
    const delta = Math.abs(s.start - activity.start);
    if (
      delta <= JOIN_TOLERANCE_MS &&
      delta < bestDelta &&
      sports.compatible(s.sport.sport, activity.sport)
    ) {
      best = s;
      bestDelta = delta;
    }
  }
  return best;
}

/** A workout from its summary alone (no uploaded file: a manual entry, or a synced one). */
export function summaryToActivity(summary: GarminSummary): Result<ParsedActivity, ParseFailure> {
  const where = `Garmin activity ${summary.activityId}`;
  if (summary.start === undefined) {
    return err(failure('unknown-start', `${where} has no start time in the summary.`));
  }
  if (summary.elapsedSeconds === undefined) {
    return err(failure('no-points', `${where} has no duration in the summary.`));
  }
  return ok(
    tidy({
      ...summary.sport,
      start: summary.start,
      startKind: 'utc',
      elapsedSeconds: summary.elapsedSeconds,
      movingSeconds: summary.movingSeconds,
      distanceMeters: summary.distanceMeters,
      elevationGainMeters: summary.elevationGainMeters,
      avgHeartRate: summary.avgHeartRate,
      maxHeartRate: summary.maxHeartRate,
      avgPowerWatts: summary.avgPowerWatts,
      name: summary.name,
    }),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function scaled(value: unknown, divisor: number): number | undefined {
  const n = num(value);
  return n === undefined ? undefined : n / divisor;
}
