// Months and days as the bills screens pass them around: `?month=2026-03` in the URL, and the
// instant a payment dated on a calendar day is filed under.
import * as dates from '@tally/model/dates';
import type { CalendarDate, MonthKey } from '@tally/model/dates';

/** The month a `?month=` value names, or `fallback` when it names none. */
export function parseMonth(text: string | null | undefined, fallback: MonthKey): MonthKey {
  return text && dates.isMonthKey(text) ? text : fallback;
}

/** Midday UTC of a date: an id made at it files the record in that date's year. */
export function instantOfDate(date: CalendarDate): number {
  return dates.toDayNumber(date) * 86_400_000 + 43_200_000;
}

export function monthRange(month: MonthKey): { from: CalendarDate; to: CalendarDate } {
  return { from: dates.firstOfMonth(month), to: dates.lastOfMonth(month) };
}

/** `[from, to]` widened by days on each side. */
export function widen(
  range: { from: CalendarDate; to: CalendarDate },
  before: number,
  after = before,
): { from: CalendarDate; to: CalendarDate } {
  return { from: dates.addDays(range.from, -before), to: dates.addDays(range.to, after) };
}
