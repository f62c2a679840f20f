import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { FIXED_ID, FIXED_ID_2, testIds } from '../testing.ts';
import * as records from '../records/bills.ts';
import type { Rule } from './rules.ts';
import {
  dismissalFor,
  paymentFor,
  suggestPayments,
  transactionLink,
  type DueOccurrence,
  type SuggestInput,
  type SuggestTransaction,
} from './suggest.ts';

const ACCOUNT = FIXED_ID;
const POWER = FIXED_ID_2;
const GYM = 'gym-bill';

const rules: Rule[] = [
  { id: 'r-power', text: 'city power', billId: POWER },
  { id: 'r-gym', text: 'gym', billId: GYM },
];

const dues: DueOccurrence[] = [
  { billId: POWER, due: '2025-01-15', amount: 12000, currency: 'USD' },
  { billId: POWER, due: '2025-02-15', amount: 12000, currency: 'USD' },
  { billId: GYM, due: '2025-01-01', amount: 0, currency: 'USD' },
];

const ids = testIds(7);
function tx(
  date: string,
  amount: number,
  payee: string,
  extra: Partial<SuggestTransaction> = {},
): SuggestTransaction {
  return { id: ids.next(), accountId: ACCOUNT, date, amount, currency: 'USD', payee, ...extra };
}

function suggest(transactions: SuggestTransaction[], extra: Partial<SuggestInput> = {}) {
  return suggestPayments({ transactions, rules, dues, dismissals: [], payments: [], ...extra });
}

describe('suggestPayments', () => {
  it('proposes a payment for a matching transaction near a due date with a near amount', () => {
    const t = tx('2025-01-14', -12050, 'CITY POWER CO');
    expect(suggest([t])).toEqual([
      {
        transactionId: t.id,
        billId: POWER,
        occurrence: '2025-01-15',
        date: '2025-01-14',
        amount: 12050,
        currency: 'USD',
        accountId: ACCOUNT,
        ruleId: 'r-power',
        daysFromDue: -1,
        amountDifference: 50,
      },
    ]);
  });

  it.each([
    ['too early', tx('2025-01-04', -12000, 'City Power')],
    ['too late', tx('2025-01-23', -12000, 'City Power')],
    ['amount too far off', tx('2025-01-15', -15000, 'City Power')],
    ['money in, not out', tx('2025-01-15', 12000, 'City Power')],
    ['another currency', tx('2025-01-15', -12000, 'City Power', { currency: 'EUR' })],
    ['no rule matches', tx('2025-01-15', -12000, 'Water Board')],
    [
      'already linked to a payment',
      tx('2025-01-15', -12000, 'City Power', { paymentId: FIXED_ID }),
    ],
  ])('proposes nothing when %s', (_label, t) => {
    expect(suggest([t])).toEqual([]);
  });

  it.each([
    ['10 days before', '2025-01-05', true],
    ['7 days after', '2025-01-22', true],
    ['11 days before', '2025-01-04', false],
    ['8 days after', '2025-01-23', false],
  ])('window edge: %s', (_label, date, expected) => {
    expect(suggest([tx(date, -12000, 'City Power')])).toHaveLength(expected ? 1 : 0);
  });

  it('accepts 10 % or 1.00 off, whichever is larger', () => {
    expect(suggest([tx('2025-01-15', -13200, 'City Power')])).toHaveLength(1);
    expect(suggest([tx('2025-01-15', -13201, 'City Power')])).toHaveLength(0);
  });

  it('matches any amount for a bill whose amount varies (0)', () => {
    expect(suggest([tx('2025-01-02', -4321, 'Gym membership')])[0]).toMatchObject({
      billId: GYM,
      occurrence: '2025-01-01',
    });
  });

  it('never proposes a dismissed transaction for that bill again', () => {
    const t = tx('2025-01-15', -12000, 'City Power');
    const [s] = suggest([t]);
    if (!s) throw new Error('expected a suggestion');
    const dismissal = dismissalFor(s, '2025-01-20');
    expect(suggest([t], { dismissals: [dismissal] })).toEqual([]);
    // A dismissal is about one transaction; the next month's payment is still proposed.
    const next = tx('2025-02-14', -12000, 'City Power');
    expect(suggest([t, next], { dismissals: [dismissal] }).map((x) => x.transactionId)).toEqual([
      next.id,
    ]);
  });

  it('skips occurrences that already have a payment', () => {
    const t = tx('2025-01-15', -12000, 'City Power');
    expect(suggest([t], { payments: [{ billId: POWER, occurrence: '2025-01-15' }] })).toEqual([]);
    expect(suggest([t], { payments: [{ billId: GYM, transactionId: t.id }] })).toEqual([]);
  });

  it('gives each occurrence one transaction and each transaction one occurrence, closest first', () => {
    const early = tx('2025-01-08', -12000, 'City Power');
    const onTime = tx('2025-01-15', -12000, 'City Power');
    const result = suggest([early, onTime]);
    expect(result.map((s) => [s.transactionId, s.occurrence])).toEqual([[onTime.id, '2025-01-15']]);
  });

  it('pairs a payment between two due dates with the nearer one', () => {
    const dueWeekly: DueOccurrence[] = [
      { billId: POWER, due: '2025-01-08', amount: 12000, currency: 'USD' },
      { billId: POWER, due: '2025-01-15', amount: 12000, currency: 'USD' },
    ];
    const t = tx('2025-01-13', -12000, 'City Power');
    expect(suggest([t], { dues: dueWeekly })[0]?.occurrence).toBe('2025-01-15');
  });

  it('accepting builds a valid payment and a link; rejecting a valid dismissal', () => {
    const t = tx('2025-01-14', -12050, 'City Power');
    const [s] = suggest([t]);
    if (!s) throw new Error('expected a suggestion');
    const payment = v.parse(records.payment, { id: FIXED_ID_2, ...paymentFor(s) });
    expect(payment).toMatchObject({
      billId: POWER,
      occurrence: '2025-01-15',
      amount: 12050,
      method: 'bank',
      transactionId: t.id,
      accountId: ACCOUNT,
    });
    expect(transactionLink(s, payment.id)).toEqual({ billId: POWER, paymentId: FIXED_ID_2 });
    expect(v.is(records.matchDismissal, { id: FIXED_ID, ...dismissalFor(s, '2025-01-20') })).toBe(
      true,
    );
  });
});
