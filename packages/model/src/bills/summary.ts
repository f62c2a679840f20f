// The month's plan: starting amount + income − bills due = what the month should leave. Amounts
// in different currencies are never added together: every total is per currency, and a view
// shows one line (or one chart series) per currency.
import type { RecordOf } from '../collections.ts';
import * as dates from '../dates.ts';
import type { CalendarDate, MonthKey } from '../dates.ts';
import * as money from '../money.ts';
import * as occ from './occurrences.ts';
import * as status from './status.ts';
import type { StatusOptions } from './status.ts';

type Bill = RecordOf<'bills'>;
type Override = RecordOf<'monthlyOverrides'>;
type Payment = RecordOf<'payments'>;
type Income = RecordOf<'incomes'>;
type StartingAmount = RecordOf<'startingAmounts'>;

export interface PlanningInput {
  bills: readonly Bill[];
  overrides: readonly Override[];
  payments: readonly Payment[];
  incomes: readonly Income[];
  startingAmounts: readonly StartingAmount[];
  today: CalendarDate;
  options?: StatusOptions;
}

export interface CurrencyTotals {
  currency: string;
  starting: number;
  /** A starting amount was entered for the month; otherwise `starting` is 0. */
  startingRecorded: boolean;
  income: number;
  /** The part of `income` marked received. */
  incomeReceived: number;
  /** Expected amounts of the occurrences due this month, skipped ones left out. */
  billsDue: number;
  /** Paid toward this month's occurrences (assumed autopay at the expected amount). */
  paid: number;
  /** Expected amounts of this month's occurrences not paid yet. */
  remaining: number;
  /** starting + income − billsDue. */
  projected: number;
  /** starting + income − paid − remaining: the plan corrected by what payments really were. */
  projectedActual: number;
}

export interface CategoryTotals {
  /** Undefined for bills without a category. */
  categoryId?: string;
  currency: string;
  expected: number;
  /** What was paid toward the same occurrences, so a difference is a price, not a timing. */
  actual: number;
}

export interface MonthSummary {
  month: MonthKey;
  currencies: CurrencyTotals[];
  categories: CategoryTotals[];
}

/** Totals of the occurrences due in `month` (by their current due date) on `today`. */
export function month(input: PlanningInput, month: MonthKey): MonthSummary {
  const range = { from: dates.firstOfMonth(month), to: dates.lastOfMonth(month) };
  const states = status.statesForAll(
    input.bills,
    input.overrides,
    input.payments,
    range,
    input.today,
    input.options,
  );
  const bills = new Map(input.bills.map((b) => [b.id, b]));
  const totals = new Map<string, CurrencyTotals>();
  const totalsFor = (currency: string): CurrencyTotals => {
    let t = totals.get(currency);
    if (!t) {
      t = {
        currency,
        starting: 0,
        startingRecorded: false,
        income: 0,
        incomeReceived: 0,
        billsDue: 0,
        paid: 0,
        remaining: 0,
        projected: 0,
        projectedActual: 0,
      };
      totals.set(currency, t);
    }
    return t;
  };
  for (const s of startingAmountsOf(input.startingAmounts, month)) {
    const t = totalsFor(s.currency);
    t.starting = s.amount;
    t.startingRecorded = true;
  }
  for (const i of input.incomes) {
    if (i.month !== month) continue;
    const t = totalsFor(i.currency);
    t.income = add(t.income, i.amount);
    if (i.received) t.incomeReceived = add(t.incomeReceived, i.amount);
  }
  const categories = new Map<string, CategoryTotals>();
  for (const s of states) {
    if (s.status === 'skipped') continue;
    const { amount, currency } = s.occurrence;
    const t = totalsFor(currency);
    t.billsDue = add(t.billsDue, amount);
    if (s.status === 'paid') t.paid = add(t.paid, s.paidAmount);
    else t.remaining = add(t.remaining, amount);
    const categoryId = bills.get(s.occurrence.billId)?.categoryId;
    const key = `${categoryId ?? ''}|${currency}`;
    let c = categories.get(key);
    if (!c) {
      c = { currency, expected: 0, actual: 0 };
      if (categoryId !== undefined) c.categoryId = categoryId;
      categories.set(key, c);
    }
    c.expected = add(c.expected, amount);
    c.actual = add(c.actual, s.paidAmount);
  }
  for (const t of totals.values()) {
    t.projected = money.sum([t.starting, t.income, -t.billsDue]);
    t.projectedActual = money.sum([t.starting, t.income, -t.paid, -t.remaining]);
  }
  return {
    month,
    currencies: [...totals.values()].sort((a, b) => compareText(a.currency, b.currency)),
    categories: [...categories.values()].sort(
      (a, b) =>
        compareText(a.categoryId ?? '', b.categoryId ?? '') || compareText(a.currency, b.currency),
    ),
  };
}

/**
 * The starting amounts of a month, one per currency. Two devices offline can each enter one; the
 * newer record (higher id) is the one that counts, on every device.
 */
export function startingAmountsOf(
  records: readonly StartingAmount[],
  month: MonthKey,
): StartingAmount[] {
  const newest = new Map<string, StartingAmount>();
  for (const r of records) {
    if (r.month !== month) continue;
    const seen = newest.get(r.currency);
    if (!seen || r.id > seen.id) newest.set(r.currency, r);
  }
  return [...newest.values()].sort((a, b) => compareText(a.currency, b.currency));
}

export interface ProjectionPoint {
  month: MonthKey;
  starting: number;
  /** Entered for this month; otherwise carried over from the previous month's projection. */
  startingRecorded: boolean;
  income: number;
  /** No income entered for this month: the latest month with income entered stands in. */
  incomeEstimated: boolean;
  billsDue: number;
  projected: number;
}

export interface ProjectionSeries {
  currency: string;
  points: ProjectionPoint[];
}

/**
 * One series per currency over `months` months from `from`, for the Summary chart. Each month
 * starts from its entered starting amount, else from the previous month's projected balance (the
 * first month from 0); income is what was entered for the month, else the latest earlier month's;
 * bills due are the month's occurrences (skips, snoozes and amount overrides applied).
 */
export function projection(
  input: Omit<PlanningInput, 'payments' | 'today' | 'options'>,
  from: MonthKey,
  months = 12,
): ProjectionSeries[] {
  const monthKeys = Array.from({ length: months }, (_, i) => dates.addMonthsToMonth(from, i));
  const lastMonth = monthKeys.at(-1) ?? from;
  const range = { from: dates.firstOfMonth(from), to: dates.lastOfMonth(lastMonth) };
  const due = new Map<string, number>(); // `${month}|${currency}`
  for (const bill of input.bills) {
    for (const o of occ.inRange(bill, input.overrides, range)) {
      if (o.skipped) continue;
      const key = `${dates.monthOf(o.due)}|${o.currency}`;
      due.set(key, add(due.get(key) ?? 0, o.amount));
    }
  }
  const incomeByMonth = new Map<string, number>();
  for (const i of input.incomes) {
    const key = `${i.month}|${i.currency}`;
    incomeByMonth.set(key, add(incomeByMonth.get(key) ?? 0, i.amount));
  }
  const currencies = new Set<string>();
  for (const key of due.keys()) currencies.add(key.slice(8));
  for (const i of input.incomes) if (i.month <= lastMonth) currencies.add(i.currency);
  for (const s of input.startingAmounts)
    if (monthKeys.includes(s.month)) currencies.add(s.currency);

  return [...currencies].sort(compareText).map((currency) => {
    const incomeMonths = [...incomeByMonth.keys()]
      .filter((k) => k.endsWith(`|${currency}`))
      .map((k) => k.slice(0, 7))
      .sort();
    let previous: number | undefined;
    const points = monthKeys.map((month): ProjectionPoint => {
      const recorded = startingAmountsOf(input.startingAmounts, month).find(
        (s) => s.currency === currency,
      );
      const starting = recorded?.amount ?? previous ?? 0;
      const entered = incomeByMonth.get(`${month}|${currency}`);
      const stand = incomeMonths.filter((m) => m < month).at(-1);
      const income =
        entered ?? (stand === undefined ? 0 : (incomeByMonth.get(`${stand}|${currency}`) ?? 0));
      const billsDue = due.get(`${month}|${currency}`) ?? 0;
      const projected = money.sum([starting, income, -billsDue]);
      previous = projected;
      return {
        month,
        starting,
        startingRecorded: recorded !== undefined,
        income,
        incomeEstimated: entered === undefined && stand !== undefined,
        billsDue,
        projected,
      };
    });
    return { currency, points };
  });
}

function add(a: number, b: number): number {
  return money.sum([a, b]);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
