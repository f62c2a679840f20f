// Words for the bills records' coded values, as the screens show them.
import type { Status } from '@tally/model/bills/status';
import type { Bill, Payment } from './types.ts';

export const statusLabels: Record<Status, string> = {
  missed: 'Missed',
  late: 'Late',
  'due-soon': 'Due soon',
  upcoming: 'Upcoming',
  paid: 'Paid',
  skipped: 'Skipped',
};

/** The badge class of a status (app.css `badge ok|warn|danger`). */
export const statusTones: Record<Status, '' | 'ok' | 'warn' | 'danger'> = {
  missed: 'danger',
  late: 'danger',
  'due-soon': 'warn',
  upcoming: '',
  paid: 'ok',
  skipped: '',
};

export const cycleLabels: Record<Bill['cycle'], string> = {
  weekly: 'Weekly',
  biweekly: 'Every two weeks',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  annual: 'Yearly',
  'every-n-months': 'Every N months',
};

/** "Monthly", "Every 2 months", "Every month" (every-n-months with N = 1). */
export function cycleLabel(bill: Pick<Bill, 'cycle' | 'everyMonths'>): string {
  if (bill.cycle !== 'every-n-months') return cycleLabels[bill.cycle];
  const n = bill.everyMonths ?? 1;
  return n === 1 ? 'Every month' : `Every ${n} months`;
}

export const autopayLabels: Record<Bill['autopay'], string> = {
  off: 'Off — I pay it myself',
  pending: 'On, not seen working yet',
  assumed: 'On — count it paid on the due date',
  confirmed: 'On and confirmed',
};

export const methodLabels: Record<NonNullable<Payment['method']>, string> = {
  manual: 'Paid by hand',
  autopay: 'Autopay',
  bank: 'Bank transfer',
  card: 'Card',
  cash: 'Cash',
  other: 'Other',
};

export const accountKindLabels = {
  checking: 'Checking',
  savings: 'Savings',
  credit: 'Credit card',
  cash: 'Cash',
  loan: 'Loan',
  other: 'Other',
} as const;
