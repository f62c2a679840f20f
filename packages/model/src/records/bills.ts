// Bills: what BillTracker keeps — bills and their monthly state, payments, planning inputs,
// bank accounts and transactions, and the payee rules that link transactions to bills.
import * as v from 'valibot';
import * as f from './fields.ts';

export const category = v.object({
  id: f.id,
  name: f.name,
  color: v.optional(f.color),
  /** Counts toward spending analytics (BillTracker's spending flag). */
  spending: v.optional(v.boolean(), true),
  archived: v.optional(v.boolean(), false),
});

export const cycles = [
  'weekly',
  'biweekly',
  'monthly',
  'quarterly',
  'annual',
  'every-n-months',
] as const;
export const autopayStates = ['off', 'pending', 'assumed', 'confirmed'] as const;

export const bill = v.object({
  id: f.id,
  name: f.name,
  categoryId: v.optional(f.ref),
  /** Expected amount per occurrence. */
  amount: f.nonNegativeMinor,
  currency: f.currency,
  cycle: v.picklist(cycles),
  /** For `every-n-months`. */
  everyMonths: v.optional(v.pipe(f.positiveInt, v.maxValue(120))),
  /** Day of month 1–31 for monthly-style cycles; days past month end fall on its last day. */
  dueDay: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(31))),
  /** First due date; weekly/biweekly/quarterly/annual/every-n cycles count from it. */
  anchorDate: f.calendarDate,
  startDate: v.optional(f.calendarDate),
  endDate: v.optional(f.calendarDate),
  active: v.optional(v.boolean(), true),
  autopay: v.optional(v.picklist(autopayStates), 'off'),
  autopayVerifiedOn: v.optional(f.calendarDate),
  notes: v.optional(f.text),
  // Reference fields: where and as whom to pay. Never a password.
  website: v.optional(f.shortText),
  accountHint: v.optional(v.pipe(v.string(), v.maxLength(40))),
  username: v.optional(v.pipe(v.string(), v.maxLength(200))),
  // Debt fields.
  debtBalance: v.optional(f.minor),
  aprBasisPoints: v.optional(f.basisPoints),
  minimumPayment: v.optional(f.nonNegativeMinor),
  payoffIncluded: v.optional(v.boolean(), false),
  payoffOrder: v.optional(v.pipe(v.number(), v.integer())),
  subscription: v.optional(v.boolean(), false),
  cancelledOn: v.optional(f.calendarDate),
  cancelReason: v.optional(f.shortText),
});

/** Per bill per month; the recurring bill itself stays as it is. */
export const monthlyOverride = v.object({
  id: f.id,
  billId: f.ref,
  month: f.monthKey,
  amount: v.optional(f.nonNegativeMinor),
  skip: v.optional(v.boolean(), false),
  snoozeUntil: v.optional(f.calendarDate),
  note: v.optional(f.shortText),
});

export const paymentMethods = ['manual', 'autopay', 'bank', 'card', 'cash', 'other'] as const;

export const payment = v.object({
  id: f.id,
  billId: f.ref,
  /** The due date of the occurrence this pays, when the user (or a match) linked one. */
  occurrence: v.optional(f.calendarDate),
  date: f.calendarDate,
  amount: f.minor,
  currency: f.currency,
  accountId: v.optional(f.ref),
  method: v.optional(v.picklist(paymentMethods), 'manual'),
  autopayFailed: v.optional(v.boolean(), false),
  /** Interest charged this period on a debt, part of the payment. */
  interest: v.optional(f.minor),
  transactionId: v.optional(f.ref),
  note: v.optional(f.shortText),
});

export const income = v.object({
  id: f.id,
  month: f.monthKey,
  label: f.name,
  amount: f.minor,
  currency: f.currency,
  expectedOn: v.optional(f.calendarDate),
  received: v.optional(v.boolean(), false),
});

export const startingAmount = v.object({
  id: f.id,
  month: f.monthKey,
  amount: f.minor,
  currency: f.currency,
});

export const accountKinds = ['checking', 'savings', 'credit', 'cash', 'loan', 'other'] as const;

export const account = v.object({
  id: f.id,
  name: f.name,
  kind: v.optional(v.picklist(accountKinds), 'checking'),
  currency: f.currency,
  institution: v.optional(f.shortText),
  /** Last digits only. */
  numberHint: v.optional(v.pipe(v.string(), v.maxLength(8))),
  archived: v.optional(v.boolean(), false),
  /**
   * A hash of the bank's identity of this account as statement files give it (bank.statement's
   * `account.key`), so the next import of a file for it picks this account. Not the number.
   */
  importKey: v.optional(v.pipe(v.string(), v.maxLength(100))),
});

export const transaction = v.object({
  id: f.id,
  accountId: f.ref,
  date: f.calendarDate,
  amount: f.minor,
  currency: f.currency,
  payee: v.optional(f.shortText, ''),
  memo: v.optional(f.shortText),
  /** The bank's own id (OFX FITID), when the file has one. */
  providerId: v.optional(v.pipe(v.string(), v.maxLength(255))),
  /** What makes a re-import of the same transaction recognisable. */
  fingerprint: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
  categoryId: v.optional(f.ref),
  billId: v.optional(f.ref),
  paymentId: v.optional(f.ref),
});

export const payeeRule = v.object({
  id: f.id,
  match: v.optional(v.picklist(['contains', 'equals']), 'contains'),
  text: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
  billId: f.ref,
  accountId: v.optional(f.ref),
});

/** A suggested transaction → bill match the user rejected; not suggested again. */
export const matchDismissal = v.object({
  id: f.id,
  transactionId: f.ref,
  billId: f.ref,
  dismissedOn: f.calendarDate,
});
