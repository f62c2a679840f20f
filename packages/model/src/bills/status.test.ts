import { describe, expect, it } from 'vitest';
import type { RecordOf } from '../collections.ts';
import * as status from './status.ts';
import { bill, override, payment } from './test-records.ts';

type Bill = RecordOf<'bills'>;
type Payment = RecordOf<'payments'>;

/** The state of the occurrence scheduled on `scheduled`, seen on `today`. */
function stateOn(
  b: Bill,
  scheduled: string,
  today: string,
  payments: Payment[] = [],
  records: RecordOf<'monthlyOverrides'>[] = [],
  options: status.StatusOptions = {},
): status.OccurrenceState | undefined {
  return status
    .states(b, records, payments, { from: '2020-01-01', to: '2030-12-31' }, today, options)
    .find((s) => s.occurrence.scheduled === scheduled);
}

describe('status on a given day', () => {
  const monthly = bill({ cycle: 'monthly', anchorDate: '2026-01-05' });

  it.each([
    ['2026-02-20', 'upcoming', 13],
    ['2026-03-01', 'upcoming', 4],
    ['2026-03-02', 'due-soon', 3],
    ['2026-03-05', 'due-soon', 0],
    ['2026-03-06', 'late', -1],
    ['2026-04-04', 'late', -30],
    // The next occurrence (Apr 5) is on its date: March's is missed.
    ['2026-04-05', 'missed', -31],
    ['2027-01-01', 'missed', -302],
  ])('on %s a monthly bill due 2026-03-05 is %s', (today, expected, days) => {
    expect(stateOn(monthly, '2026-03-05', today)).toMatchObject({
      status: expected,
      daysUntilDue: days,
    });
  });

  it.each([
    [0, '2026-03-04', 'upcoming'],
    [0, '2026-03-05', 'due-soon'],
    [7, '2026-02-26', 'due-soon'],
    [7, '2026-02-25', 'upcoming'],
  ])('with dueSoonDays %i, on %s it is %s', (dueSoonDays, today, expected) => {
    expect(stateOn(monthly, '2026-03-05', today, [], [], { dueSoonDays })?.status).toBe(expected);
  });

  it.each([
    // Feb 28 → Mar 31 is 31 days; Jan 31 → Feb 28 only 28.
    ['2026-01-31', '2026-02-27', 'late'],
    ['2026-01-31', '2026-02-28', 'missed'],
    ['2026-02-28', '2026-03-30', 'late'],
    ['2026-02-28', '2026-03-31', 'missed'],
    // December's occurrence turns missed on January's due date.
    ['2026-12-31', '2027-01-30', 'late'],
    ['2026-12-31', '2027-01-31', 'missed'],
  ])('a month-end bill due %s is %s on %s', (scheduled, today, expected) => {
    const b = bill({ cycle: 'monthly', anchorDate: '2026-01-31', dueDay: 31 });
    expect(stateOn(b, scheduled, today)?.status).toBe(expected);
  });

  it.each([
    ['weekly', '2026-03-08', 'late'],
    ['weekly', '2026-03-09', 'missed'],
    ['annual', '2026-04-01', 'late'],
    ['annual', '2026-04-02', 'missed'],
  ] as const)('a %s bill due 2026-03-02 on %s is %s', (cycle, today, expected) => {
    const b = bill({ cycle, anchorDate: '2026-03-02' });
    expect(stateOn(b, '2026-03-02', today)?.status).toBe(expected);
  });

  it('turns the last occurrence of a cancelled bill missed after 31 days', () => {
    const b = bill({ cycle: 'monthly', anchorDate: '2026-01-10', cancelledOn: '2026-03-15' });
    expect(stateOn(b, '2026-03-10', '2026-04-09')?.status).toBe('late');
    expect(stateOn(b, '2026-03-10', '2026-04-10')?.status).toBe('missed');
    expect(stateOn(b, '2026-04-10', '2026-04-10')).toBeUndefined();
  });

  it('counts the late period of a snoozed occurrence from its new due date', () => {
    const b = bill({ cycle: 'monthly', anchorDate: '2026-01-05' });
    const records = [override(b.id, '2026-03', { snoozeUntil: '2026-03-20' })];
    expect(stateOn(b, '2026-03-05', '2026-03-10', [], records)?.status).toBe('upcoming');
    expect(stateOn(b, '2026-03-05', '2026-03-21', [], records)?.status).toBe('late');
    expect(stateOn(b, '2026-03-05', '2026-04-20', [], records)?.status).toBe('missed');
  });

  it('shows a skipped occurrence as skipped, whatever the day', () => {
    const b = bill({ cycle: 'monthly', anchorDate: '2026-01-05' });
    const records = [override(b.id, '2026-03', { skip: true, snoozeUntil: '2026-03-20' })];
    expect(stateOn(b, '2026-03-05', '2026-03-04', [], records)?.status).toBe('skipped');
    expect(stateOn(b, '2026-03-05', '2026-06-01', [], records)?.status).toBe('skipped');
  });
});

describe('paid', () => {
  const b = bill({ cycle: 'monthly', anchorDate: '2026-01-05', amount: 5000 });

  it('by a payment linked to the occurrence, however far from the due date', () => {
    const p = payment(b.id, '2026-04-30', { occurrence: '2026-03-05', amount: 5100 });
    expect(stateOn(b, '2026-03-05', '2026-05-01', [p])).toMatchObject({
      status: 'paid',
      paidBy: 'payment',
      paidAmount: 5100,
      payments: [p],
    });
    expect(stateOn(b, '2026-04-05', '2026-05-01', [p])?.status).toBe('late');
  });

  it('by an autopay payment', () => {
    const p = payment(b.id, '2026-03-05', { occurrence: '2026-03-05', method: 'autopay' });
    expect(stateOn(b, '2026-03-05', '2026-03-06', [p])?.paidBy).toBe('autopay');
  });

  it('even when skipped, once a payment is linked to it', () => {
    const records = [override(b.id, '2026-03', { skip: true })];
    const p = payment(b.id, '2026-03-05', { occurrence: '2026-03-05' });
    expect(stateOn(b, '2026-03-05', '2026-03-06', [p], records)?.status).toBe('paid');
  });

  it('adds up several payments to one occurrence in its currency only', () => {
    const list = [
      payment(b.id, '2026-03-01', { occurrence: '2026-03-05', amount: 2000 }),
      payment(b.id, '2026-03-04', { occurrence: '2026-03-05', amount: 3000 }),
      payment(b.id, '2026-03-04', { occurrence: '2026-03-05', amount: 999, currency: 'EUR' }),
    ];
    expect(stateOn(b, '2026-03-05', '2026-03-06', list)?.paidAmount).toBe(5000);
  });

  it.each([
    ['10 days early', '2026-02-23', '2026-03-05'],
    ['14 days early', '2026-03-22', '2026-04-05'],
    ['14 days late', '2026-03-19', '2026-03-05'],
    ['15 days from one and 16 from the next: none', '2026-03-20', undefined],
    ['equally far from two: the earlier wins', '2026-02-19', '2026-02-05'],
  ])('by an unlinked payment %s (%s)', (_, date, expected) => {
    const p = payment(b.id, date);
    const paid = status
      .states(b, [], [p], { from: '2026-01-01', to: '2026-06-30' }, '2026-06-30')
      .filter((s) => s.status === 'paid')
      .map((s) => s.occurrence.scheduled);
    expect(paid).toEqual(expected === undefined ? [] : [expected]);
  });

  it('matches each unlinked payment to at most one occurrence, nearest unpaid first', () => {
    const list = [payment(b.id, '2026-03-04'), payment(b.id, '2026-03-06')];
    const paid = status
      .states(b, [], list, { from: '2026-01-01', to: '2026-06-30' }, '2026-06-30')
      .filter((s) => s.status === 'paid');
    // The second payment is 30 days before April 5: too far, so it pays nothing rather than both
    // landing on March.
    expect(paid.map((s) => [s.occurrence.scheduled, s.payments.length])).toEqual([
      ['2026-03-05', 1],
    ]);
  });

  it('matches an unlinked payment to the next occurrence once the nearest is paid', () => {
    const weekly = bill({ cycle: 'weekly', anchorDate: '2026-03-02' });
    const list = [
      payment(weekly.id, '2026-03-09', { occurrence: '2026-03-09' }),
      payment(weekly.id, '2026-03-13'),
    ];
    const paid = status
      .states(weekly, [], list, { from: '2026-03-01', to: '2026-03-31' }, '2026-03-31')
      .filter((s) => s.status === 'paid')
      .map((s) => s.occurrence.scheduled);
    expect(paid).toEqual(['2026-03-09', '2026-03-16']);
  });

  it.each([
    ['weekly', 3],
    ['biweekly', 7],
    ['monthly', 14],
    ['annual', 14],
  ] as const)('a %s bill matches payments within %i days', (cycle, days) => {
    expect(status.matchWindowDays({ cycle })).toBe(days);
  });

  it('does not match an unlinked payment to a skipped occurrence', () => {
    const records = [override(b.id, '2026-03', { skip: true })];
    const s = stateOn(b, '2026-03-05', '2026-03-06', [payment(b.id, '2026-03-05')], records);
    expect(s?.status).toBe('skipped');
  });

  it('finds its occurrence for a payment linked to a date the cycle no longer has', () => {
    // The due day moved from the 1st to the 5th after March was paid.
    const p = payment(b.id, '2026-02-27', { occurrence: '2026-03-01' });
    expect(stateOn(b, '2026-03-05', '2026-03-10', [p])?.status).toBe('paid');
  });

  it('ignores payments of other bills', () => {
    const other = payment(bill().id, '2026-03-05', { occurrence: '2026-03-05' });
    expect(stateOn(b, '2026-03-05', '2026-03-06', [other])?.status).toBe('late');
  });

  it('widens the window around a snoozed occurrence to its new date', () => {
    const records = [override(b.id, '2026-03', { snoozeUntil: '2026-03-25' })];
    // 25 days after March 5, but 5 after the snoozed date (and 6 before April 5).
    const p = payment(b.id, '2026-03-30');
    expect(stateOn(b, '2026-03-05', '2026-04-10', [p], records)?.status).toBe('paid');
    expect(stateOn(b, '2026-03-05', '2026-04-10', [p])?.status).toBe('missed');
  });
});

describe('autopay', () => {
  const base = { cycle: 'monthly', anchorDate: '2026-01-05' } as const;

  it.each([
    ['off', '2026-03-05', 'due-soon'],
    ['pending', '2026-03-06', 'late'],
    ['assumed', '2026-03-04', 'due-soon'],
    ['assumed', '2026-03-05', 'paid'],
    ['confirmed', '2026-04-10', 'paid'],
  ] as const)('%s autopay on %s leaves the bill %s', (autopay, today, expected) => {
    const s = stateOn(bill({ ...base, autopay }), '2026-03-05', today);
    expect(s?.status).toBe(expected);
    if (expected === 'paid') expect(s).toMatchObject({ paidBy: 'assumed', paidAmount: 120000 });
  });

  it('is not assumed once a failure is recorded; a failed attempt pays nothing', () => {
    const b = bill({ ...base, autopay: 'confirmed' });
    const failed = payment(b.id, '2026-03-05', {
      occurrence: '2026-03-05',
      method: 'autopay',
      autopayFailed: true,
    });
    expect(stateOn(b, '2026-03-05', '2026-03-07', [failed])).toMatchObject({
      status: 'late',
      autopayFailed: true,
      paidAmount: 0,
      payments: [failed],
    });
    const byHand = payment(b.id, '2026-03-08', { occurrence: '2026-03-05' });
    expect(stateOn(b, '2026-03-05', '2026-03-09', [failed, byHand])).toMatchObject({
      status: 'paid',
      paidBy: 'payment',
      autopayFailed: true,
    });
  });

  it('lets an unlinked failed attempt and the payment after it land on the same occurrence', () => {
    const b = bill({ ...base, autopay: 'confirmed' });
    const list = [
      payment(b.id, '2026-03-05', { method: 'autopay', autopayFailed: true }),
      payment(b.id, '2026-03-07'),
    ];
    expect(stateOn(b, '2026-03-05', '2026-03-09', list)).toMatchObject({
      status: 'paid',
      autopayFailed: true,
    });
  });
});

describe('statesForAll', () => {
  it('orders every bill’s occurrences by due date', () => {
    const a = bill({ name: 'A', cycle: 'monthly', anchorDate: '2026-01-20' });
    const b = bill({ name: 'B', cycle: 'weekly', anchorDate: '2026-03-03' });
    const list = status.statesForAll(
      [a, b],
      [],
      [],
      { from: '2026-03-01', to: '2026-03-21' },
      '2026-03-01',
    );
    expect(list.map((s) => [s.occurrence.billId === a.id ? 'A' : 'B', s.occurrence.due])).toEqual([
      ['B', '2026-03-03'],
      ['B', '2026-03-10'],
      ['B', '2026-03-17'],
      ['A', '2026-03-20'],
    ]);
  });
});
