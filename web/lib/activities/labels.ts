// How a workout is named and dated on screen.
import * as sports from '@tally/model/activities/sports';
import * as totals from '@tally/model/activities/totals';
import { formatDate, formatDateTime, type Formatting } from '../app/format.ts';
import type { Activity } from './types.ts';

/** Sports offered when editing, beside the ones already in the log. */
export const COMMON_SPORTS = [
  'running',
  'cycling',
  'e_biking',
  'swimming',
  'walking',
  'hiking',
  'rowing',
  'paddling',
  'kayaking',
  'training',
  'cross_country_skiing',
  'alpine_skiing',
  'snowboarding',
  'inline_skating',
  'other',
];

/** "Running · Treadmill". */
export function sportLabel(activity: Pick<Activity, 'sport' | 'subSport'>): string {
  const main = sports.label(activity.sport);
  return activity.subSport ? `${main} · ${sports.label(activity.subSport).toLowerCase()}` : main;
}

/** The name, or the sport when the file gave none. */
export function titleOf(activity: Pick<Activity, 'name' | 'sport' | 'subSport'>): string {
  return activity.name.trim() || sportLabel(activity);
}

/** The day the workout counts on (where it happened, when known). */
export function dayLabel(f: Formatting, activity: Pick<Activity, 'start' | 'timeZone'>): string {
  return formatDate(f, totals.dayOf(activity, { timeZone: f.timeZone }));
}

/** Date and time of the start in the zone it happened in, else the user's. */
export function startLabel(f: Formatting, activity: Pick<Activity, 'start' | 'timeZone'>): string {
  return formatDateTime({ ...f, timeZone: activity.timeZone ?? f.timeZone }, activity.start);
}

/** Every sport to offer in a picker: the common ones and those in the log, sorted by label. */
export function sportOptions(inUse: readonly string[], current?: string): string[] {
  const all = new Set([...COMMON_SPORTS, ...inUse, ...(current ? [current] : [])]);
  return [...all].sort((a, b) => sports.label(a).localeCompare(sports.label(b)));
}
