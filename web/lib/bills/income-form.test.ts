import { describe, expect, it } from 'vitest';
import { make } from '@tally/model/bills/test-records';
import { incomeForm, newIncomeForm, readAmount, readIncomeForm } from './income-form.ts';
import type { Income } from './types.ts';

describe('income form', () => {
  it('reads an income of the month', () => {
    const values = {
      ...newIncomeForm('EUR'),
      label: ' Salary ',
      amount: '2.500,00',
      expectedOn: '2026-03-25',
    };
    expect(readIncomeForm(values, '2026-03')).toEqual({
      ok: true,
      value: {
        month: '2026-03',
        label: 'Salary',
        amount: 250000,
        currency: 'EUR',
        expectedOn: '2026-03-25',
        received: false,
      },
    });
  });

  it('round-trips a stored income', () => {
    const income: Income = make('incomes', {
      month: '2026-03',
      label: 'Rent from lodger',
      amount: 45050,
      currency: 'USD',
      received: true,
    });
    const r = readIncomeForm(incomeForm(income), '2026-03');
    const { id: _id, ...rest } = income;
    expect(r).toEqual({ ok: true, value: { ...rest, expectedOn: undefined } });
  });

  it.each([
    [{ label: '' }, 'label'],
    [{ amount: '' }, 'amount'],
    [{ amount: 'lots' }, 'amount'],
    [{ expectedOn: '2026-04-01' }, 'expectedOn'],
    [{ currency: 'x' }, 'currency'],
  ] as const)('rejects %j', (fields, field) => {
    const values = { ...newIncomeForm('USD'), label: 'Pay', amount: '10', ...fields };
    const r = readIncomeForm(values, '2026-03');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[field]).toBeTruthy();
  });

  it('reads a negative starting amount (an overdraft)', () => {
    expect(readAmount('-120.5', 'USD')).toEqual({ ok: true, value: -12050 });
    expect(readAmount('', 'USD').ok).toBe(false);
  });
});
