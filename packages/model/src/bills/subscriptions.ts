// Subscriptions: what each costs per month and per year whatever its cycle, and a price change
// caught from the payments — when two payments in a row differ from what the bill expects, the
// price has probably moved and the bill should follow.
import type { RecordOf } from '../collections.ts';
import * as dates from '../dates.ts';
import type { CalendarDate } from '../dates.ts';
import * as money from '../money.ts';
import * as occ from './occurrences.ts';
import * as status from './status.ts';

type Bill = RecordOf<'bills'>;
type Override = RecordOf<'monthlyOverrides'>;
type Payment = RecordOf<'payments'>;

/** Occurrences per year of each cycle: 52 weeks, 26 fortnights (a year is not quite 52 weeks). */
export function perYearCount(bill: Pick<Bill, 'cycle' | 'everyMonths'>): {
  times: number;
  per: number;
} {
  switch (bill.cycle) {
    case 'weekly':
      return { times: 52, per: 1 };
    case 'biweekly':
      return { times: 26, per: 1 };
    default:
      // Month-based: 12 / step times a year, kept as a fraction so every-7-months stays exact.
      return { times: 12, per: occ.monthStep(bill) ?? 1 };
  }
}

export interface NormalisedCost {
  currency: string;
  perMonth: number;
  perYear: number;
}

/** A bill's amount per month and per year, each rounded half up from the exact yearly figure. */
export function cost(
  bill: Pick<Bill, 'amount' | 'currency' | 'cycle' | 'everyMonths'>,
): NormalisedCost {
  const { times, per } = perYearCount(bill);
  return {
    currency: bill.currency,
    perYear: money.multiplyRatio(bill.amount, times, per),
    perMonth: money.multiplyRatio(bill.amount, times, per * 12),
  };
}

/** Whether the subscription is running on `today`: active and not ended or cancelled by then. */
export function isRunning(bill: Bill, today: CalendarDate): boolean {
  return (
    bill.active &&
    (bill.cancelledOn === undefined || bill.cancelledOn >= today) &&
    (bill.endDate === undefined || bill.endDate >= today)
  );
}

export interface SubscriptionTotals {
  currency: string;
  count: number;
  perMonth: number;
  perYear: number;
}

/**
 * The bills marked as subscriptions that are running on `today`, and their cost totals per
 * currency (currencies never added together). Totals sum the exact yearly figures and round once.
 */
export function list(
  bills: readonly Bill[],
  today: CalendarDate,
): { subscriptions: { bill: Bill; cost: NormalisedCost }[]; totals: SubscriptionTotals[] } {
  const subscriptions = bills
    .filter((b) => b.subscription && isRunning(b, today))
    .map((bill) => ({ bill, cost: cost(bill) }));
  const byCurrency = new Map<string, { count: number; perYear: number }>();
  for (const { cost: c } of subscriptions) {
    const t = byCurrency.get(c.currency) ?? { count: 0, perYear: 0 };
    t.count += 1;
    t.perYear = money.sum([t.perYear, c.perYear]);
    byCurrency.set(c.currency, t);
  }
  const totals = [...byCurrency]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, t]) => ({
      currency,
      count: t.count,
      perYear: t.perYear,
      perMonth: money.roundDiv(t.perYear, 12, 'half-up'),
    }));
  return { subscriptions, totals };
}

export interface PriceChange {
  billId: string;
  currency: string;
  /** What the bill (or its month override) expected for the later of the two occurrences. */
  expected: number;
  /** What was paid for the two occurrences, older first. */
  paid: [number, number];
  /** The scheduled dates of the two occurrences, older first. */
  occurrences: [CalendarDate, CalendarDate];
  /** The amount to update the bill to: the latest payment. */
  suggestedAmount: number;
}

/**
 * A price change: the two most recent occurrences paid by real payments (in the bill's currency,
 * not assumed by autopay), consecutive among the bill's occurrences that were not skipped, both
 * paid a different amount than expected. Undefined when there is no sign of one. Looks back
 * `lookbackDays` from `today` (default two years, enough for two annual renewals).
 */
export function priceChange(
  bill: Bill,
  overrides: readonly Override[],
  payments: readonly Payment[],
  today: CalendarDate,
  lookbackDays = 2 * 366 + 31,
): PriceChange | undefined {
  const past = status
    .states(
      bill,
      overrides,
      payments,
      { from: dates.addDays(today, -lookbackDays), to: today },
      today,
      { includeInactive: true },
    )
    .filter((s) => s.status !== 'skipped');
  const last = past.at(-1);
  const before = past.at(-2);
  const measured = (s: status.OccurrenceState | undefined): s is status.OccurrenceState =>
    s !== undefined &&
    s.status === 'paid' &&
    s.paidBy !== 'assumed' &&
    s.payments.some((p) => status.pays(p) && p.currency === bill.currency);
  // The newest occurrence may simply not be paid yet: then look one further back.
  const [a, b] =
    measured(before) && measured(last)
      ? [before, last]
      : last !== undefined && last.status !== 'paid'
        ? [past.at(-3), before]
        : [undefined, undefined];
  if (!measured(a) || !measured(b)) return undefined;
  if (a.paidAmount === a.occurrence.amount || b.paidAmount === b.occurrence.amount)
    return undefined;
  return {
    billId: bill.id,
    currency: bill.currency,
    expected: b.occurrence.amount,
    paid: [a.paidAmount, b.paidAmount],
    occurrences: [a.occurrence.scheduled, b.occurrence.scheduled],
    suggestedAmount: b.paidAmount,
  };
}
