// Autopay trust: is this bill's autopay really paying it? BillTracker shows "✓ 12/12" over the
// last twelve occurrences and turns amber after a recorded failure, and nudges the user to look
// at the bank when nobody has confirmed autopay by hand for three months.
import type { RecordOf } from '../collections.ts';
import * as dates from '../dates.ts';
import type { CalendarDate } from '../dates.ts';
import * as occ from './occurrences.ts';
import * as status from './status.ts';

type Bill = RecordOf<'bills'>;
type Override = RecordOf<'monthlyOverrides'>;
type Payment = RecordOf<'payments'>;

export const TRUST_OCCURRENCES = 12;
export const VERIFY_NUDGE_DAYS = 90;

export type TrustLevel = 'none' | 'ok' | 'warning';

export interface AutopayTrust {
  /** Autopay is set up (any state but `off`). */
  enabled: boolean;
  /** Of the last `of` occurrences due by today, how many autopay paid (recorded or assumed). */
  paid: number;
  of: number;
  /** How many of them have a failed autopay attempt recorded. */
  failures: number;
  /** `12/12`. */
  label: string;
  /** `ok`: every one paid by autopay; `warning`: a failure, or one paid another way or unpaid. */
  level: TrustLevel;
  /** Ask the user to check autopay at the bank. */
  nudge: boolean;
  /** Days since autopay was last confirmed by hand; undefined when never. */
  daysSinceVerified?: number;
  /** The scheduled date of the most recent failed occurrence. */
  lastFailure?: CalendarDate;
}

/**
 * Trust over the last `TRUST_OCCURRENCES` occurrences due on or before `today`; skipped ones do
 * not count. An occurrence counts as paid by autopay when an autopay payment paid it or it was
 * assumed paid (autopay `assumed`/`confirmed`, nothing failed) — so the score only drops when
 * something is recorded: a failure, or a payment made another way. A `pending` autopay earns no
 * badge until it has failed or paid. The nudge comes when autopay is on and `autopayVerifiedOn`
 * is missing or more than `VERIFY_NUDGE_DAYS` ago.
 */
export function trust(
  bill: Bill,
  overrides: readonly Override[],
  payments: readonly Payment[],
  today: CalendarDate,
): AutopayTrust {
  const stepDays = (occ.monthStep(bill) ?? 0) * 31 || (bill.cycle === 'weekly' ? 7 : 14);
  const from = dates.addDays(today, -(TRUST_OCCURRENCES + 1) * stepDays);
  const recent = status
    .states(bill, overrides, payments, { from, to: today }, today, { includeInactive: true })
    .filter((s) => s.status !== 'skipped' && s.occurrence.due <= today)
    .slice(-TRUST_OCCURRENCES);
  const paid = recent.filter((s) => s.paidBy === 'autopay' || s.paidBy === 'assumed').length;
  const failed = recent.filter((s) => s.autopayFailed);
  const enabled = bill.autopay !== 'off';
  const of = recent.length;
  const level: TrustLevel =
    !enabled || of === 0
      ? 'none'
      : failed.length > 0
        ? 'warning'
        : bill.autopay === 'pending' && paid === 0
          ? 'none'
          : paid === of
            ? 'ok'
            : 'warning';
  const daysSinceVerified =
    bill.autopayVerifiedOn === undefined
      ? undefined
      : dates.diffDays(bill.autopayVerifiedOn, today);
  const result: AutopayTrust = {
    enabled,
    paid,
    of,
    failures: failed.length,
    label: `${paid}/${of}`,
    level,
    nudge: enabled && (daysSinceVerified === undefined || daysSinceVerified > VERIFY_NUDGE_DAYS),
  };
  if (daysSinceVerified !== undefined) result.daysSinceVerified = daysSinceVerified;
  const lastFailure = failed[failed.length - 1];
  if (lastFailure) result.lastFailure = lastFailure.occurrence.scheduled;
  return result;
}

/** The bill patch for "I checked: autopay works", confirmed by hand today. */
export function confirmPatch(today: CalendarDate): Pick<Bill, 'autopay' | 'autopayVerifiedOn'> {
  return { autopay: 'confirmed', autopayVerifiedOn: today };
}
