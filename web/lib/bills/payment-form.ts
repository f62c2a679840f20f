// The payment form: date, amount, account, method, autopay failure, interest, note, and which
// occurrence it pays ('' lets the model match it to the nearest one).
import type { NewRecord } from '@tally/model/collection';
import * as dates from '@tally/model/dates';
import type { CalendarDate } from '@tally/model/dates';
import * as money from '@tally/model/money';
import { paymentMethods } from '@tally/model/records/bills';
import { err, ok, type Result } from '@tally/model/result';
import type { Complete } from './form.ts';
import type { Payment } from './types.ts';

export type PaymentMethod = (typeof paymentMethods)[number];

export interface PaymentFormValues {
  date: string;
  amount: string;
  currency: string;
  /** The scheduled date of the occurrence it pays; '' to match automatically. */
  occurrence: string;
  accountId: string;
  method: PaymentMethod;
  autopayFailed: boolean;
  interest: string;
  note: string;
}

export type PaymentErrors = Partial<Record<keyof PaymentFormValues, string>>;

/** Every field of a payment except the bill, the optional ones undefined when empty. */
export type PaymentFields = Complete<Omit<NewRecord<'payments'>, 'billId'>>;

export function newPaymentForm(
  fields: { date: CalendarDate; amount: number; currency: string; occurrence?: CalendarDate },
  method: PaymentMethod = 'manual',
): PaymentFormValues {
  return {
    date: fields.date,
    amount: money.toDecimalString(fields.amount, fields.currency),
    currency: fields.currency,
    occurrence: fields.occurrence ?? '',
    accountId: '',
    method,
    autopayFailed: false,
    interest: '',
    note: '',
  };
}

export function paymentForm(p: Payment): PaymentFormValues {
  return {
    date: p.date,
    amount: money.toDecimalString(p.amount, p.currency),
    currency: p.currency,
    occurrence: p.occurrence ?? '',
    accountId: p.accountId ?? '',
    method: p.method,
    autopayFailed: p.autopayFailed,
    interest: p.interest === undefined ? '' : money.toDecimalString(p.interest, p.currency),
    note: p.note ?? '',
  };
}

export function readPaymentForm(
  values: PaymentFormValues,
  transactionId?: string,
): Result<PaymentFields, PaymentErrors> {
  const errors: PaymentErrors = {};
  const date = values.date.trim();
  if (!dates.isCalendarDate(date)) errors.date = 'Enter the date it was paid.';
  const currency = values.currency;
  const amount = money.parseDecimal(values.amount, currency);
  if (values.amount.trim() === '') errors.amount = 'Enter the amount paid.';
  else if (!amount.ok) errors.amount = `${amount.error}.`;
  let interest: number | undefined;
  if (values.interest.trim() !== '') {
    const parsed = money.parseDecimal(values.interest, currency);
    if (parsed.ok) interest = parsed.value;
    else errors.interest = `${parsed.error}.`;
  }
  const occurrence = values.occurrence.trim();
  if (occurrence !== '' && !dates.isCalendarDate(occurrence))
    errors.occurrence = 'Pick a due date.';
  if (!(paymentMethods as readonly string[]).includes(values.method))
    errors.method = 'Choose how it was paid.';
  const note = values.note.trim();
  if (note.length > 500) errors.note = 'Keep the note under 500 characters.';
  if (Object.keys(errors).length > 0 || !amount.ok) return err(errors);
  return ok({
    date,
    amount: amount.value,
    currency,
    occurrence: occurrence === '' ? undefined : occurrence,
    accountId: values.accountId === '' ? undefined : values.accountId,
    method: values.method,
    autopayFailed: values.autopayFailed,
    interest,
    transactionId,
    note: note === '' ? undefined : note,
  });
}

/** A new payment of `billId` from the form's fields, without the empty ones. */
export function paymentInput(billId: string, fields: PaymentFields): NewRecord<'payments'> {
  const input: NewRecord<'payments'> = {
    billId,
    date: fields.date,
    amount: fields.amount,
    currency: fields.currency,
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (input as Record<string, unknown>)[key] = value;
  }
  return input;
}
