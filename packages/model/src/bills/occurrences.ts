// When a bill is due. A bill's cycle gives its scheduled due dates; its month overrides skip,
// snooze or re-price single occurrences. An occurrence is known by its bill and its scheduled
// date (never the snoozed one), so a payment, a calendar event and a screen row keep pointing at
// the same occurrence whatever the user does to that month.
import type { RecordOf } from '../collections.ts';
import * as dates from '../dates.ts';
import type { CalendarDate, MonthKey } from '../dates.ts';
import * as overrides from './overrides.ts';

type Bill = RecordOf<'bills'>;
type Override = RecordOf<'monthlyOverrides'>;

export interface DateRange {
  /** First day, inclusive. */
  from: CalendarDate;
  /** Last day, inclusive. */
  to: CalendarDate;
}

export interface Occurrence {
  /** `billId/scheduled`: stable across snoozes and edits of the month. */
  key: string;
  billId: string;
  /** The date the cycle puts it on; what `payment.occurrence` holds. */
  scheduled: CalendarDate;
  /** When it is due now: the snooze date when snoozed, else `scheduled`. */
  due: CalendarDate;
  /** The month its override lives in: the month of `scheduled`. */
  month: MonthKey;
  amount: number;
  currency: string;
  skipped: boolean;
  snoozed: boolean;
  amountOverridden: boolean;
  note?: string;
}

export interface OccurrenceOptions {
  /** Inactive (paused) bills have no occurrences unless this is set, e.g. for their history. */
  includeInactive?: boolean;
}

export function keyOf(billId: string, scheduled: CalendarDate): string {
  return `${billId}/${scheduled}`;
}

/** `[billId, scheduled]` from a key, or undefined when it is not one. */
export function parseKey(key: string): { billId: string; scheduled: CalendarDate } | undefined {
  const slash = key.lastIndexOf('/');
  const billId = key.slice(0, slash);
  const scheduled = key.slice(slash + 1);
  return slash > 0 && dates.isCalendarDate(scheduled) ? { billId, scheduled } : undefined;
}

/** Months between occurrences for the month-based cycles; undefined for weekly and biweekly. */
export function monthStep(bill: Pick<Bill, 'cycle' | 'everyMonths'>): number | undefined {
  switch (bill.cycle) {
    case 'monthly':
      return 1;
    case 'quarterly':
      return 3;
    case 'annual':
      return 12;
    case 'every-n-months':
      return bill.everyMonths ?? 1;
    default:
      return undefined;
  }
}

/** The first and last day a bill can be due: anchor or start, and end or cancellation. */
export function activeSpan(bill: Bill): { first: CalendarDate; last?: CalendarDate } {
  const first = max(bill.anchorDate, bill.startDate);
  const last = min(bill.endDate, bill.cancelledOn);
  return last === undefined ? { first } : { first, last };
}

/**
 * The dates the cycle puts the bill on, within `range`, ascending; overrides and the active flag
 * are not applied. Rules:
 * - `anchorDate` is the first due date: nothing falls before it (or before `startDate`).
 * - weekly and biweekly count 7 or 14 days from the anchor.
 * - monthly, quarterly, annual and every-N-months count whole months from the anchor's month, on
 *   `dueDay` when set, else the anchor's day; a day past the month's end falls on its last day
 *   (31 → Feb 28/29, Apr 30) without drifting: the next month is on the 31st again.
 * - `endDate` and `cancelledOn` are the last days it can be due (inclusive): a bill cancelled on
 *   the 15th keeps an occurrence on the 10th and loses the one on the 20th.
 */
export function scheduledDates(bill: Bill, range: DateRange): CalendarDate[] {
  const span = activeSpan(bill);
  const from = max(range.from, span.first);
  const to = min(range.to, span.last) as CalendarDate;
  if (from > to) return [];
  const out: CalendarDate[] = [];
  const step = monthStep(bill);
  if (step === undefined) {
    const days = bill.cycle === 'weekly' ? 7 : 14;
    const skipped = Math.max(0, Math.ceil(dates.diffDays(bill.anchorDate, from) / days));
    for (let k = skipped; ; k++) {
      const date = dates.addDays(bill.anchorDate, k * days);
      if (date > to) break;
      out.push(date);
    }
    return out;
  }
  const anchorMonth = dates.monthOf(bill.anchorDate);
  const day = bill.dueDay ?? dates.parts(bill.anchorDate).day;
  const skipped = Math.max(
    0,
    Math.floor(dates.diffMonths(anchorMonth, dates.monthOf(from)) / step) - 1,
  );
  for (let k = skipped; ; k++) {
    const date = dates.dayOfMonth(dates.addMonthsToMonth(anchorMonth, k * step), day);
    if (date > to) break;
    if (date >= from) out.push(date);
  }
  return out;
}

/** Whether the cycle puts the bill on this date. */
export function isScheduled(bill: Bill, date: CalendarDate): boolean {
  return scheduledDates(bill, { from: date, to: date }).length === 1;
}

/** The next scheduled date strictly after `date`, or undefined when the bill ends before one. */
export function nextScheduled(bill: Bill, date: CalendarDate): CalendarDate | undefined {
  // The longest gap is 120 months; look a little further than one gap at a time.
  const gap = (monthStep(bill) ?? 1) * 31 + 14;
  const span = activeSpan(bill);
  let from = max(dates.addDays(date, 1), span.first);
  const last = span.last;
  for (let i = 0; i < 4; i++) {
    const to = dates.addDays(from, gap);
    const found = scheduledDates(bill, { from, to })[0];
    if (found !== undefined) return found;
    if (last !== undefined && to >= last) return undefined;
    from = dates.addDays(to, 1);
  }
  return undefined;
}

/**
 * The bill's occurrences whose current due date falls in `range`, ordered by due date. A month
 * override applies to every occurrence scheduled in its month (a weekly bill has several):
 * - skip: the occurrence stays in the list, marked skipped, on its scheduled date; a skip beats a
 *   snooze in the same month.
 * - snooze until D: an occurrence scheduled before D is due on D instead (it can move into or out
 *   of `range`); one scheduled on or after D is unchanged.
 * - amount and note replace the bill's for that month.
 */
export function inRange(
  bill: Bill,
  overrideRecords: readonly Override[],
  range: DateRange,
  options: OccurrenceOptions = {},
): Occurrence[] {
  if (!bill.active && !options.includeInactive) return [];
  const months = overrides.byMonth(overrideRecords, bill.id);
  const candidates = new Set(scheduledDates(bill, range));
  // Occurrences from other months snoozed into the range.
  for (const o of months.values()) {
    if (o.skip || o.snoozeUntil === undefined) continue;
    if (o.snoozeUntil < range.from || o.snoozeUntil > range.to) continue;
    const monthRange = { from: dates.firstOfMonth(o.month), to: dates.lastOfMonth(o.month) };
    for (const d of scheduledDates(bill, monthRange)) candidates.add(d);
  }
  const out: Occurrence[] = [];
  for (const scheduled of candidates) {
    const occurrence = build(bill, scheduled, months.get(dates.monthOf(scheduled)));
    if (occurrence.due >= range.from && occurrence.due <= range.to) out.push(occurrence);
  }
  return out.sort(compare);
}

/** One occurrence by its scheduled date (whether or not it is in any range). */
export function onDate(
  bill: Bill,
  overrideRecords: readonly Override[],
  scheduled: CalendarDate,
): Occurrence | undefined {
  if (!isScheduled(bill, scheduled)) return undefined;
  return build(
    bill,
    scheduled,
    overrides.byMonth(overrideRecords, bill.id).get(dates.monthOf(scheduled)),
  );
}

/** By due date, then scheduled date, then bill id. */
export function compare(a: Occurrence, b: Occurrence): number {
  return (
    dates.compare(a.due, b.due) ||
    dates.compare(a.scheduled, b.scheduled) ||
    (a.billId < b.billId ? -1 : a.billId > b.billId ? 1 : 0)
  );
}

function build(
  bill: Bill,
  scheduled: CalendarDate,
  o: overrides.MonthOverride | undefined,
): Occurrence {
  const skipped = o?.skip ?? false;
  const snoozed = !skipped && o?.snoozeUntil !== undefined && o.snoozeUntil > scheduled;
  const occurrence: Occurrence = {
    key: keyOf(bill.id, scheduled),
    billId: bill.id,
    scheduled,
    due: snoozed ? (o?.snoozeUntil as CalendarDate) : scheduled,
    month: dates.monthOf(scheduled),
    amount: o?.amount ?? bill.amount,
    currency: bill.currency,
    skipped,
    snoozed,
    amountOverridden: o?.amount !== undefined,
  };
  if (o?.note !== undefined) occurrence.note = o.note;
  return occurrence;
}

function max(a: string, b: string | undefined): string {
  return b !== undefined && b > a ? b : a;
}

function min(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}
