// Totals for charts and the calendar. A workout counts on the day it happened where it
// happened: in its own zone when the file told us one (a 6 am run in Tokyo is a Monday run even
// to a user whose home zone still says Sunday), otherwise in the user's zone. `zone: 'user'`
// counts everything in the user's zone instead. Weeks start on the user's week-start day.
import * as dates from '../dates.ts';
import type { CalendarDate, MonthKey } from '../dates.ts';
import type { RecordOf } from '../collections.ts';
import * as sports from './sports.ts';

type Activity = RecordOf<'activities'>;

export type Period = 'week' | 'month' | 'year';

export interface DayOptions {
  /** The user's IANA zone. */
  timeZone: string;
  /** Which zone places a workout on a day (default: its own, when known). */
  zone?: 'activity' | 'user';
}

export interface TotalsOptions extends DayOptions {
  period: Period;
  /** 0 = Sunday … 6 = Saturday (the `weekStart` setting). */
  weekStart: number;
  /** Rows per sport (default) or per family (runs and treadmill runs together). */
  groupBy?: 'sport' | 'family';
  /** Local dates, inclusive. */
  from?: CalendarDate;
  to?: CalendarDate;
}

export interface Totals {
  count: number;
  distanceMeters: number;
  /** Moving time, or elapsed time for workouts that have none. */
  movingSeconds: number;
  elapsedSeconds: number;
  elevationGainMeters: number;
  calories: number;
}

export interface TotalsRow extends Totals {
  /** `YYYY-MM-DD` (the week's first day), `YYYY-MM` or `YYYY`. */
  period: string;
  /** The sport, or the family with `groupBy: 'family'`. */
  group: string;
}

/** The local date a workout counts on. */
export function dayOf(
  activity: Pick<Activity, 'start' | 'timeZone'>,
  options: DayOptions,
): CalendarDate {
  const zone = options.zone !== 'user' && activity.timeZone ? activity.timeZone : options.timeZone;
  return dates.localDate(activity.start, zone);
}

export function periodOf(date: CalendarDate, period: Period, weekStart: number): string {
  if (period === 'week') return dates.startOfWeek(date, weekStart);
  if (period === 'month') return dates.monthOf(date);
  return date.slice(0, 4);
}

/** Every period key from `from` to `to`, so a chart shows empty weeks as zero. */
export function periodKeys(
  from: CalendarDate,
  to: CalendarDate,
  period: Period,
  weekStart: number,
): string[] {
  const keys: string[] = [];
  if (dates.compare(from, to) > 0) return keys;
  if (period === 'week') {
    for (let d = dates.startOfWeek(from, weekStart); d <= to; d = dates.addDays(d, 7)) keys.push(d);
  } else if (period === 'month') {
    for (let m = dates.monthOf(from); m <= dates.monthOf(to); m = dates.addMonthsToMonth(m, 1))
      keys.push(m);
  } else {
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++)
      keys.push(String(y).padStart(4, '0'));
  }
  return keys;
}

export function emptyTotals(): Totals {
  return {
    count: 0,
    distanceMeters: 0,
    movingSeconds: 0,
    elapsedSeconds: 0,
    elevationGainMeters: 0,
    calories: 0,
  };
}

export function add(totals: Totals, activity: Activity): void {
  totals.count++;
  totals.distanceMeters += activity.distanceMeters ?? 0;
  totals.movingSeconds += activity.movingSeconds ?? activity.elapsedSeconds;
  totals.elapsedSeconds += activity.elapsedSeconds;
  totals.elevationGainMeters += activity.elevationGainMeters ?? 0;
  totals.calories += activity.calories ?? 0;
}

/** Totals per period and sport (or family), sorted by period then group. */
export function totals(activities: readonly Activity[], options: TotalsOptions): TotalsRow[] {
  const rows = new Map<string, TotalsRow>();
  for (const activity of activities) {
    const day = dayOf(activity, options);
    if (options.from && day < options.from) continue;
    if (options.to && day > options.to) continue;
    const period = periodOf(day, options.period, options.weekStart);
    const group = options.groupBy === 'family' ? sports.familyOf(activity.sport) : activity.sport;
    const key = `${period}|${group}`;
    let row = rows.get(key);
    if (!row) {
      row = { period, group, ...emptyTotals() };
      rows.set(key, row);
    }
    add(row, activity);
  }
  return [...rows.values()].sort(
    (a, b) => a.period.localeCompare(b.period) || a.group.localeCompare(b.group),
  );
}

// ---- Calendar month ----

export interface CalendarDay extends Totals {
  date: CalendarDate;
  /** False for the days of the neighbouring months that fill the first and last week. */
  inMonth: boolean;
  /** The day's workouts, earliest first. */
  activityIds: string[];
}

export interface CalendarWeek extends Totals {
  /** The week's first day. */
  start: CalendarDate;
  days: CalendarDay[];
}

export interface CalendarMonth extends Totals {
  month: MonthKey;
  /** Whole weeks covering the month; week totals include the neighbouring months' days. */
  weeks: CalendarWeek[];
}

export function calendarMonth(
  month: MonthKey,
  activities: readonly Activity[],
  options: DayOptions & { weekStart: number },
): CalendarMonth {
  const first = dates.firstOfMonth(month);
  const last = dates.lastOfMonth(month);
  const gridStart = dates.startOfWeek(first, options.weekStart);
  const gridEnd = dates.addDays(dates.startOfWeek(last, options.weekStart), 6);
  const byDay = new Map<CalendarDate, Activity[]>();
  for (const activity of activities) {
    const day = dayOf(activity, options);
    if (day < gridStart || day > gridEnd) continue;
    byDay.set(day, [...(byDay.get(day) ?? []), activity]);
  }
  const result: CalendarMonth = { month, weeks: [], ...emptyTotals() };
  for (let weekStart = gridStart; weekStart <= gridEnd; weekStart = dates.addDays(weekStart, 7)) {
    const week: CalendarWeek = { start: weekStart, days: [], ...emptyTotals() };
    for (let i = 0; i < 7; i++) {
      const date = dates.addDays(weekStart, i);
      const inMonth = date >= first && date <= last;
      const list = (byDay.get(date) ?? []).sort((a, b) => a.start - b.start);
      const day: CalendarDay = {
        date,
        inMonth,
        activityIds: list.map((a) => a.id),
        ...emptyTotals(),
      };
      for (const activity of list) {
        add(day, activity);
        add(week, activity);
        if (inMonth) add(result, activity);
      }
      week.days.push(day);
    }
    result.weeks.push(week);
  }
  return result;
}
