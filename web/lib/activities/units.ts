// Distances, paces, speeds, heights and temperatures in the user's units (the `units` setting)
// and locale. Pace for sports measured on foot (min/km, min/mi) and in water (per 100 m or
// 100 yd), speed for everything else, as runners, swimmers and cyclists each expect.
import * as sports from '@tally/model/activities/sports';
import { formatClock, type Formatting } from '../app/format.ts';
import type { Units } from './types.ts';

export const METERS_PER_MILE = 1609.344;
export const METERS_PER_FOOT = 0.3048;
const METERS_PER_YARD = 0.9144;

function unit(
  f: Formatting,
  value: number,
  name: string,
  maximumFractionDigits: number,
  minimumFractionDigits = 0,
): string {
  return new Intl.NumberFormat(f.locale, {
    style: 'unit',
    unit: name,
    unitDisplay: 'short',
    maximumFractionDigits,
    minimumFractionDigits,
  }).format(value);
}

/** The unit a person types distances in: km or mi. */
export function distanceUnit(units: Units): 'km' | 'mi' {
  return units === 'imperial' ? 'mi' : 'km';
}

/** Metres as km or miles (the number only, for inputs). */
export function fromMeters(meters: number, units: Units): number {
  return units === 'imperial' ? meters / METERS_PER_MILE : meters / 1000;
}

/** A distance typed in km or miles, as metres. */
export function toMeters(value: number, units: Units): number {
  return units === 'imperial' ? value * METERS_PER_MILE : value * 1000;
}

/** "5.02 km", "850 m", "3.12 mi". */
export function formatDistance(f: Formatting, meters: number, units: Units): string {
  if (units === 'imperial') {
    const miles = meters / METERS_PER_MILE;
    return unit(f, miles, 'mile', miles >= 100 ? 0 : miles >= 10 ? 1 : 2);
  }
  if (meters < 1000) return unit(f, Math.round(meters), 'meter', 0);
  const km = meters / 1000;
  return unit(f, km, 'kilometer', km >= 100 ? 0 : km >= 10 ? 1 : 2);
}

/** Large totals (a year of riding): whole km or miles. */
export function formatDistanceTotal(f: Formatting, meters: number, units: Units): string {
  const value = fromMeters(meters, units);
  return unit(f, value, units === 'imperial' ? 'mile' : 'kilometer', value >= 100 ? 0 : 1);
}

/** "312 m", "1,024 ft". */
export function formatElevation(f: Formatting, meters: number, units: Units): string {
  return units === 'imperial'
    ? unit(f, meters / METERS_PER_FOOT, 'foot', 0)
    : unit(f, meters, 'meter', 0);
}

export function formatTemperature(f: Formatting, celsius: number, units: Units): string {
  return units === 'imperial'
    ? unit(f, celsius * 1.8 + 32, 'fahrenheit', 0)
    : unit(f, celsius, 'celsius', 0);
}

/** "25.3 km/h", "15.7 mph". */
export function formatSpeed(f: Formatting, metersPerSecond: number, units: Units): string {
  return units === 'imperial'
    ? unit(f, (metersPerSecond * 3600) / METERS_PER_MILE, 'mile-per-hour', 1)
    : unit(f, metersPerSecond * 3.6, 'kilometer-per-hour', 1);
}

/** Minutes and seconds per km or mile: "5:02 /km". */
export function formatPace(
  seconds: number,
  meters: number,
  units: Units,
  per = 'distance',
): string {
  if (meters <= 0 || seconds <= 0) return '';
  if (per === 'swim') {
    const step = units === 'imperial' ? 100 * METERS_PER_YARD : 100;
    return `${clock((seconds / meters) * step)} /100 ${units === 'imperial' ? 'yd' : 'm'}`;
  }
  const step = units === 'imperial' ? METERS_PER_MILE : 1000;
  return `${clock((seconds / meters) * step)} /${distanceUnit(units)}`;
}

/** m:ss, or h:mm:ss beyond an hour. */
function clock(seconds: number): string {
  const text = formatClock(Math.round(seconds));
  return text.startsWith('0:') ? text.slice(2).replace(/^0(\d:)/, '$1') : text;
}

export type PaceKind = 'pace' | 'swim' | 'speed';

/** Which figure people of this sport read: pace on foot, pace per 100 in water, else speed. */
export function paceKind(sport: string): PaceKind {
  const family = sports.familyOf(sport);
  if (family === 'running' || family === 'walking') return 'pace';
  if (family === 'swimming') return 'swim';
  return 'speed';
}

/** The pace or speed of a workout (moving time when known), or '' without a distance. */
export function formatPaceOrSpeed(
  f: Formatting,
  activity: {
    sport: string;
    distanceMeters?: number;
    movingSeconds?: number;
    elapsedSeconds: number;
  },
  units: Units,
): string {
  const meters = activity.distanceMeters ?? 0;
  const seconds = activity.movingSeconds ?? activity.elapsedSeconds;
  if (meters <= 0 || seconds <= 0) return '';
  const kind = paceKind(activity.sport);
  if (kind === 'speed') return formatSpeed(f, meters / seconds, units);
  return formatPace(seconds, meters, units, kind === 'swim' ? 'swim' : 'distance');
}
