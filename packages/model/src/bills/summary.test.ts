import { describe, expect, it } from 'vitest';
import * as summary from './summary.ts';
import { bill, make, nextId, override, payment } from './test-records.ts';

const housing = nextId();
const utilities = nextId();
const fun = nextId();

const rent = bill({ name: 'Rent', anchorDate: '2026-01-01', amount: 120000, categoryId: housing });
const power = bill({
  name: 'Power',
  anchorDate: '2026-01-12',
  amount: 9000,
  categoryId: utilities,
});
const phone = bill({
  name: 'Phone',
  anchorDate: '2026-01-28',
  amount: 4000,
  categoryId: utilities,
});
const gym = bill({ name: 'Gym', anchorDate: '2026-01-25', amount: 3000, categoryId: fun });
const insurance = bill({
  name: 'Insurance',
  cycle: 'quarterly',
  anchorDate: '2025-11-27',
  amount: 5000,
});
const streaming = bill({
  name: 'Streaming',
  anchorDate: '2026-01-15',
  amount: 1299,
  currency: 'EUR',
  categoryId: fun,
});
const loan = bill({ name: 'Loan', anchorDate: '2026-01-03', amount: 20000, currency: 'EUR' });

const input: summary.PlanningInput = {
  bills: [rent, power, phone, gym, insurance, streaming, loan],
  overrides: [
    override(phone.id, '2026-03', { amount: 4500 }),
    override(gym.id, '2026-03', { skip: true }),
    // February's insurance is snoozed into March.
    override(insurance.id, '2026-02', { snoozeUntil: '2026-03-02' }),
  ],
  payments: [
    payment(rent.id, '2026-02-28', { occurrence: '2026-03-01', amount: 120000 }),
    payment(loan.id, '2026-03-03', { amount: 19500, currency: 'EUR' }),
  ],
  incomes: [
    make('incomes', { month: '2026-03', label: 'Salary', amount: 300000, received: true }),
    make('incomes', { month: '2026-03', label: 'Side job', amount: 20000 }),
    make('incomes', { month: '2026-03', label: 'Gehalt', amount: 50000, currency: 'EUR' }),
    make('incomes', { month: '2026-02', label: 'Old', amount: 1, currency: 'EUR' }),
  ],
  startingAmounts: [
    make('startingAmounts', { month: '2026-03', amount: 10000 }),
    // Entered again on another device: the newer record counts.
    make('startingAmounts', { month: '2026-03', amount: 15000 }),
    make('startingAmounts', { month: '2026-05', amount: 1000 }),
  ],
  today: '2026-03-10',
};

describe('month', () => {
  it('plans the month per currency, never adding currencies together', () => {
    const march = summary.month(input, '2026-03');
    expect(march.currencies).toEqual([
      {
        currency: 'EUR',
        starting: 0,
        startingRecorded: false,
        income: 50000,
        incomeReceived: 0,
        billsDue: 21299,
        paid: 19500,
        remaining: 1299,
        projected: 28701,
        projectedActual: 29201,
      },
      {
        currency: 'USD',
        starting: 15000,
        startingRecorded: true,
        income: 320000,
        incomeReceived: 300000,
        // Rent 1200 + power 90 + phone 45 (overridden) + insurance 50 (snoozed in); gym skipped.
        billsDue: 138500,
        paid: 120000,
        remaining: 18500,
        projected: 196500,
        projectedActual: 196500,
      },
    ]);
  });

  it('puts expected against actual per category and currency', () => {
    expect(summary.month(input, '2026-03').categories).toEqual([
      { currency: 'EUR', expected: 20000, actual: 19500 },
      { currency: 'USD', expected: 5000, actual: 0 },
      { categoryId: housing, currency: 'USD', expected: 120000, actual: 120000 },
      { categoryId: utilities, currency: 'USD', expected: 13500, actual: 0 },
      { categoryId: fun, currency: 'EUR', expected: 1299, actual: 0 },
    ]);
  });

  it('leaves a snoozed occurrence out of the month it was moved from', () => {
    const feb = summary.month(input, '2026-02');
    expect(feb.currencies.find((c) => c.currency === 'USD')?.billsDue).toBe(
      120000 + 9000 + 4000 + 3000,
    );
  });

  it('is empty for a month with nothing in it', () => {
    expect(summary.month(input, '2019-01')).toEqual({
      month: '2019-01',
      currencies: [],
      categories: [],
    });
  });

  it('counts an occurrence assumed paid by autopay at its expected amount', () => {
    const auto = bill({ anchorDate: '2026-01-05', amount: 7000, autopay: 'assumed' });
    const march = summary.month(
      { ...input, bills: [auto], payments: [], incomes: [], startingAmounts: [] },
      '2026-03',
    );
    expect(march.currencies[0]).toMatchObject({ paid: 7000, remaining: 0, billsDue: 7000 });
  });
});

describe('startingAmountsOf', () => {
  it('keeps the newest record per currency, whatever the order', () => {
    const older = make('startingAmounts', { month: '2026-03', amount: 1 });
    const newer = make('startingAmounts', { month: '2026-03', amount: 2 });
    const euro = make('startingAmounts', { month: '2026-03', amount: 3, currency: 'EUR' });
    for (const list of [
      [older, newer, euro],
      [euro, newer, older],
    ]) {
      expect(summary.startingAmountsOf(list, '2026-03').map((s) => s.amount)).toEqual([3, 2]);
    }
  });
});

describe('projection', () => {
  it('carries each month’s projected balance into the next, per currency', () => {
    const series = summary.projection(input, '2026-03', 4);
    expect(series.map((s) => s.currency)).toEqual(['EUR', 'USD']);
    const usd = series.find((s) => s.currency === 'USD')?.points;
    expect(usd).toEqual([
      {
        month: '2026-03',
        starting: 15000,
        startingRecorded: true,
        income: 320000,
        incomeEstimated: false,
        billsDue: 138500,
        projected: 196500,
      },
      {
        month: '2026-04',
        starting: 196500,
        startingRecorded: false,
        income: 320000,
        incomeEstimated: true,
        billsDue: 136000,
        projected: 380500,
      },
      {
        month: '2026-05',
        starting: 1000,
        startingRecorded: true,
        income: 320000,
        incomeEstimated: true,
        // The quarterly insurance is due again.
        billsDue: 141000,
        projected: 180000,
      },
      {
        month: '2026-06',
        starting: 180000,
        startingRecorded: false,
        income: 320000,
        incomeEstimated: true,
        billsDue: 136000,
        projected: 364000,
      },
    ]);
    const eur = series.find((s) => s.currency === 'EUR')?.points;
    expect(eur?.map((p) => [p.month, p.starting, p.income, p.billsDue, p.projected])).toEqual([
      ['2026-03', 0, 50000, 21299, 28701],
      ['2026-04', 28701, 50000, 21299, 57402],
      ['2026-05', 57402, 50000, 21299, 86103],
      ['2026-06', 86103, 50000, 21299, 114804],
    ]);
  });

  it('defaults to twelve months and starts from zero without a starting amount', () => {
    const series = summary.projection(
      { bills: [rent], overrides: [], incomes: [], startingAmounts: [] },
      '2026-11',
    );
    const points = series[0]?.points ?? [];
    expect(points).toHaveLength(12);
    expect(points[0]).toMatchObject({ month: '2026-11', starting: 0, projected: -120000 });
    expect(points[11]).toMatchObject({ month: '2027-10', projected: -12 * 120000 });
  });
});
