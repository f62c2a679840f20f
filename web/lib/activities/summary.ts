// Figures the home card and the totals page show, from the model's totals.
import * as dates from '@tally/model/dates';
import * as totals from '@tally/model/activities/totals';
import type { Activity } from './types.ts';

export interface WeekSummary {
  /** The week's first day and today. */
  from: string;
  to: string;
  all: totals.Totals;
  /** One row per sport, most time first. */
  bySport: totals.TotalsRow[];
}

/** This week so far (weeks start on the user's day), per sport and in all. */
export function weekSummary(
  activities: readonly Activity[],
  today: string,
  options: { timeZone: string; weekStart: number },
): WeekSummary {
  const from = dates.startOfWeek(today, options.weekStart);
  const rows = totals.totals(activities, {
    ...options,
    period: 'week',
    from,
    to: today,
  });
  const all = totals.emptyTotals();
  for (const row of rows) {
    all.count += row.count;
    all.distanceMeters += row.distanceMeters;
    all.movingSeconds += row.movingSeconds;
    all.elapsedSeconds += row.elapsedSeconds;
    all.elevationGainMeters += row.elevationGainMeters;
    all.calories += row.calories;
  }
  return {
    from,
    to: today,
    all,
    bySport: rows.sort(
      (a, b) => b.movingSeconds - a.movingSeconds || a.group.localeCompare(b.group),
    ),
  };
}

export type Metric = 'distance' | 'time' | 'count' | 'elevation';

export function metricValue(t: totals.Totals, metric: Metric): number {
  switch (metric) {
    case 'distance':
      return t.distanceMeters;
    case 'time':
      return t.movingSeconds;
    case 'count':
      return t.count;
    case 'elevation':
      return t.elevationGainMeters;
  }
}

/** How many periods the totals page shows back from today. */
export const PERIODS_SHOWN: Record<totals.Period, number> = { week: 12, month: 12, year: 0 };

/**
 * The days the totals page covers: the last 12 weeks or months up to today, or every year
 * from the first workout (`earliest`) for years.
 */
export function totalsRange(
  period: totals.Period,
  today: string,
  weekStart: number,
  earliest: string | undefined,
): { from: string; to: string } {
  if (period === 'week') {
    return {
      from: dates.addDays(dates.startOfWeek(today, weekStart), -7 * (PERIODS_SHOWN.week - 1)),
      to: today,
    };
  }
  if (period === 'month') {
    return {
      from: dates.firstOfMonth(
        dates.addMonthsToMonth(dates.monthOf(today), -(PERIODS_SHOWN.month - 1)),
      ),
      to: today,
    };
  }
  const first = earliest && earliest < today ? earliest : today;
  return { from: `${first.slice(0, 4)}-01-01`, to: today };
}

export interface PeriodTotals extends totals.Totals {
  period: string;
  /** Per sport, most first. */
  sports: totals.TotalsRow[];
}

/**
 * One entry per period key (empty periods as zeros, so the chart's gaps are real), each with
 * its sports; only `sport` when given.
 */
export function byPeriod(
  rows: readonly totals.TotalsRow[],
  keys: readonly string[],
  sport?: string,
): PeriodTotals[] {
  const map = new Map<string, PeriodTotals>();
  for (const key of keys) map.set(key, { period: key, sports: [], ...totals.emptyTotals() });
  for (const row of rows) {
    if (sport && row.group !== sport) continue;
    const entry = map.get(row.period);
    if (!entry) continue;
    entry.sports.push(row);
    entry.count += row.count;
    entry.distanceMeters += row.distanceMeters;
    entry.movingSeconds += row.movingSeconds;
    entry.elapsedSeconds += row.elapsedSeconds;
    entry.elevationGainMeters += row.elevationGainMeters;
    entry.calories += row.calories;
  }
  for (const entry of map.values()) entry.sports.sort((a, b) => b.movingSeconds - a.movingSeconds);
  return [...map.values()];
}
