import { describe, expect, it } from 'vitest';
import * as debts from './debts.ts';
import { bill } from './test-records.ts';

const debt = (id: string, balance: number, apr: number, minimum: number, order?: number) => {
  const d: debts.Debt = {
    id,
    name: `Debt ${id}`,
    balance,
    aprBasisPoints: apr,
    minimumPayment: minimum,
    currency: 'USD',
  };
  if (order !== undefined) d.order = order;
  return d;
};

function unwrap(result: ReturnType<typeof debts.plan>): debts.PayoffPlan {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('monthlyInterest', () => {
  it.each([
    [100000, 1200, 1000],
    [12345, 1999, 206], // 205.64
    [150, 400, 1], // 0.5 rounds half up
    [149, 400, 0], // 0.497
    [1, 600, 0],
    [0, 2999, 0],
    [5000000, 0, 0],
  ])('%i at %i bp accrues %i a month', (balance, apr, expected) => {
    expect(debts.monthlyInterest(balance, apr)).toBe(expected);
  });
});

describe('amortize', () => {
  it('builds the schedule of one debt: 1,000.00 at 12 % paid 100.00 a month', () => {
    const plan = unwrap(debts.amortize(debt('x', 100000, 1200, 10000), '2026-12'));
    expect(plan.months).toHaveLength(11);
    expect(plan.months.slice(0, 2).map((m) => m.rows[0])).toEqual([
      { debtId: 'x', startBalance: 100000, interest: 1000, payment: 10000, endBalance: 91000 },
      { debtId: 'x', startBalance: 91000, interest: 910, payment: 10000, endBalance: 81910 },
    ]);
    expect(plan.months.map((m) => m.month).slice(0, 3)).toEqual(['2026-12', '2027-01', '2027-02']);
    expect(plan.payoffMonth).toBe('2027-10');
    expect(plan.totalInterest).toBe(5898);
    expect(plan.months.at(-1)?.rows[0]).toMatchObject({ payment: 5898, endBalance: 0 });
    expect(plan.totalPaid).toBe(100000 + plan.totalInterest);
    expect(plan.debts).toEqual([
      { debtId: 'x', payoffMonth: '2027-10', months: 11, totalInterest: 5898, totalPaid: 105898 },
    ]);
  });

  it('pays an interest-free debt in whole steps with a smaller last payment', () => {
    const plan = unwrap(debts.amortize(debt('x', 100000, 0, 30000), '2026-01'));
    expect(plan.months.map((m) => m.payment)).toEqual([30000, 30000, 30000, 10000]);
    expect(plan.totalInterest).toBe(0);
  });

  it.each([
    ['below the interest', 1500],
    ['exactly the interest', 2000],
  ])('reports a payment %s as never paying off, at once', (_, payment) => {
    const result = debts.amortize(debt('x', 100000, 2400, payment), '2026-01');
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'never-pays-off', debtIds: ['x'], month: '2026-01' },
    });
    if (!result.ok) expect(result.error.message).toContain('20.00 USD');
  });

  it('finishes a payment just above the interest, slowly, and stops at the month cap', () => {
    const slow = debt('x', 100000, 2400, 2001);
    expect(unwrap(debts.amortize(slow, '2026-01')).months).toHaveLength(388);
    expect(debts.amortize(slow, '2026-01', 2001, 120)).toMatchObject({
      ok: false,
      error: { kind: 'too-long', months: 120 },
    });
  });

  it('has nothing to do for a debt already paid', () => {
    const plan = unwrap(debts.amortize(debt('x', 0, 2400, 100), '2026-01'));
    expect(plan.months).toEqual([]);
    expect(plan.payoffMonth).toBeUndefined();
  });
});

describe('payoff plans', () => {
  const card = debt('card', 50000, 2400, 2000);
  const car = debt('car', 20000, 600, 1000);
  const options = { extra: 5000, start: '2026-01' };

  it('snowball pays the smallest balance first and rolls its money on', () => {
    const plan = unwrap(debts.plan([card, car], { ...options, strategy: 'snowball' }));
    expect(plan.order).toEqual(['car', 'card']);
    expect(plan.monthlyBudget).toBe(8000);
    expect(plan.debts.map((d) => [d.debtId, d.months])).toEqual([
      ['car', 4],
      ['card', 10],
    ]);
    expect(plan.totalInterest).toBe(6949);
    // Month 4: the car takes what it still owes, the card the rest; month 5: all of it to the card.
    expect(plan.months[3]?.rows.map((r) => [r.debtId, r.payment])).toEqual([
      ['car', 2223],
      ['card', 5777],
    ]);
    expect(plan.months[4]?.rows.map((r) => [r.debtId, r.payment])).toEqual([['card', 8000]]);
    expect(plan.payoffMonth).toBe('2026-10');
  });

  it('avalanche pays the highest APR first and costs less interest here', () => {
    const plan = unwrap(debts.plan([car, card], { ...options, strategy: 'avalanche' }));
    expect(plan.order).toEqual(['card', 'car']);
    expect(plan.debts.map((d) => [d.debtId, d.months])).toEqual([
      ['card', 8],
      ['car', 10],
    ]);
    expect(plan.totalInterest).toBe(5248);
    for (const m of plan.months) expect(m.payment).toBeLessThanOrEqual(8000);
    expect(plan.totalPaid).toBe(70000 + 5248);
  });

  it('custom follows the user’s order, unordered debts last', () => {
    const list = [debt('a', 100, 0, 10), debt('b', 50, 0, 10, 2), debt('c', 500, 0, 10, 1)];
    expect(debts.order(list, 'custom').map((d) => d.id)).toEqual(['c', 'b', 'a']);
  });

  it.each([
    ['snowball', ['high', 'low', 'big']],
    ['avalanche', ['high', 'big', 'low']],
  ] as const)('%s breaks ties deterministically', (strategy, expected) => {
    const list = [
      debt('low', 1000, 500, 10),
      debt('big', 9000, 2000, 10),
      debt('high', 1000, 2000, 10),
    ];
    expect(debts.order(list, strategy).map((d) => d.id)).toEqual(expected);
  });

  it('lets rolled-over money finish a debt whose own minimum never would, and says so', () => {
    const stuck = debt('stuck', 100000, 2400, 1000);
    const small = debt('small', 10000, 0, 5000);
    const plan = unwrap(
      debts.plan([stuck, small], { strategy: 'snowball', extra: 0, start: '2026-01' }),
    );
    expect(plan.minimumBelowInterest).toEqual(['stuck']);
    expect(plan.debts.every((d) => d.months > 0)).toBe(true);
  });

  it('reports a budget that cannot beat the interest', () => {
    const result = debts.plan([card, car], { strategy: 'avalanche', extra: 0, start: '2026-01' });
    // 30.00 a month against 10.00 + 1.00 interest still shrinks: fine.
    expect(result.ok).toBe(true);
    const hopeless = debts.plan([debt('a', 1000000, 2400, 5000), debt('b', 1000000, 2400, 5000)], {
      strategy: 'avalanche',
      extra: 1000,
      start: '2026-01',
    });
    expect(hopeless).toMatchObject({
      ok: false,
      error: { kind: 'never-pays-off', debtIds: ['a', 'b'], month: '2026-01' },
    });
  });

  it('refuses debts in different currencies and a negative extra', () => {
    expect(
      debts.plan([card, { ...car, currency: 'EUR' }], { ...options, strategy: 'snowball' }),
    ).toMatchObject({ ok: false, error: { kind: 'mixed-currencies', currencies: ['EUR', 'USD'] } });
    expect(debts.plan([card], { ...options, extra: -1, strategy: 'snowball' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid' },
    });
  });
});

describe('fromBills', () => {
  it('takes the included bills with a balance, falling back to the bill amount as minimum', () => {
    const card = bill({
      name: 'Card',
      amount: 3500,
      debtBalance: 250000,
      aprBasisPoints: 1999,
      payoffIncluded: true,
      payoffOrder: 2,
    });
    const loan = bill({ name: 'Loan', debtBalance: 900000, minimumPayment: 20000 });
    const paidOff = bill({ name: 'Old', debtBalance: 0, payoffIncluded: true });
    const rent = bill({ name: 'Rent' });
    expect(debts.fromBills([card, loan, paidOff, rent])).toEqual([
      {
        id: card.id,
        name: 'Card',
        balance: 250000,
        aprBasisPoints: 1999,
        minimumPayment: 3500,
        currency: 'USD',
        order: 2,
      },
    ]);
    expect(debts.fromBills([card, loan, paidOff, rent], false).map((d) => d.name)).toEqual([
      'Card',
      'Loan',
    ]);
  });
});
