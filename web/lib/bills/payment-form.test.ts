import { describe, expect, it } from 'vitest';
import { payment } from '@tally/model/bills/test-records';
import { newPaymentForm, paymentForm, paymentInput, readPaymentForm } from './payment-form.ts';

describe('payment form', () => {
  it('prefills a new payment with the expected amount', () => {
    const values = newPaymentForm({
      date: '2026-03-05',
      amount: 120050,
      currency: 'USD',
      occurrence: '2026-03-01',
    });
    expect(values).toMatchObject({
      date: '2026-03-05',
      amount: '1200.50',
      occurrence: '2026-03-01',
    });
    expect(readPaymentForm(values)).toEqual({
      ok: true,
      value: {
        date: '2026-03-05',
        amount: 120050,
        currency: 'USD',
        occurrence: '2026-03-01',
        accountId: undefined,
        method: 'manual',
        autopayFailed: false,
        interest: undefined,
        transactionId: undefined,
        note: undefined,
      },
    });
  });

  it('round-trips a stored payment', () => {
    const p = payment('01JD0000000000000000000000', '2026-02-02', {
      amount: 4550,
      occurrence: '2026-02-01',
      method: 'autopay',
      autopayFailed: true,
      interest: 1234,
      note: 'bounced',
      accountId: '01JD0000000000000000000001',
      transactionId: '01JD0000000000000000000002',
    });
    const out = readPaymentForm(paymentForm(p), p.transactionId);
    const { id: _id, billId: _bill, ...rest } = p;
    expect(out).toEqual({ ok: true, value: rest });
  });

  it.each([
    [{ date: '' }, 'date'],
    [{ amount: '' }, 'amount'],
    [{ amount: '1.234' }, 'amount'],
    [{ interest: 'x' }, 'interest'],
    [{ note: 'x'.repeat(501) }, 'note'],
  ] as const)('rejects %j', (fields, field) => {
    const values = {
      ...newPaymentForm({ date: '2026-03-05', amount: 100, currency: 'USD' }),
      ...fields,
    };
    const r = readPaymentForm(values);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[field]).toBeTruthy();
  });

  it('accepts a refund as a negative amount', () => {
    const values = {
      ...newPaymentForm({ date: '2026-03-05', amount: 100, currency: 'USD' }),
      amount: '-5',
    };
    expect(readPaymentForm(values)).toMatchObject({ ok: true, value: { amount: -500 } });
  });

  it('builds a new payment without empty fields', () => {
    const values = newPaymentForm({ date: '2026-03-05', amount: 100, currency: 'USD' });
    const r = readPaymentForm(values);
    if (!r.ok) throw new Error('expected ok');
    expect(paymentInput('B', r.value)).toEqual({
      billId: 'B',
      date: '2026-03-05',
      amount: 100,
      currency: 'USD',
      method: 'manual',
      autopayFailed: false,
    });
  });
});
