// The payment a one-tap "paid" writes: the occurrence's expected amount, linked to the occurrence
// by its scheduled date so it stays paid through snoozes, due-day changes and re-imports.
import type { NewRecord } from '../collection.ts';
import type { CalendarDate } from '../dates.ts';
import type { Occurrence } from './occurrences.ts';

type PaymentInput = NewRecord<'payments'>;

/**
 * The new payment for "mark paid" on `date` (usually today), prefilled with the expected amount;
 * `fields` overrides any of it (another amount, an account, a note). Create it with an id made at
 * the payment date (`ids.next(instant of date)`), so it lands in that year's payments document.
 */
export function markPaid(
  occurrence: Occurrence,
  date: CalendarDate,
  fields: Partial<Omit<PaymentInput, 'billId' | 'occurrence'>> = {},
): PaymentInput {
  return {
    billId: occurrence.billId,
    occurrence: occurrence.scheduled,
    date,
    amount: occurrence.amount,
    currency: occurrence.currency,
    method: 'manual',
    ...fields,
  };
}
