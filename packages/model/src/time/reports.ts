// Totals by client, project, task, tag, day, week or month. Every figure comes from one place,
// `measure`, so the same entry gives the same time and amount in every view: an entry's rounded
// time and its amount are computed once per entry, then shared out over the local days it
// touched (largest remainder), so days add up to weeks, months and projects exactly. Amounts are
// kept per currency and never added across currencies.
import * as dates from '../dates.ts';
import * as money from '../money.ts';
import { clientOf, projectOf, taskOf, type Catalog, type TimeEntry } from './catalog.ts';
import { inRange, share, splitByDay, workedSeconds, type Range } from './durations.ts';
import { rateOf, type Rate, type RateSettings } from './rates.ts';
import { roundSeconds, type Rounding } from './rounding.ts';

export interface MeasureContext {
  catalog: Catalog;
  settings: RateSettings;
  rounding: Rounding;
  /** The user's IANA zone: days, weeks and months are theirs. */
  zone: string;
  /** Running entries count until now. */
  now: number;
}

export interface DayMeasure {
  date: dates.CalendarDate;
  seconds: number;
  roundedSeconds: number;
  /** This day's part of the entry's amount, minor units; 0 when the entry earns nothing. */
  amount: number;
}

export interface Measure {
  entry: TimeEntry;
  seconds: number;
  roundedSeconds: number;
  rate: Rate | undefined;
  /** Billable and rated: `rate` × rounded time, half-up to the minor unit. */
  amount: money.Money | undefined;
  days: DayMeasure[];
}

export function measure(entry: TimeEntry, ctx: MeasureContext): Measure {
  const seconds = workedSeconds(entry, ctx.now);
  const roundedSeconds = roundSeconds(seconds, ctx.rounding);
  const rate = rateOf(entry, ctx.catalog, ctx.settings);
  const amount =
    entry.billable && rate
      ? { minor: money.amountForDuration(rate.rate, roundedSeconds), currency: rate.currency }
      : undefined;
  const split = splitByDay(entry, ctx.zone, ctx.now);
  const weights = split.map((d) => d.ms);
  const rounded = share(roundedSeconds, weights);
  const amounts = share(amount?.minor ?? 0, weights);
  return {
    entry,
    seconds,
    roundedSeconds,
    rate,
    amount,
    days: split.map((d, i) => ({
      date: d.date,
      seconds: d.seconds,
      roundedSeconds: rounded[i] ?? 0,
      amount: amounts[i] ?? 0,
    })),
  };
}

export type GroupBy = 'client' | 'project' | 'task' | 'tag' | 'day' | 'week' | 'month';
export const groupings = [
  'client',
  'project',
  'task',
  'tag',
  'day',
  'week',
  'month',
] as const satisfies readonly GroupBy[];

export interface Filter {
  clientIds?: readonly string[];
  projectIds?: readonly string[];
  taskIds?: readonly string[];
  /** Entries with at least one of these tags. */
  tags?: readonly string[];
  billable?: boolean;
  /** On an invoice (true) or not yet (false: the hours still to bill). */
  invoiced?: boolean;
}

export interface ReportOptions extends MeasureContext, Range {
  /** 0 = Sunday, 1 = Monday. */
  weekStart: number;
  filter?: Filter;
}

export interface Totals {
  /** Exact worked time. */
  seconds: number;
  /** Worked time after rounding each entry. */
  roundedSeconds: number;
  /** Rounded time of billable entries. */
  billableSeconds: number;
  nonBillableSeconds: number;
  /** Earned, one total per currency, in code order. */
  amounts: money.Money[];
  /** Billable entries without any rate (no amount could be computed). */
  unratedEntries: number;
  entries: number;
}

export interface Group extends Totals {
  /** Record id, date ('YYYY-MM-DD'), week start date, month ('YYYY-MM') or tag; '' for none. */
  key: string;
  label: string;
}

export interface Report {
  groups: Group[];
  /** Each entry once, also when grouping by tag (an entry with two tags is in two groups). */
  total: Totals;
}

class Accumulator {
  seconds = 0;
  roundedSeconds = 0;
  billableSeconds = 0;
  nonBillableSeconds = 0;
  unratedEntries = 0;
  readonly entryIds = new Set<string>();
  readonly amounts = new Map<string, number>();

  add(m: Measure, part: { seconds: number; roundedSeconds: number; amount: number }): void {
    this.seconds += part.seconds;
    this.roundedSeconds += part.roundedSeconds;
    if (m.entry.billable) this.billableSeconds += part.roundedSeconds;
    else this.nonBillableSeconds += part.roundedSeconds;
    if (!this.entryIds.has(m.entry.id)) {
      this.entryIds.add(m.entry.id);
      if (m.entry.billable && !m.rate) this.unratedEntries += 1;
    }
    if (m.amount)
      this.amounts.set(m.amount.currency, (this.amounts.get(m.amount.currency) ?? 0) + part.amount);
  }

  totals(): Totals {
    return {
      seconds: this.seconds,
      roundedSeconds: this.roundedSeconds,
      billableSeconds: this.billableSeconds,
      nonBillableSeconds: this.nonBillableSeconds,
      amounts: [...this.amounts]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([currency, minor]) => ({ minor, currency })),
      unratedEntries: this.unratedEntries,
      entries: this.entryIds.size,
    };
  }
}

export function matches(entry: TimeEntry, cat: Catalog, filter: Filter = {}): boolean {
  if (filter.billable !== undefined && entry.billable !== filter.billable) return false;
  if (filter.invoiced !== undefined && (entry.invoiceId !== undefined) !== filter.invoiced)
    return false;
  if (filter.projectIds && !filter.projectIds.includes(entry.projectId ?? '')) return false;
  if (filter.taskIds && !filter.taskIds.includes(entry.taskId ?? '')) return false;
  if (filter.clientIds && !filter.clientIds.includes(projectOf(entry, cat)?.clientId ?? ''))
    return false;
  if (filter.tags && !entry.tags.some((t) => filter.tags?.includes(t))) return false;
  return true;
}

/**
 * Totals grouped one way. Only the parts of entries on local days inside `from`..`to` count, so
 * an entry across midnight on the period's edge counts only its inside part.
 */
export function report(
  entries: readonly TimeEntry[],
  groupBy: GroupBy,
  options: ReportOptions,
): Report {
  const groups = new Map<string, Accumulator>();
  const total = new Accumulator();
  const at = (key: string): Accumulator => {
    let acc = groups.get(key);
    if (!acc) groups.set(key, (acc = new Accumulator()));
    return acc;
  };
  for (const entry of entries) {
    if (!matches(entry, options.catalog, options.filter)) continue;
    const m = measure(entry, options);
    const days = m.days.filter((d) => inRange(d.date, options));
    if (days.length === 0) continue;
    const whole = sumDays(days);
    total.add(m, whole);
    switch (groupBy) {
      case 'day':
      case 'week':
      case 'month':
        for (const day of days) at(periodKey(day.date, groupBy, options.weekStart)).add(m, day);
        break;
      case 'tag':
        for (const tag of entry.tags.length > 0 ? new Set(entry.tags) : ['']) at(tag).add(m, whole);
        break;
      default:
        at(recordKey(entry, groupBy, options.catalog)).add(m, whole);
    }
  }
  const out = [...groups].map(([key, acc]) => ({
    key,
    label: labelFor(key, groupBy, options.catalog),
    ...acc.totals(),
  }));
  out.sort((a, b) =>
    groupBy === 'day' || groupBy === 'week' || groupBy === 'month'
      ? compareText(a.key, b.key)
      : // the "none" group last, the others by name
        Number(a.key === '') - Number(b.key === '') || compareText(a.label, b.label),
  );
  return { groups: out, total: total.totals() };
}

function sumDays(days: readonly DayMeasure[]): Omit<DayMeasure, 'date'> {
  return days.reduce(
    (s, d) => ({
      seconds: s.seconds + d.seconds,
      roundedSeconds: s.roundedSeconds + d.roundedSeconds,
      amount: s.amount + d.amount,
    }),
    { seconds: 0, roundedSeconds: 0, amount: 0 },
  );
}

export function periodKey(
  date: dates.CalendarDate,
  groupBy: 'day' | 'week' | 'month',
  weekStart: number,
): string {
  if (groupBy === 'day') return date;
  if (groupBy === 'week') return dates.startOfWeek(date, weekStart);
  return dates.monthOf(date);
}

function recordKey(entry: TimeEntry, groupBy: 'client' | 'project' | 'task', cat: Catalog): string {
  if (groupBy === 'client') return clientOf(entry, cat)?.id ?? '';
  if (groupBy === 'project') return entry.projectId ?? '';
  return taskOf(entry, cat)?.id ?? '';
}

function labelFor(key: string, groupBy: GroupBy, cat: Catalog): string {
  switch (groupBy) {
    case 'client':
      return key === '' ? 'No client' : (cat.clients.get(key)?.name ?? 'Unknown client');
    case 'project':
      return key === '' ? 'No project' : (cat.projects.get(key)?.name ?? 'Unknown project');
    case 'task': {
      if (key === '') return 'No task';
      const task = cat.tasks.get(key);
      const project = task ? cat.projects.get(task.projectId) : undefined;
      return task ? (project ? `${project.name} › ${task.name}` : task.name) : 'Unknown task';
    }
    case 'tag':
      return key === '' ? 'No tag' : key;
    default:
      return key;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
