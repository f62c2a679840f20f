// The entry list: finished entries grouped by the local day they started on, newest day first,
// with each day's total. A day's total counts the time worked on that day, as the timesheet and
// the reports do, so an entry across midnight adds to both days while it is listed under the one
// it started on.
import { dates, time } from '@tally/model';
import type { TimeEntry } from './types.ts';

export interface DayGroup {
  date: string;
  /** Newest first. */
  entries: TimeEntry[];
  /** Seconds worked on this local day by the entries given. */
  seconds: number;
}

export function groupByDay(entries: readonly TimeEntry[], zone: string): DayGroup[] {
  const finished = entries.filter((e) => e.end !== undefined);
  const totals = time.durations.dailyTotals(finished, zone, 0);
  const byDate = new Map<string, TimeEntry[]>();
  for (const entry of finished) {
    const date = dates.localDate(entry.start, zone);
    const list = byDate.get(date) ?? [];
    list.push(entry);
    byDate.set(date, list);
  }
  return [...byDate]
    .sort(([a], [b]) => dates.compare(b, a))
    .map(([date, list]) => ({
      date,
      entries: list.sort((a, b) => time.catalog.compareEntries(b, a)),
      seconds: totals.get(date) ?? 0,
    }));
}

/** The first instant of a window of `days` local days that ends with `lastDay`. */
export function windowStart(lastDay: string, days: number, zone: string): number {
  return dates.startOfDay(dates.addDays(lastDay, -(days - 1)), zone);
}

/** Seconds worked on `date`, and in the week holding it, by these entries (running ones until now). */
export function dayAndWeek(
  entries: readonly TimeEntry[],
  date: string,
  weekStart: number,
  zone: string,
  now: number,
): { day: number; week: number } {
  const first = dates.startOfWeek(date, weekStart);
  const totals = time.durations.dailyTotals(entries, zone, now, {
    from: first,
    to: dates.addDays(first, 6),
  });
  let week = 0;
  for (const seconds of totals.values()) week += seconds;
  return { day: totals.get(date) ?? 0, week };
}
