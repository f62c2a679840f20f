// The tracker: one month of bills sorted into BillTracker's buckets — Missed, Late, Due soon,
// Upcoming, Paid (and Skipped) — with the sort order the URL keeps and "pin due", which floats
// what needs attention to the top whatever the sort.
import type { RecordOf } from '../collections.ts';
import * as dates from '../dates.ts';
import type { CalendarDate, MonthKey } from '../dates.ts';
import * as money from '../money.ts';
import * as status from './status.ts';
import type { OccurrenceState, Status, StatusOptions } from './status.ts';

type Bill = RecordOf<'bills'>;
type Override = RecordOf<'monthlyOverrides'>;
type Payment = RecordOf<'payments'>;

export interface TrackerItem extends OccurrenceState {
  bill: Bill;
}

export interface TrackerInput {
  bills: readonly Bill[];
  overrides: readonly Override[];
  payments: readonly Payment[];
  today: CalendarDate;
  options?: StatusOptions;
}

export interface TrackerMonth {
  month: MonthKey;
  items: TrackerItem[];
  buckets: Record<Status, TrackerItem[]>;
}

/**
 * How far before the current month the tracker still shows unpaid occurrences: a bill due on the
 * 28th that is still unpaid on the 2nd belongs in this month's Late bucket, not out of sight.
 */
export const CARRY_OVER_DAYS = 62;

/**
 * The tracker for `month`: every occurrence due in it, each in the bucket of its status on
 * `today`. Viewing the month that contains today also brings in the late and missed occurrences
 * of the `CARRY_OVER_DAYS` before it.
 */
export function month(input: TrackerInput, month: MonthKey): TrackerMonth {
  const from = dates.firstOfMonth(month);
  const to = dates.lastOfMonth(month);
  const current = dates.monthOf(input.today) === month;
  const range = { from: current ? dates.addDays(from, -CARRY_OVER_DAYS) : from, to };
  const billsById = new Map(input.bills.map((b) => [b.id, b]));
  const items: TrackerItem[] = [];
  for (const state of status.statesForAll(
    input.bills,
    input.overrides,
    input.payments,
    range,
    input.today,
    input.options,
  )) {
    const inMonth = state.occurrence.due >= from;
    if (!inMonth && state.status !== 'late' && state.status !== 'missed') continue;
    const bill = billsById.get(state.occurrence.billId);
    if (bill) items.push({ ...state, bill });
  }
  const buckets = Object.fromEntries(
    status.statuses.map((s) => [s, [] as TrackerItem[]]),
  ) as Record<Status, TrackerItem[]>;
  for (const item of items) buckets[item.status].push(item);
  return { month, items, buckets };
}

export const sortKeys = ['due', 'amount', 'name'] as const;
export type SortKey = (typeof sortKeys)[number];

export interface TrackerSort {
  key: SortKey;
  descending: boolean;
}

export const DEFAULT_SORT: TrackerSort = { key: 'due', descending: false };

/** Reads a sort from its URL form: `due`, `-amount` (descending), `name`; anything else → due. */
export function parseSort(text: string | null | undefined): TrackerSort {
  const descending = text?.startsWith('-') ?? false;
  const key = descending ? text?.slice(1) : text;
  return (sortKeys as readonly string[]).includes(key ?? '')
    ? { key: key as SortKey, descending }
    : DEFAULT_SORT;
}

/** The URL form of a sort; the inverse of `parseSort`. */
export function formatSort(sort: TrackerSort): string {
  return `${sort.descending ? '-' : ''}${sort.key}`;
}

/** Pin due puts missed first, then late, then due soon; everything else keeps the sort. */
const PIN_RANK: Record<Status, number> = {
  missed: 0,
  late: 1,
  'due-soon': 2,
  upcoming: 3,
  paid: 3,
  skipped: 3,
};

export interface SortOptions {
  pinDue?: boolean;
  /** For comparing names the way the user's language does. */
  locale?: string;
}

/**
 * A sorted copy. Amounts in different currencies compare by their face value (no exchange rates):
 * 10.00 USD sorts beside 10 EUR and 1000 JPY. Ties fall back to due date, then name, then key,
 * so the order is the same on every device.
 */
export function sortItems<T extends TrackerItem>(
  items: readonly T[],
  sort: TrackerSort = DEFAULT_SORT,
  options: SortOptions = {},
): T[] {
  const collator = new Intl.Collator(options.locale, { sensitivity: 'base', numeric: true });
  const byName = (a: T, b: T): number => collator.compare(a.bill.name, b.bill.name);
  const byDue = (a: T, b: T): number =>
    dates.compare(a.occurrence.due, b.occurrence.due) ||
    dates.compare(a.occurrence.scheduled, b.occurrence.scheduled);
  const byKey: Record<SortKey, (a: T, b: T) => number> = {
    due: byDue,
    amount: (a, b) => compareAmounts(a.occurrence, b.occurrence),
    name: byName,
  };
  const direction = sort.descending ? -1 : 1;
  return [...items].sort(
    (a, b) =>
      (options.pinDue ? PIN_RANK[a.status] - PIN_RANK[b.status] : 0) ||
      direction * byKey[sort.key](a, b) ||
      byDue(a, b) ||
      byName(a, b) ||
      (a.occurrence.key < b.occurrence.key ? -1 : a.occurrence.key > b.occurrence.key ? 1 : 0),
  );
}

/** Face value across currencies, then currency code. Exact: scaled in BigInt. */
function compareAmounts(
  a: { amount: number; currency: string },
  b: { amount: number; currency: string },
): number {
  const da = money.minorDigits(a.currency);
  const db = money.minorDigits(b.currency);
  const digits = Math.max(da, db);
  const va = BigInt(a.amount) * 10n ** BigInt(digits - da);
  const vb = BigInt(b.amount) * 10n ** BigInt(digits - db);
  return va < vb
    ? -1
    : va > vb
      ? 1
      : a.currency < b.currency
        ? -1
        : a.currency > b.currency
          ? 1
          : 0;
}
