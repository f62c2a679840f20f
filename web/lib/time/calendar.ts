// The month calendar: whole weeks (starting on the user's week start) covering a month, each day
// with the time worked on it.
import { dates } from '@tally/model';

export interface CalendarDay {
  date: string;
  inMonth: boolean;
  seconds: number;
}

export function monthGrid(
  month: string,
  weekStart: number,
  totals: ReadonlyMap<string, number>,
): CalendarDay[][] {
  const first = dates.startOfWeek(dates.firstOfMonth(month), weekStart);
  const last = dates.lastOfMonth(month);
  const weeks: CalendarDay[][] = [];
  for (let start = first; dates.compare(start, last) <= 0; start = dates.addDays(start, 7)) {
    weeks.push(
      Array.from({ length: 7 }, (_, i) => {
        const date = dates.addDays(start, i);
        return { date, inMonth: dates.monthOf(date) === month, seconds: totals.get(date) ?? 0 };
      }),
    );
  }
  return weeks;
}

/** The first and last day the grid shows. */
export function gridRange(month: string, weekStart: number): { from: string; to: string } {
  const weeks = monthGrid(month, weekStart, new Map());
  const from = weeks[0]?.[0]?.date ?? dates.firstOfMonth(month);
  const to = weeks.at(-1)?.at(-1)?.date ?? dates.lastOfMonth(month);
  return { from, to };
}

/** A day's hours in a small cell: "7:45" (to the minute); time under a minute shows as "<0:01". */
export function cellHours(seconds: number): string {
  if (seconds <= 0) return '';
  const minutes = Math.round(seconds / 60);
  if (minutes === 0) return '<0:01';
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}
