// The reads behind "payments found in your transactions": the recent bank transactions not yet
// linked to a payment (what the tracker checks), and what the model needs to match transactions
// to bills (rules, remembered rejections, the bills' occurrences and payments around them).
import * as status from '@tally/model/bills/status';
import type { OccurrenceState } from '@tally/model/bills/status';
import * as dates from '@tally/model/dates';
import type { CalendarDate } from '@tally/model/dates';
import type { TallyDB } from '../store/schema.ts';
import type { Write } from '../store/store.ts';
import { duesRange, type Suggestion } from './import-flow.ts';
import * as queries from './queries.ts';
import {
  asRecords,
  type Account,
  type Bill,
  type MatchDismissal,
  type Override,
  type PayeeRule,
  type Payment,
  type Transaction,
} from './types.ts';
import { aroundRange, type DateRange } from './windows.ts';

/** How far back the tracker looks for bank transactions that pay a bill. */
export const RECENT_DAYS = 45;

/** Money-out transactions of the last `days` days (to today) without a payment, oldest first. */
export async function recentUnlinked(
  db: TallyDB,
  today: CalendarDate,
  days = RECENT_DAYS,
): Promise<Transaction[]> {
  const rows = await db.transactions
    .where('date')
    .between(dates.addDays(today, -days), today, true, true)
    .toArray();
  return asRecords<Transaction>(rows).filter((t) => t.amount < 0 && !t.paymentId);
}

export interface SuggestionData extends queries.BillsSnapshot {
  rules: PayeeRule[];
  dismissals: MatchDismissal[];
  accounts: Account[];
}

/**
 * Everything `findSuggestions` needs besides the transactions themselves; `range` spans the
 * transactions' dates (import-flow `dateRange`).
 */
export async function suggestionData(
  db: TallyDB,
  range: DateRange | undefined,
): Promise<SuggestionData> {
  const [snapshot, rules, dismissals, accounts] = await Promise.all([
    queries.snapshot(db, () => (range ? aroundRange(duesRange(range)) : undefined)),
    db.payeeRules.toArray(),
    db.billMatchDismissals.toArray(),
    db.accounts.toArray(),
  ]);
  return {
    ...snapshot,
    rules: asRecords<PayeeRule>(rules),
    dismissals: asRecords<MatchDismissal>(dismissals),
    accounts: asRecords<Account>(accounts),
  };
}

/**
 * Undoing an accepted suggestion: the payment goes and the transaction gets back the bill link
 * it had before (usually none).
 */
export function undoAcceptWrites(
  paymentId: string,
  before: Pick<Transaction, 'id' | 'billId'>,
): Write[] {
  return [
    { op: 'remove', collection: 'payments', id: paymentId },
    {
      op: 'update',
      collection: 'transactions',
      id: before.id,
      data: { billId: before.billId, paymentId: undefined },
    },
  ];
}

/** How far from a transaction's date "link to a bill" looks for the occurrence it pays. */
export const LINK_WINDOW_DAYS = 45;

export interface LinkInput {
  bill: Bill;
  /** The bill's month overrides. */
  overrides: readonly Override[];
  /** The bill's payments around the transaction's date (windows.aroundRange). */
  payments: readonly Payment[];
  transaction: Transaction;
  today: CalendarDate;
}

/**
 * Linking a transaction to a bill by hand (its payee matches no rule): the payment it makes, of
 * the bill's unpaid occurrence nearest to the transaction's date (an earlier one on a tie), within
 * LINK_WINDOW_DAYS. Undefined when the currencies differ or no occurrence is open; the person
 * then records the payment on the bill instead.
 */
export function manualLink(input: LinkInput): Suggestion | undefined {
  const { bill, transaction: t } = input;
  if (t.amount >= 0 || t.currency !== bill.currency) return undefined;
  const range = {
    from: dates.addDays(t.date, -LINK_WINDOW_DAYS),
    to: dates.addDays(t.date, LINK_WINDOW_DAYS),
  };
  let best: OccurrenceState | undefined;
  let bestDays = Infinity;
  for (const s of status.states(bill, input.overrides, input.payments, range, input.today, {
    includeInactive: true,
  })) {
    const due = s.occurrence.due;
    if (due < range.from || due > range.to) continue;
    if (s.status === 'skipped' || (s.status === 'paid' && s.paidBy !== 'assumed')) continue;
    const days = Math.abs(dates.diffDays(due, t.date));
    if (days < bestDays) {
      best = s;
      bestDays = days;
    }
  }
  if (!best) return undefined;
  const o = best.occurrence;
  return {
    transactionId: t.id,
    billId: bill.id,
    occurrence: o.due,
    scheduled: o.scheduled,
    date: t.date,
    amount: -t.amount,
    currency: t.currency,
    accountId: t.accountId,
    ruleId: '',
    daysFromDue: dates.diffDays(o.due, t.date),
    amountDifference: -t.amount - o.amount,
  };
}

/** Transactions linked to a bill (only those are in the billId index). */
export async function linkedTransactions(db: TallyDB): Promise<Transaction[]> {
  return asRecords<Transaction>(await db.transactions.where('billId').above('').toArray());
}
