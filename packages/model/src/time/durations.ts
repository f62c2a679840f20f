// How long an entry was worked: its span minus its pauses, a running entry counting until `now`.
// Reports count time on the local day it happened, so an entry across midnight is split at the
// user's midnight; a DST day is 23 or 25 hours long and gets exactly the hours it had.
import * as dates from '../dates.ts';
import * as money from '../money.ts';
import type { TimeEntry } from './catalog.ts';

export interface Interval {
  start: number;
  end: number;
}

type Pause = TimeEntry['pauses'][number];
type Timed = Pick<TimeEntry, 'start' | 'end' | 'pauses'>;

export function isRunning(entry: Pick<TimeEntry, 'end'>): boolean {
  return entry.end === undefined;
}

/** A running entry whose last pause has not ended. */
export function isPaused(entry: Pick<TimeEntry, 'end' | 'pauses'>): boolean {
  return entry.end === undefined && entry.pauses.some((p) => p.end === undefined);
}

/** Where the entry's time stops counting: its end, or `now` while it runs (never before its start). */
export function countedEnd(entry: Timed, now: number): number {
  return entry.end ?? Math.max(now, entry.start);
}

/**
 * The pauses as disjoint intervals inside the entry, in order. An open pause lasts until the
 * entry's end (or now); pauses that overlap (an idle discard over a manual break) count once.
 */
export function pauseIntervals(entry: Timed, now: number): Interval[] {
  const end = countedEnd(entry, now);
  const clipped = entry.pauses
    .map((p) => ({ start: Math.max(p.start, entry.start), end: Math.min(p.end ?? end, end) }))
    .filter((p) => p.end > p.start)
    .sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const p of clipped) {
    const last = merged[merged.length - 1];
    if (last && p.start <= last.end) last.end = Math.max(last.end, p.end);
    else merged.push({ ...p });
  }
  return merged;
}

/** The stretches of actual work: the entry's span with its pauses cut out. */
export function workedIntervals(entry: Timed, now: number): Interval[] {
  const end = countedEnd(entry, now);
  const out: Interval[] = [];
  let cursor = entry.start;
  for (const p of pauseIntervals(entry, now)) {
    if (p.start > cursor) out.push({ start: cursor, end: p.start });
    cursor = Math.max(cursor, p.end);
  }
  if (end > cursor) out.push({ start: cursor, end });
  return out;
}

export function workedMs(entry: Timed, now: number): number {
  return workedIntervals(entry, now).reduce((sum, i) => sum + i.end - i.start, 0);
}

/** Whole seconds worked; a part second is dropped, as Toggl and Clockify do. */
export function workedSeconds(entry: Timed, now: number): number {
  return Math.floor(workedMs(entry, now) / 1000);
}

export function pausedSeconds(entry: Timed, now: number): number {
  return Math.floor(pauseIntervals(entry, now).reduce((sum, i) => sum + i.end - i.start, 0) / 1000);
}

/**
 * Pauses cut to an entry that now ends at `end`: pauses that begin at or after the end go, an
 * open pause or one that runs past the end stops there. Idempotent, and cutting twice equals
 * cutting once at the earlier end, which keeps concurrent conflict fixes convergent.
 */
export function clipPauses(pauses: readonly Pause[], end: number): Pause[] {
  return pauses
    .filter((p) => p.start < end)
    .map((p) => ({ start: p.start, end: Math.min(p.end ?? end, end) }));
}

export interface DayShare {
  date: dates.CalendarDate;
  /** Worked milliseconds that fell on this local day. */
  ms: number;
  /** Whole seconds for this day; the shares of one entry add up to `workedSeconds`. */
  seconds: number;
}

/**
 * The entry's worked time per local day in `zone`. Seconds are shared out by the milliseconds
 * of each day (largest remainder), so the days always add up to the entry's total. An entry
 * with no worked time gives one empty share on its start day, so it still shows in day lists.
 */
export function splitByDay(entry: Timed, zone: string, now: number): DayShare[] {
  const byDate = new Map<string, number>();
  for (const interval of workedIntervals(entry, now)) {
    let at = interval.start;
    while (at < interval.end) {
      const date = dates.localDate(at, zone);
      const nextMidnight = dates.startOfDay(dates.addDays(date, 1), zone);
      const until = Math.min(interval.end, nextMidnight);
      byDate.set(date, (byDate.get(date) ?? 0) + until - at);
      at = until;
    }
  }
  if (byDate.size === 0) return [{ date: dates.localDate(entry.start, zone), ms: 0, seconds: 0 }];
  const days = [...byDate].sort(([a], [b]) => dates.compare(a, b));
  const totalMs = days.reduce((sum, [, ms]) => sum + ms, 0);
  const seconds = share(
    Math.floor(totalMs / 1000),
    days.map(([, ms]) => ms),
  );
  return days.map(([date, ms], i) => ({ date, ms, seconds: seconds[i] ?? 0 }));
}

/** Splits a whole number over weights so the parts add up exactly (all zero weights: first part). */
export function share(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  if (weights.every((w) => w === 0)) return weights.map((_, i) => (i === 0 ? total : 0));
  return money.allocate(total, weights);
}

export interface Range {
  /** First local day, inclusive. */
  from?: dates.CalendarDate;
  /** Last local day, inclusive. */
  to?: dates.CalendarDate;
}

export function inRange(date: dates.CalendarDate, range: Range): boolean {
  return (
    (range.from === undefined || date >= range.from) && (range.to === undefined || date <= range.to)
  );
}

/** Seconds worked per local day, over the days in `range`. */
export function dailyTotals(
  entries: readonly Timed[],
  zone: string,
  now: number,
  range: Range = {},
): Map<dates.CalendarDate, number> {
  const totals = new Map<string, number>();
  for (const entry of entries) {
    for (const day of splitByDay(entry, zone, now)) {
      if (inRange(day.date, range)) totals.set(day.date, (totals.get(day.date) ?? 0) + day.seconds);
    }
  }
  return new Map([...totals].sort(([a], [b]) => dates.compare(a, b)));
}

/** Seconds worked per week, keyed by the week's first day (`weekStart`: 0 = Sunday, 1 = Monday). */
export function weeklyTotals(
  entries: readonly Timed[],
  zone: string,
  weekStart: number,
  now: number,
  range: Range = {},
): Map<dates.CalendarDate, number> {
  const totals = new Map<string, number>();
  for (const [date, seconds] of dailyTotals(entries, zone, now, range)) {
    const week = dates.startOfWeek(date, weekStart);
    totals.set(week, (totals.get(week) ?? 0) + seconds);
  }
  return totals;
}

/** The seven days of the week holding `date`, for a timesheet grid. */
export function weekDates(date: dates.CalendarDate, weekStart: number): dates.CalendarDate[] {
  const first = dates.startOfWeek(date, weekStart);
  return Array.from({ length: 7 }, (_, i) => dates.addDays(first, i));
}

/** 5025 → "1:23:45"; hours are not capped at 24. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
