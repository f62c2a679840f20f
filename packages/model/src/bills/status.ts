// Where an occurrence stands on a given day: paid, skipped, missed, late, due soon or upcoming.
// Payments pay occurrences in two ways: linked (the user tapped "paid" on it, so the payment
// names its scheduled date) or matched (a payment without a link — from a bank import or another
// app — taken by the nearest unpaid occurrence within a window around its due date).
import type { RecordOf } from '../collections.ts';
import * as dates from '../dates.ts';
import type { CalendarDate } from '../dates.ts';
import * as occ from './occurrences.ts';
import type { DateRange, Occurrence, OccurrenceOptions } from './occurrences.ts';

type Bill = RecordOf<'bills'>;
type Override = RecordOf<'monthlyOverrides'>;
type Payment = RecordOf<'payments'>;

export const statuses = ['missed', 'late', 'due-soon', 'upcoming', 'paid', 'skipped'] as const;
export type Status = (typeof statuses)[number];

/**
 * How it was paid: `autopay` by a payment whose method is autopay, `payment` by any other, and
 * `assumed` when the bill's autopay is trusted (`assumed` or `confirmed`), the due date has come
 * and nothing says it failed.
 */
export type PaidBy = 'payment' | 'autopay' | 'assumed';

export interface OccurrenceState {
  occurrence: Occurrence;
  status: Status;
  /** The payments assigned to it, failed autopay attempts included, by date. */
  payments: Payment[];
  /** What was paid toward it in its currency; the expected amount when assumed paid by autopay. */
  paidAmount: number;
  paidBy?: PaidBy;
  /** An autopay attempt for it is recorded as failed. */
  autopayFailed: boolean;
  /** Days from today to the due date; negative once past. */
  daysUntilDue: number;
}

export const DEFAULT_DUE_SOON_DAYS = 3;
/** However long a cycle, an unpaid occurrence counts as missed after this many days. */
export const MISSED_AFTER_DAYS = 31;
/** How far around a range to look for occurrences and payments, so matching sees its neighbours. */
const MARGIN_DAYS = 62;

export interface StatusOptions extends OccurrenceOptions {
  /** "Due soon" when due within this many days (0 = due today); settings.dueSoonDays. */
  dueSoonDays?: number;
}

/**
 * How far from its due date an unlinked payment may be and still be matched to an occurrence:
 * ±3 days for weekly bills, ±7 for biweekly, ±14 for everything else — never more than half a
 * cycle, so a payment is close to one occurrence, not two.
 */
export function matchWindowDays(bill: Pick<Bill, 'cycle'>): number {
  return bill.cycle === 'weekly' ? 3 : bill.cycle === 'biweekly' ? 7 : 14;
}

/** The payment moves money: everything except a failed autopay attempt. */
export function pays(payment: Payment): boolean {
  return !payment.autopayFailed;
}

/**
 * Assigns the bill's payments to its occurrences. Each payment pays at most one occurrence:
 * 1. A payment linked to a scheduled date (`payment.occurrence`) goes to that occurrence, or
 *    nowhere here when that occurrence is not among `occurrences`.
 * 2. A payment linked to a date the cycle no longer has (the due day was changed since) and a
 *    payment with no link are matched, oldest first, to the nearest occurrence within
 *    `matchWindowDays` of the linked date (else the payment date) that is not skipped and not
 *    already paid; on a tie the earlier occurrence wins. A snoozed occurrence's window runs from
 *    before its scheduled date to after its snoozed one.
 * Returns the payments per occurrence key, by date then id.
 */
export function assignPayments(
  bill: Bill,
  occurrences: readonly Occurrence[],
  payments: readonly Payment[],
): Map<string, Payment[]> {
  const byKey = new Map<string, Payment[]>(occurrences.map((o) => [o.key, []]));
  const byScheduled = new Map(occurrences.map((o) => [o.scheduled, o]));
  const paid = new Set<string>();
  const add = (o: Occurrence, p: Payment): void => {
    byKey.get(o.key)?.push(p);
    if (pays(p)) paid.add(o.key);
  };
  const unmatched: { payment: Payment; near: CalendarDate }[] = [];
  for (const p of [...payments].sort(byDateThenId)) {
    if (p.billId !== bill.id) continue;
    if (p.occurrence === undefined) {
      unmatched.push({ payment: p, near: p.date });
      continue;
    }
    const linked = byScheduled.get(p.occurrence);
    if (linked) add(linked, p);
    else if (!occ.isScheduled(bill, p.occurrence))
      unmatched.push({ payment: p, near: p.occurrence });
  }
  unmatched.sort((a, b) => dates.compare(a.near, b.near) || byDateThenId(a.payment, b.payment));
  const window = matchWindowDays(bill);
  for (const { payment, near } of unmatched) {
    let best: Occurrence | undefined;
    let bestDistance = Infinity;
    for (const o of occurrences) {
      if (o.skipped || paid.has(o.key)) continue;
      const distance =
        near < o.scheduled
          ? dates.diffDays(near, o.scheduled)
          : near > o.due
            ? dates.diffDays(o.due, near)
            : 0;
      if (distance > window) continue;
      if (
        distance < bestDistance ||
        (distance === bestDistance && best && o.scheduled < best.scheduled)
      ) {
        best = o;
        bestDistance = distance;
      }
    }
    if (best) add(best, payment);
  }
  for (const list of byKey.values()) list.sort(byDateThenId);
  return byKey;
}

/**
 * The state of one occurrence on `today`, given the payments assigned to it:
 * - paid: a payment (not a failed autopay attempt) is assigned to it — even when skipped — or
 *   autopay is trusted, the due date has come and no failure is recorded.
 * - skipped: skipped for its month and not paid.
 * - due soon: due today or within `dueSoonDays`; upcoming: later than that.
 * - late: past due, and neither the next scheduled date of the bill has come nor
 *   `MISSED_AFTER_DAYS` have passed since the due date.
 * - missed: past due and unpaid once the bill's next occurrence is on its scheduled date (a
 *   monthly bill due Jan 5 is late Jan 6 – Feb 4 and missed from Feb 5), or 31 days after the due
 *   date for longer cycles and for the last occurrence.
 *   For a snoozed occurrence the late period starts at the snoozed date and lasts as long as the
 *   cycle gap.
 */
export function stateOf(
  bill: Bill,
  occurrence: Occurrence,
  assigned: readonly Payment[],
  today: CalendarDate,
  options: StatusOptions = {},
): OccurrenceState {
  const successful = assigned.filter(pays);
  const autopayFailed = assigned.some((p) => p.autopayFailed);
  const daysUntilDue = dates.diffDays(today, occurrence.due);
  const state: OccurrenceState = {
    occurrence,
    status: 'upcoming',
    payments: [...assigned],
    paidAmount: 0,
    autopayFailed,
    daysUntilDue,
  };
  if (successful.length > 0) {
    state.status = 'paid';
    state.paidBy = successful.some((p) => p.method === 'autopay') ? 'autopay' : 'payment';
    state.paidAmount = successful
      .filter((p) => p.currency === occurrence.currency)
      .reduce((total, p) => total + p.amount, 0);
    return state;
  }
  if (occurrence.skipped) {
    state.status = 'skipped';
    return state;
  }
  const trusted = bill.autopay === 'assumed' || bill.autopay === 'confirmed';
  if (trusted && !autopayFailed && daysUntilDue <= 0) {
    state.status = 'paid';
    state.paidBy = 'assumed';
    state.paidAmount = occurrence.amount;
    return state;
  }
  if (daysUntilDue >= 0) {
    state.status =
      daysUntilDue <= (options.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS) ? 'due-soon' : 'upcoming';
    return state;
  }
  state.status = -daysUntilDue >= graceDays(bill, occurrence) ? 'missed' : 'late';
  return state;
}

/** Days after its due date that an unpaid occurrence turns from late to missed. */
export function graceDays(bill: Bill, occurrence: Occurrence): number {
  const next = occ.nextScheduled(bill, occurrence.scheduled);
  const gap = next === undefined ? MISSED_AFTER_DAYS : dates.diffDays(occurrence.scheduled, next);
  return Math.min(MISSED_AFTER_DAYS, gap);
}

/**
 * The states of a bill's occurrences due in `range` on `today`. Occurrences and payments up to
 * two months around the range take part in matching, so a payment made just before the range
 * still finds its occurrence.
 */
export function states(
  bill: Bill,
  overrides: readonly Override[],
  payments: readonly Payment[],
  range: DateRange,
  today: CalendarDate,
  options: StatusOptions = {},
): OccurrenceState[] {
  const wide = {
    from: dates.addDays(range.from, -MARGIN_DAYS),
    to: dates.addDays(range.to, MARGIN_DAYS),
  };
  const all = occ.inRange(bill, overrides, wide, options);
  const assigned = assignPayments(bill, all, payments);
  return all
    .filter((o) => o.due >= range.from && o.due <= range.to)
    .map((o) => stateOf(bill, o, assigned.get(o.key) ?? [], today, options));
}

/** The states of every bill's occurrences due in `range`, ordered by due date. */
export function statesForAll(
  bills: readonly Bill[],
  overrides: readonly Override[],
  payments: readonly Payment[],
  range: DateRange,
  today: CalendarDate,
  options: StatusOptions = {},
): OccurrenceState[] {
  const paymentsByBill = groupBy(payments, (p) => p.billId);
  const overridesByBill = groupBy(overrides, (o) => o.billId);
  return bills
    .flatMap((b) =>
      states(
        b,
        overridesByBill.get(b.id) ?? [],
        paymentsByBill.get(b.id) ?? [],
        range,
        today,
        options,
      ),
    )
    .sort((a, b) => occ.compare(a.occurrence, b.occurrence));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function byDateThenId(a: Payment, b: Payment): number {
  return dates.compare(a.date, b.date) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
