// Proposed payments: a money-out transaction whose payee matches a rule for a bill, in the bill's
// currency, with an amount near the occurrence's expected amount and a date near its due date.
// The person accepts (a payment linked to the transaction) or rejects (a dismissal, after which
// that transaction is never proposed for that bill again). Due occurrences come in as a plain
// list, whoever computed them.
import type { NewRecord } from '../collection.ts';
import * as dates from '../dates.ts';
import * as money from '../money.ts';
import { matchingRule, type Rule } from './rules.ts';

export interface DueOccurrence {
  billId: string;
  /** The occurrence's due date. */
  due: dates.CalendarDate;
  /** Expected amount, minor units, ≥ 0; 0 means "varies" and matches any amount. */
  amount: number;
  currency: string;
}

export interface SuggestTransaction {
  id: string;
  accountId: string;
  date: dates.CalendarDate;
  amount: number;
  currency: string;
  payee?: string;
  memo?: string;
  /** Already linked to a payment: not proposed again. */
  paymentId?: string;
}

export interface PaymentSuggestion {
  transactionId: string;
  billId: string;
  /** The due date of the occurrence it would pay. */
  occurrence: dates.CalendarDate;
  date: dates.CalendarDate;
  /** What was paid: the transaction's amount as a positive number. */
  amount: number;
  currency: string;
  accountId: string;
  ruleId: string;
  /** Transaction date minus due date, in days (negative: paid early). */
  daysFromDue: number;
  /** Paid minus expected, minor units. */
  amountDifference: number;
}

export interface SuggestOptions {
  /** How many days before the due date a payment may be (default 10). */
  daysBefore?: number;
  /** How many days after the due date a payment may be (default 7). */
  daysAfter?: number;
  /** Relative tolerance on the amount in basis points (default 1000 = 10 %). */
  toleranceBasisPoints?: number;
  /** Absolute tolerance on the amount in minor units (default 100); the larger one applies. */
  toleranceMinor?: number;
}

export interface SuggestInput {
  transactions: readonly SuggestTransaction[];
  rules: readonly Rule[];
  dues: readonly DueOccurrence[];
  dismissals: readonly { transactionId: string; billId: string }[];
  payments: readonly { billId: string; occurrence?: string; transactionId?: string }[];
  options?: SuggestOptions;
}

/**
 * Proposals, at most one per transaction and one per occurrence: the closest pairs (by days
 * from due, then amount difference) win. Occurrences that already have a payment, transactions
 * already linked, and dismissed transaction–bill pairs are left out.
 */
export function suggestPayments(input: SuggestInput): PaymentSuggestion[] {
  const o = input.options ?? {};
  const daysBefore = o.daysBefore ?? 10;
  const daysAfter = o.daysAfter ?? 7;
  const dismissed = new Set(input.dismissals.map((d) => `${d.transactionId}\n${d.billId}`));
  const paidOccurrences = new Set(
    input.payments.flatMap((p) => (p.occurrence ? [`${p.billId}\n${p.occurrence}`] : [])),
  );
  const linkedTransactions = new Set(input.payments.flatMap((p) => p.transactionId ?? []));
  const duesByBill = new Map<string, DueOccurrence[]>();
  for (const d of input.dues) {
    if (paidOccurrences.has(`${d.billId}\n${d.due}`)) continue;
    const list = duesByBill.get(d.billId) ?? [];
    list.push(d);
    duesByBill.set(d.billId, list);
  }

  const candidates: PaymentSuggestion[] = [];
  for (const t of input.transactions) {
    if (t.amount >= 0 || t.paymentId || linkedTransactions.has(t.id)) continue;
    const rule = matchingRule(input.rules, t);
    if (!rule || dismissed.has(`${t.id}\n${rule.billId}`)) continue;
    const paid = -t.amount;
    for (const due of duesByBill.get(rule.billId) ?? []) {
      if (due.currency !== t.currency) continue;
      const daysFromDue = dates.diffDays(due.due, t.date);
      if (daysFromDue < -daysBefore || daysFromDue > daysAfter) continue;
      const tolerance = Math.max(
        o.toleranceMinor ?? 100,
        money.percentOf(due.amount, o.toleranceBasisPoints ?? 1000),
      );
      const amountDifference = paid - due.amount;
      if (due.amount > 0 && Math.abs(amountDifference) > tolerance) continue;
      candidates.push({
        transactionId: t.id,
        billId: rule.billId,
        occurrence: due.due,
        date: t.date,
        amount: paid,
        currency: t.currency,
        accountId: t.accountId,
        ruleId: rule.id,
        daysFromDue,
        amountDifference,
      });
    }
  }

  candidates.sort(
    (a, b) =>
      Math.abs(a.daysFromDue) - Math.abs(b.daysFromDue) ||
      Math.abs(a.amountDifference) - Math.abs(b.amountDifference) ||
      (a.transactionId < b.transactionId ? -1 : a.transactionId > b.transactionId ? 1 : 0) ||
      (a.occurrence < b.occurrence ? -1 : a.occurrence > b.occurrence ? 1 : 0),
  );
  const takenTransactions = new Set<string>();
  const takenOccurrences = new Set<string>();
  const chosen: PaymentSuggestion[] = [];
  for (const c of candidates) {
    const occ = `${c.billId}\n${c.occurrence}`;
    if (takenTransactions.has(c.transactionId) || takenOccurrences.has(occ)) continue;
    takenTransactions.add(c.transactionId);
    takenOccurrences.add(occ);
    chosen.push(c);
  }
  return chosen.sort(
    (a, b) => dates.compare(a.date, b.date) || (a.transactionId < b.transactionId ? -1 : 1),
  );
}

/** Accepting: the payment to create (the caller gives it an id, then links the transaction). */
export function paymentFor(s: PaymentSuggestion): NewRecord<'payments'> {
  return {
    billId: s.billId,
    occurrence: s.occurrence,
    date: s.date,
    amount: s.amount,
    currency: s.currency,
    accountId: s.accountId,
    method: 'bank',
    transactionId: s.transactionId,
  };
}

/** Accepting: the patch that links the transaction to the bill and the new payment. */
export function transactionLink(
  s: PaymentSuggestion,
  paymentId: string,
): { billId: string; paymentId: string } {
  return { billId: s.billId, paymentId };
}

/** Rejecting: the dismissal to store, so the pair is not proposed again. */
export function dismissalFor(
  s: PaymentSuggestion,
  today: dates.CalendarDate,
): NewRecord<'billMatchDismissals'> {
  return { transactionId: s.transactionId, billId: s.billId, dismissedOn: today };
}
