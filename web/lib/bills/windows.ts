// Which payments a screen must load so the model sees every payment that can pay the
// occurrences it shows. Payments are read per bill by date ([billId+date]); each bill's window is
// the range on screen plus room for payments matched or linked from outside it, and, for bills on
// autopay, the span of the last twelve occurrences the trust badge scores.
import * as dates from '@tally/model/dates';
import type { CalendarDate } from '@tally/model/dates';
import * as occurrences from '@tally/model/bills/occurrences';
import { TRUST_OCCURRENCES } from '@tally/model/bills/autopay';
import type { Bill } from './types.ts';

export interface DateRange {
  from: CalendarDate;
  to: CalendarDate;
}

/**
 * Room on each side of a range: the model looks 62 days around it for occurrences (status
 * MARGIN_DAYS), and a payment may be 14 days from its occurrence (the widest match window) or be
 * linked to it however late it was made; 130 days covers a late payment of two months.
 */
export const PAYMENT_MARGIN_DAYS = 130;

/** Payments that can pay occurrences due in `range`. */
export function aroundRange(range: DateRange): DateRange {
  return {
    from: dates.addDays(range.from, -PAYMENT_MARGIN_DAYS),
    to: dates.addDays(range.to, PAYMENT_MARGIN_DAYS),
  };
}

/** Payments the autopay trust of `bill` looks at on `today`; undefined when autopay is off. */
export function trustWindow(bill: Bill, today: CalendarDate): DateRange | undefined {
  if (bill.autopay === 'off') return undefined;
  const stepDays = (occurrences.monthStep(bill) ?? 0) * 31 || (bill.cycle === 'weekly' ? 7 : 14);
  return {
    from: dates.addDays(today, -(TRUST_OCCURRENCES + 1) * stepDays - PAYMENT_MARGIN_DAYS),
    to: dates.addDays(today, PAYMENT_MARGIN_DAYS),
  };
}

/** The smallest range covering all the given ones; undefined when none is given. */
export function union(...ranges: (DateRange | undefined)[]): DateRange | undefined {
  let out: DateRange | undefined;
  for (const r of ranges) {
    if (!r) continue;
    out = out
      ? { from: r.from < out.from ? r.from : out.from, to: r.to > out.to ? r.to : out.to }
      : { ...r };
  }
  return out;
}
