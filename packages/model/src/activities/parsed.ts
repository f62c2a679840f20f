// What every parser produces: one normalised workout per activity in the file, or one reason
// the whole file was refused. A file is never half-read: either all of its activities come
// back, or none do and the failure says why.
import type { LatLon } from './geo.ts';
import type { Sport } from './sports.ts';

export interface ParsedActivity extends Sport {
  /** Epoch ms, UTC. */
  start: number;
  /**
   * `device-clock`: the file only had time since the device was switched on; `start` was
   * rebuilt from the device's local wall clock in the importing user's zone (see fit.ts).
   */
  startKind: 'utc' | 'device-clock';
  /** An IANA zone when the file told us the local offset (`Etc/GMT-2` for UTC+2). */
  timeZone?: string;
  elapsedSeconds: number;
  movingSeconds?: number;
  distanceMeters?: number;
  elevationGainMeters?: number;
  maxElevationMeters?: number;
  avgHeartRate?: number;
  maxHeartRate?: number;
  avgPowerWatts?: number;
  avgCadence?: number;
  maxSpeedMetersPerSecond?: number;
  calories?: number;
  avgTemperatureC?: number;
  device?: string;
  laps?: number;
  name?: string;
  notes?: string;
  /** Simplified [lat, lon] line for drawing; never stored in the activity record. */
  track?: LatLon[];
}

export const failureReasons = [
  'truncated',
  'corrupt',
  'not-an-activity',
  'no-points',
  'unsupported',
  'unknown-start',
  'too-large',
] as const;
export type FailureReason = (typeof failureReasons)[number];

export interface ParseFailure {
  reason: FailureReason;
  /** For people: names the file part, the field and what was wrong. */
  message: string;
}

export function failure(reason: FailureReason, message: string): ParseFailure {
  return { reason, message };
}

export interface ParseOptions {
  /** The importing user's zone: used only to place a start that has no real clock time. */
  timeZone?: string;
  /** Keep a simplified track on each activity (for users who keep their files). */
  includeTrack?: boolean;
  /** Keep FIT multisport transitions as activities of their own (default: dropped). */
  keepTransitions?: boolean;
}

/** Rounds measured values to what a device can really tell, so records stay small and stable. */
export function tidy(activity: ParsedActivity): ParsedActivity {
  const out: ParsedActivity = { ...activity };
  const round = (value: number | undefined, decimals: number): number | undefined => {
    if (value === undefined || !Number.isFinite(value)) return undefined;
    const f = 10 ** decimals;
    return Math.round(value * f) / f;
  };
  out.elapsedSeconds = round(Math.max(0, activity.elapsedSeconds), 3) ?? 0;
  out.movingSeconds = round(activity.movingSeconds, 3);
  out.distanceMeters = positive(round(activity.distanceMeters, 2));
  out.elevationGainMeters = round(activity.elevationGainMeters, 1);
  out.maxElevationMeters = round(activity.maxElevationMeters, 1);
  out.avgHeartRate = positive(round(activity.avgHeartRate, 0));
  out.maxHeartRate = positive(round(activity.maxHeartRate, 0));
  out.avgPowerWatts = positive(round(activity.avgPowerWatts, 0));
  out.avgCadence = positive(round(activity.avgCadence, 1));
  out.maxSpeedMetersPerSecond = positive(round(activity.maxSpeedMetersPerSecond, 3));
  out.calories = positive(round(activity.calories, 0));
  out.avgTemperatureC = round(activity.avgTemperatureC, 1);
  for (const key of Object.keys(out) as (keyof ParsedActivity)[]) {
    if (out[key] === undefined) delete out[key];
  }
  return out;
}

// A distance, heart rate or calorie count of zero means "not measured" (an indoor row with no
// distance, a watch with no strap), so it is left out rather than stored as a real zero.
function positive(value: number | undefined): number | undefined {
  return value !== undefined && value > 0 ? value : undefined;
}
