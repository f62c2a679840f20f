import { describe, expect, it } from 'vitest';
import { bill, make, nextId, override, payment } from '@tally/model/bills/test-records';
import { changedFields, deleteBillWrites, saveBillWrites } from './bill-writes.ts';
import { emptyBillForm, readBillForm, NEW_CATEGORY } from './form.ts';

function output(fields = {}) {
  const r = readBillForm({
    ...emptyBillForm('USD'),
    name: 'Rent',
    amount: '1200',
    firstDue: '2026-03-01',
    ...fields,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('saveBillWrites', () => {
  it('creates a bill without empty fields', () => {
    const { writes, billId } = saveBillWrites(output(), { newId: () => 'B1' });
    expect(billId).toBe('B1');
    expect(writes).toEqual([
      {
        op: 'create',
        collection: 'bills',
        id: 'B1',
        data: {
          name: 'Rent',
          amount: 120000,
          currency: 'USD',
          cycle: 'monthly',
          anchorDate: '2026-03-01',
          active: true,
          autopay: 'off',
          payoffIncluded: false,
          subscription: false,
        },
      },
    ]);
  });

  it('creates the new category first and links the bill to it', () => {
    const ids = ['C1', 'B1'];
    const { writes } = saveBillWrites(output({ categoryId: NEW_CATEGORY, newCategory: 'Home' }), {
      newId: () => ids.shift() ?? 'X',
    });
    expect(writes.map((w) => [w.op, w.collection, w.id])).toEqual([
      ['create', 'categories', 'C1'],
      ['create', 'bills', 'B1'],
    ]);
    expect(writes[0]?.data).toEqual({ name: 'Home' });
    expect(writes[1]?.data?.categoryId).toBe('C1');
  });

  it('updates with every field, so cleared ones are removed', () => {
    const { writes } = saveBillWrites(output(), { billId: 'B9', newId: () => 'X' });
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ op: 'update', id: 'B9' });
    expect(Object.hasOwn(writes[0]?.data ?? {}, 'website')).toBe(true);
    expect(writes[0]?.data?.website).toBeUndefined();
  });
});

describe('deleteBillWrites', () => {
  it('removes what belongs to the bill and unlinks its transactions', () => {
    const b = bill();
    const o = override(b.id, '2026-03', { skip: true });
    const p = payment(b.id, '2026-03-01');
    const rule = make('payeeRules', { text: 'landlord', billId: b.id });
    const dismissal = make('billMatchDismissals', {
      transactionId: nextId(),
      billId: b.id,
      dismissedOn: '2026-03-02',
    });
    const t = make('transactions', {
      accountId: nextId(),
      date: '2026-03-01',
      amount: -100,
      currency: 'USD',
      fingerprint: 'x',
      billId: b.id,
      paymentId: p.id,
    });
    const writes = deleteBillWrites(b.id, {
      overrides: [o],
      payments: [p],
      rules: [rule],
      dismissals: [dismissal],
      transactions: [t],
    });
    expect(writes.map((w) => [w.op, w.collection, w.id])).toEqual([
      ['remove', 'monthlyOverrides', o.id],
      ['remove', 'payments', p.id],
      ['remove', 'payeeRules', rule.id],
      ['remove', 'billMatchDismissals', dismissal.id],
      ['update', 'transactions', t.id],
      ['remove', 'bills', b.id],
    ]);
    expect(writes[4]?.data).toEqual({ billId: undefined, paymentId: undefined });
  });
});

describe('changedFields', () => {
  it('keeps only what differs from the bill as the form opened it', () => {
    expect(
      changedFields(
        { name: 'Rent', amount: 120000, notes: 'stale copy', website: undefined, active: true },
        { name: 'Rent', amount: 110000, notes: 'stale copy', active: true },
      ),
    ).toEqual({ amount: 120000 });
  });

  it('clears a field the user emptied', () => {
    expect(changedFields({ notes: undefined }, { notes: 'old' })).toEqual({ notes: undefined });
  });
});
