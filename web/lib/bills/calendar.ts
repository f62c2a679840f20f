// The calendar's month grid: whole weeks from the user's first weekday, and what is due each day.
import * as dates from '@tally/model/dates';
import type { CalendarDate, MonthKey } from '@tally/model/dates';
import * as money from '@tally/model/money';

/** The month's weeks, each seven dates; days of the neighbouring months fill the first and last. */
export function monthGrid(month: MonthKey, weekStart: number): CalendarDate[][] {
  const first = dates.firstOfMonth(month);
  const last = dates.lastOfMonth(month);
  const weeks: CalendarDate[][] = [];
  for (let day = dates.startOfWeek(first, weekStart); day <= last;) {
    const week: CalendarDate[] = [];
    for (let i = 0; i < 7; i++, day = dates.addDays(day, 1)) week.push(day);
    weeks.push(week);
  }
  return weeks;
}

interface Due {
  occurrence: { due: CalendarDate; amount: number; currency: string };
}

/** Items by due date, in their order. */
export function byDay<T extends Due>(items: readonly T[]): Map<CalendarDate, T[]> {
  const map = new Map<CalendarDate, T[]>();
  for (const item of items) {
    const list = map.get(item.occurrence.due);
    if (list) list.push(item);
    else map.set(item.occurrence.due, [item]);
  }
  return map;
}

/** Expected amounts per currency, currencies in code order (never added across currencies). */
export function totals(items: readonly Due[]): money.Money[] {
  const sums = new Map<string, number>();
  for (const { occurrence: o } of items)
    sums.set(o.currency, money.sum([sums.get(o.currency) ?? 0, o.amount]));
  return [...sums]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, minor]) => ({ currency, minor }));
}
