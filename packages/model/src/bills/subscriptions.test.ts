import { describe, expect, it } from 'vitest';
import * as subscriptions from './subscriptions.ts';
import { bill, override, payment } from './test-records.ts';

describe('cost', () => {
  it.each([
    ['weekly', undefined, 1000, 4333, 52000],
    ['biweekly', undefined, 1000, 2167, 26000],
    ['monthly', undefined, 1000, 1000, 12000],
    ['quarterly', undefined, 1000, 333, 4000],
    ['annual', undefined, 1000, 83, 1000],
    ['annual', undefined, 1199, 100, 1199],
    ['every-n-months', 6, 1000, 167, 2000],
    ['every-n-months', 7, 1000, 143, 1714],
  ] as const)(
    '%s (every %s) of %i costs %i a month, %i a year',
    (cycle, everyMonths, amount, perMonth, perYear) => {
      expect(subscriptions.cost({ cycle, everyMonths, amount, currency: 'USD' })).toEqual({
        currency: 'USD',
        perMonth,
        perYear,
      });
    },
  );
});

describe('list', () => {
  it('totals the running subscriptions per currency', () => {
    const today = '2026-03-10';
    const bills = [
      bill({ name: 'Video', amount: 1599, subscription: true }),
      bill({ name: 'Cloud', amount: 11900, cycle: 'annual', subscription: true }),
      bill({ name: 'Musik', amount: 999, currency: 'EUR', subscription: true }),
      bill({ name: 'Gone', amount: 500, subscription: true, cancelledOn: '2026-03-09' }),
      bill({ name: 'Ending', amount: 500, subscription: true, endDate: '2026-03-10' }),
      bill({ name: 'Paused', amount: 500, subscription: true, active: false }),
      bill({ name: 'Rent', amount: 120000 }),
    ];
    const result = subscriptions.list(bills, today);
    expect(result.subscriptions.map((s) => s.bill.name)).toEqual([
      'Video',
      'Cloud',
      'Musik',
      'Ending',
    ]);
    expect(result.totals).toEqual([
      { currency: 'EUR', count: 1, perMonth: 999, perYear: 11988 },
      // 191.88 + 119.00 + 60.00 a year; a month is 370.88 / 12 = 30.9067.
      { currency: 'USD', count: 3, perMonth: 3091, perYear: 37088 },
    ]);
  });
});

describe('priceChange', () => {
  const today = '2026-03-10';
  const video = bill({ name: 'Video', anchorDate: '2025-10-01', amount: 1599, subscription: true });
  const paid = (date: string, amount: number) =>
    payment(video.id, date, { occurrence: date, amount });

  it('flags two payments in a row that differ from the expected amount', () => {
    const payments = [paid('2026-01-01', 1599), paid('2026-02-01', 1799), paid('2026-03-01', 1799)];
    expect(subscriptions.priceChange(video, [], payments, today)).toEqual({
      billId: video.id,
      currency: 'USD',
      expected: 1599,
      paid: [1799, 1799],
      occurrences: ['2026-02-01', '2026-03-01'],
      suggestedAmount: 1799,
    });
  });

  it.each([
    ['one different payment', [1599, 1599, 1799]],
    ['a difference that went back', [1799, 1799, 1599]],
    ['payments that match', [1599, 1599, 1599]],
  ])('does not flag %s', (_, amounts) => {
    const payments = ['2026-01-01', '2026-02-01', '2026-03-01'].map((d, i) =>
      paid(d, amounts[i] ?? 0),
    );
    expect(subscriptions.priceChange(video, [], payments, today)).toBeUndefined();
  });

  it('compares with the month’s override amount', () => {
    const payments = [paid('2026-02-01', 1799), paid('2026-03-01', 1799)];
    const records = [override(video.id, '2026-03', { amount: 1799 })];
    expect(subscriptions.priceChange(video, records, payments, today)).toBeUndefined();
  });

  it('looks past a newest occurrence that is not paid yet', () => {
    const payments = [paid('2026-01-01', 1899), paid('2026-02-01', 1899)];
    expect(subscriptions.priceChange(video, [], payments, today)).toMatchObject({
      occurrences: ['2026-01-01', '2026-02-01'],
      suggestedAmount: 1899,
    });
  });

  it('learns nothing from occurrences only assumed paid by autopay', () => {
    const auto = { ...video, autopay: 'assumed' as const };
    expect(subscriptions.priceChange(auto, [], [paid('2026-03-01', 1799)], today)).toBeUndefined();
  });
});
