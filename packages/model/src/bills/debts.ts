// Paying debts off: monthly interest, amortisation, and the snowball (smallest balance first) and
// avalanche (highest APR first) plans. All in minor units; interest is rounded once a month, half
// up, the way card and loan statements do. A plan that can never finish is an error value, found
// within a bounded number of months, never an endless loop.
import type { RecordOf } from '../collections.ts';
import * as dates from '../dates.ts';
import type { MonthKey } from '../dates.ts';
import * as money from '../money.ts';
import { err, ok, type Result } from '../result.ts';

type Bill = RecordOf<'bills'>;

export interface Debt {
  id: string;
  name: string;
  /** What is owed, in minor units. */
  balance: number;
  /** Yearly rate in basis points: 19.99 % = 1999. */
  aprBasisPoints: number;
  /** Paid every month while the debt is open. */
  minimumPayment: number;
  currency: string;
  /** The user's own order for the `custom` strategy; lower first. */
  order?: number;
}

export const strategies = ['snowball', 'avalanche', 'custom'] as const;
export type Strategy = (typeof strategies)[number];

/** A century: a plan longer than this is reported, not computed. */
export const MAX_MONTHS = 1200;

/**
 * The debts among the bills: those with a balance above zero (only those included in the payoff
 * plan unless `includedOnly` is false). The minimum payment falls back to the bill's amount, the
 * APR to 0.
 */
export function fromBills(bills: readonly Bill[], includedOnly = true): Debt[] {
  return bills
    .filter((b) => (b.debtBalance ?? 0) > 0 && (b.payoffIncluded || !includedOnly))
    .map((b) => {
      const debt: Debt = {
        id: b.id,
        name: b.name,
        balance: b.debtBalance ?? 0,
        aprBasisPoints: b.aprBasisPoints ?? 0,
        minimumPayment: b.minimumPayment ?? b.amount,
        currency: b.currency,
      };
      if (b.payoffOrder !== undefined) debt.order = b.payoffOrder;
      return debt;
    });
}

/** One month's interest: balance × APR / 12, rounded half up to the minor unit. */
export function monthlyInterest(balance: number, aprBasisPoints: number): number {
  return money.multiplyRatio(balance, aprBasisPoints, 12 * 10_000, 'half-up');
}

/**
 * The order extra money goes in. Snowball: smallest balance first (then highest APR). Avalanche:
 * highest APR first (then smallest balance). Custom: the user's order (unordered last, then
 * smallest balance). Remaining ties by id, so every device agrees.
 */
export function order(debts: readonly Debt[], strategy: Strategy): Debt[] {
  const byId = (a: Debt, b: Debt): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const byBalance = (a: Debt, b: Debt): number => a.balance - b.balance;
  const byApr = (a: Debt, b: Debt): number => b.aprBasisPoints - a.aprBasisPoints;
  const byOrder = (a: Debt, b: Debt): number =>
    (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER);
  const compare = {
    snowball: (a: Debt, b: Debt) => byBalance(a, b) || byApr(a, b) || byId(a, b),
    avalanche: (a: Debt, b: Debt) => byApr(a, b) || byBalance(a, b) || byId(a, b),
    custom: (a: Debt, b: Debt) => byOrder(a, b) || byBalance(a, b) || byId(a, b),
  }[strategy];
  return [...debts].sort(compare);
}

export interface DebtMonth {
  debtId: string;
  startBalance: number;
  interest: number;
  payment: number;
  endBalance: number;
}

export interface PlanMonth {
  month: MonthKey;
  /** The debts still open at the start of the month, in plan order. */
  rows: DebtMonth[];
  interest: number;
  payment: number;
  /** Owed across all debts at the end of the month. */
  balance: number;
}

export interface DebtOutcome {
  debtId: string;
  /** The month of its last payment. */
  payoffMonth: MonthKey;
  /** Months until paid off, counting the first month as 1. */
  months: number;
  totalInterest: number;
  totalPaid: number;
}

export interface PayoffPlan {
  strategy: Strategy;
  currency: string;
  /** Debt ids in the order extra money goes to them. */
  order: string[];
  /** Paid every month until the end: all minimums plus the extra. */
  monthlyBudget: number;
  months: PlanMonth[];
  debts: DebtOutcome[];
  /** Undefined when there was nothing to pay. */
  payoffMonth?: MonthKey;
  totalInterest: number;
  totalPaid: number;
  /** Debts whose own minimum does not cover their first month's interest: only the plan's
   * rolled-over money pays them off. */
  minimumBelowInterest: string[];
}

export type PlanError =
  | { kind: 'invalid'; message: string }
  | { kind: 'mixed-currencies'; currencies: string[]; message: string }
  | { kind: 'never-pays-off'; debtIds: string[]; month: MonthKey; message: string }
  | { kind: 'too-long'; months: number; message: string };

export interface PlanOptions {
  strategy: Strategy;
  /** Paid on top of the minimums every month; rolls on to the next debt as each is paid off. */
  extra: number;
  /** The first month of payments. */
  start: MonthKey;
  maxMonths?: number;
}

/**
 * A month-by-month payoff plan. Every month, each open debt accrues a month's interest on its
 * balance, then gets its minimum (or what is left of it); what remains of the budget (all the
 * minimums, paid-off debts' included, plus `extra`) goes to the first open debt in strategy
 * order, and on to the next when that one is paid off. Fails with `never-pays-off` the first
 * month the total owed does not go down (the budget cannot beat the interest), and with
 * `too-long` past `maxMonths`.
 */
export function plan(debts: readonly Debt[], options: PlanOptions): Result<PayoffPlan, PlanError> {
  const maxMonths = options.maxMonths ?? MAX_MONTHS;
  if (!Number.isSafeInteger(options.extra) || options.extra < 0) {
    return err({
      kind: 'invalid',
      message: `The extra monthly amount must be a whole number of minor units, 0 or more (got ${options.extra}).`,
    });
  }
  for (const d of debts) {
    if (d.minimumPayment < 0 || d.aprBasisPoints < 0 || !Number.isSafeInteger(d.balance)) {
      return err({
        kind: 'invalid',
        message: `Debt "${d.name}": balance, APR and minimum payment must be whole numbers, APR and minimum 0 or more.`,
      });
    }
  }
  const open = debts.filter((d) => d.balance > 0);
  const currencies = [...new Set(open.map((d) => d.currency))].sort();
  if (currencies.length > 1) {
    return err({
      kind: 'mixed-currencies',
      currencies,
      message: `These debts are in ${currencies.join(' and ')}; plan each currency on its own.`,
    });
  }
  const ordered = order(open, options.strategy);
  const currency = currencies[0] ?? '';
  const monthlyBudget = money.sum([...ordered.map((d) => d.minimumPayment), options.extra]);
  const balances = new Map(ordered.map((d) => [d.id, d.balance]));
  const outcomes = new Map<string, DebtOutcome>();
  const totals = new Map(ordered.map((d) => [d.id, { interest: 0, paid: 0 }]));
  const months: PlanMonth[] = [];
  const minimumBelowInterest = ordered
    .filter((d) => d.minimumPayment <= monthlyInterest(d.balance, d.aprBasisPoints))
    .map((d) => d.id);

  for (let i = 0; outcomes.size < ordered.length; i++) {
    const month = dates.addMonthsToMonth(options.start, i);
    if (i >= maxMonths) {
      return err({
        kind: 'too-long',
        months: maxMonths,
        message: `Paying ${money.toDecimalString(monthlyBudget, currency)} ${currency} a month does not pay these debts off within ${maxMonths} months.`,
      });
    }
    const rows: DebtMonth[] = [];
    const owedBefore = sumBalances(balances);
    for (const d of ordered) {
      const startBalance = balances.get(d.id) ?? 0;
      if (startBalance <= 0) continue;
      const interest = monthlyInterest(startBalance, d.aprBasisPoints);
      rows.push({
        debtId: d.id,
        startBalance,
        interest,
        payment: 0,
        endBalance: startBalance + interest,
      });
    }
    let available = monthlyBudget;
    const pay = (row: DebtMonth, amount: number): void => {
      const paid = Math.min(amount, row.endBalance, available);
      row.payment += paid;
      row.endBalance -= paid;
      available -= paid;
    };
    for (const row of rows) {
      pay(row, ordered.find((d) => d.id === row.debtId)?.minimumPayment ?? 0);
    }
    for (const row of rows) if (available > 0) pay(row, available);

    for (const row of rows) {
      balances.set(row.debtId, row.endBalance);
      const total = totals.get(row.debtId);
      if (total) {
        total.interest += row.interest;
        total.paid += row.payment;
      }
      if (row.endBalance === 0 && total) {
        outcomes.set(row.debtId, {
          debtId: row.debtId,
          payoffMonth: month,
          months: i + 1,
          totalInterest: total.interest,
          totalPaid: total.paid,
        });
      }
    }
    const owedAfter = sumBalances(balances);
    if (owedAfter >= owedBefore) {
      const growing = rows.filter((r) => r.endBalance >= r.startBalance).map((r) => r.debtId);
      return err({
        kind: 'never-pays-off',
        debtIds: growing,
        month,
        message: `Paying ${money.toDecimalString(monthlyBudget, currency)} ${currency} a month never pays these debts off: in ${month} the interest alone is ${money.toDecimalString(
          rows.reduce((t, r) => t + r.interest, 0),
          currency,
        )} ${currency}.`,
      });
    }
    months.push({
      month,
      rows,
      interest: money.sum(rows.map((r) => r.interest)),
      payment: money.sum(rows.map((r) => r.payment)),
      balance: owedAfter,
    });
  }
  const result: PayoffPlan = {
    strategy: options.strategy,
    currency,
    order: ordered.map((d) => d.id),
    monthlyBudget,
    months,
    debts: ordered.map((d) => outcomes.get(d.id) as DebtOutcome),
    totalInterest: money.sum(months.map((m) => m.interest)),
    totalPaid: money.sum(months.map((m) => m.payment)),
    minimumBelowInterest,
  };
  const last = months.at(-1);
  if (last) result.payoffMonth = last.month;
  return ok(result);
}

/**
 * The amortisation schedule of one debt paid `payment` a month (its minimum when omitted). A
 * payment that does not cover the interest is `never-pays-off`.
 */
export function amortize(
  debt: Debt,
  start: MonthKey,
  payment = debt.minimumPayment,
  maxMonths = MAX_MONTHS,
): Result<PayoffPlan, PlanError> {
  return plan([{ ...debt, minimumPayment: payment }], {
    strategy: 'custom',
    extra: 0,
    start,
    maxMonths,
  });
}

function sumBalances(balances: Map<string, number>): number {
  return money.sum([...balances.values()]);
}
