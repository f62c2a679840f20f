// From a reviewed statement to stored records, and from stored transactions to proposed
// payments. Pure: the import screen loads what these need and applies the writes they return,
// in one store transaction each, so a failure stores nothing.
import * as dates from '@tally/model/dates';
import type { CalendarDate } from '@tally/model/dates';
import type { NewRecord } from '@tally/model/collection';
import type { ImportPlan } from '@tally/model/bank/plan';
import * as suggest from '@tally/model/bank/suggest';
import * as status from '@tally/model/bills/status';
import type { Write } from '../store/store.ts';
import type {
  Account,
  Bill,
  MatchDismissal,
  Override,
  PayeeRule,
  Payment,
  Transaction,
} from './types.ts';
import type { DateRange } from './windows.ts';

/** The first and last dates of some transactions; undefined when there are none. */
export function dateRange(transactions: readonly { date: CalendarDate }[]): DateRange | undefined {
  let from: CalendarDate | undefined;
  let to: CalendarDate | undefined;
  for (const t of transactions) {
    if (from === undefined || t.date < from) from = t.date;
    if (to === undefined || t.date > to) to = t.date;
  }
  return from && to ? { from, to } : undefined;
}

export type AccountChoice =
  | { kind: 'existing'; account: Account; importKey?: string }
  | { kind: 'new'; id: string; input: NewRecord<'accounts'> };

/**
 * The writes that store a plan: the new account first when there is one, the account's import
 * key when an existing account learns it, then every new transaction under its derived id.
 */
export function importWrites(plan: ImportPlan, account: AccountChoice): Write[] {
  const writes: Write[] = [];
  if (account.kind === 'new') {
    writes.push({
      op: 'create',
      collection: 'accounts',
      id: account.id,
      data: { ...account.input },
    });
  } else if (account.importKey && account.account.importKey !== account.importKey) {
    writes.push({
      op: 'update',
      collection: 'accounts',
      id: account.account.id,
      data: { importKey: account.importKey },
    });
  }
  for (const t of plan.create)
    writes.push({ op: 'create', collection: 'transactions', id: t.id, data: { ...t.input } });
  return writes;
}

export interface Suggestion extends suggest.PaymentSuggestion {
  /** The scheduled date of the occurrence: what the payment links to (`occurrence` is its due date, the snoozed one when snoozed). */
  scheduled: CalendarDate;
}

export interface SuggestionInput {
  bills: readonly Bill[];
  overrides: readonly Override[];
  /** The bills' payments around the transactions' dates (windows.aroundRange). */
  payments: readonly Payment[];
  transactions: readonly Transaction[];
  rules: readonly PayeeRule[];
  dismissals: readonly MatchDismissal[];
  today: CalendarDate;
}

/** The dates whose occurrences a transaction in `range` may pay (suggest's default window). */
export function duesRange(range: DateRange): DateRange {
  return { from: dates.addDays(range.from, -7), to: dates.addDays(range.to, 10) };
}

/**
 * Payments to propose: transactions matched by a payee rule to an occurrence of the rule's bill
 * near its due date and amount. Occurrences already paid by a recorded payment, and skipped ones,
 * are not proposed; one assumed paid by autopay is, so the bank's record can confirm it.
 */
export function findSuggestions(input: SuggestionInput): Suggestion[] {
  const range = dateRange(input.transactions);
  if (!range || input.rules.length === 0) return [];
  const states = status.statesForAll(
    input.bills,
    input.overrides,
    input.payments,
    duesRange(range),
    input.today,
    { includeInactive: true },
  );
  const scheduledOf = new Map<string, CalendarDate>();
  const dues: suggest.DueOccurrence[] = [];
  for (const s of states) {
    if (s.status === 'skipped' || (s.status === 'paid' && s.paidBy !== 'assumed')) continue;
    const o = s.occurrence;
    scheduledOf.set(`${o.billId}\n${o.due}`, o.scheduled);
    dues.push({ billId: o.billId, due: o.due, amount: o.amount, currency: o.currency });
  }
  return suggest
    .suggestPayments({
      transactions: input.transactions,
      rules: input.rules,
      dues,
      dismissals: input.dismissals,
      payments: input.payments,
    })
    .map((s) => ({
      ...s,
      scheduled: scheduledOf.get(`${s.billId}\n${s.occurrence}`) ?? s.occurrence,
    }));
}

/** Accepting: the payment (linked to the occurrence's scheduled date) and the transaction's link. */
export function acceptWrites(s: Suggestion, paymentId: string): Write[] {
  return [
    {
      op: 'create',
      collection: 'payments',
      id: paymentId,
      data: { ...suggest.paymentFor(s), occurrence: s.scheduled },
    },
    {
      op: 'update',
      collection: 'transactions',
      id: s.transactionId,
      data: suggest.transactionLink(s, paymentId),
    },
  ];
}
