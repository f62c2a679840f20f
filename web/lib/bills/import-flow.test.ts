import { describe, expect, it } from 'vitest';
import { planImport } from '@tally/model/bank/plan';
import { bill, make, nextId, override, payment } from '@tally/model/bills/test-records';
import {
  acceptWrites,
  dateRange,
  duesRange,
  findSuggestions,
  importWrites,
  type SuggestionInput,
} from './import-flow.ts';
import type { Transaction } from './types.ts';

const accountId = nextId();

function transaction(date: string, amount: number, payee: string): Transaction {
  return make('transactions', {
    accountId,
    date,
    amount,
    currency: 'USD',
    payee,
    fingerprint: `fp:${date}:${amount}:${payee}`,
  });
}

describe('dateRange', () => {
  it('spans the transactions, whatever their order', () => {
    expect(
      dateRange([{ date: '2026-03-05' }, { date: '2026-02-27' }, { date: '2026-03-01' }]),
    ).toEqual({ from: '2026-02-27', to: '2026-03-05' });
    expect(dateRange([])).toBeUndefined();
    expect(duesRange({ from: '2026-03-01', to: '2026-03-05' })).toEqual({
      from: '2026-02-22',
      to: '2026-03-15',
    });
  });
});

describe('importWrites', () => {
  const parsed = [
    { line: 2, date: '2026-03-01', amount: -120000, currency: 'USD', payee: 'LANDLORD' },
    { line: 3, date: '2026-03-02', amount: -450, currency: 'USD', payee: 'Coffee' },
  ];

  it('creates a new account first, then every transaction under its planned id', () => {
    const id = nextId();
    const plan = planImport(id, parsed, []);
    const writes = importWrites(plan, {
      kind: 'new',
      id,
      input: { name: 'Checking', currency: 'USD', importKey: 'k1' },
    });
    expect(writes.map((w) => [w.op, w.collection, w.id])).toEqual([
      ['create', 'accounts', id],
      ['create', 'transactions', plan.create[0]?.id],
      ['create', 'transactions', plan.create[1]?.id],
    ]);
    expect(writes[1]?.data).toMatchObject({ accountId: id, payee: 'LANDLORD', amount: -120000 });
  });

  it('teaches an existing account its import key, once', () => {
    const account = make('accounts', { name: 'Main', currency: 'USD' });
    const plan = planImport(account.id, parsed, []);
    expect(importWrites(plan, { kind: 'existing', account, importKey: 'k1' })[0]).toEqual({
      op: 'update',
      collection: 'accounts',
      id: account.id,
      data: { importKey: 'k1' },
    });
    const known = { ...account, importKey: 'k1' };
    expect(importWrites(plan, { kind: 'existing', account: known, importKey: 'k1' })).toHaveLength(
      2,
    );
  });
});

describe('findSuggestions', () => {
  const rent = bill({ name: 'Rent', amount: 120000, anchorDate: '2026-01-01' });
  const rule = make('payeeRules', { text: 'landlord', billId: rent.id });
  const base = (fields: Partial<SuggestionInput> = {}): SuggestionInput => ({
    bills: [rent],
    overrides: [],
    payments: [],
    transactions: [transaction('2026-03-02', -120000, 'LANDLORD LTD')],
    rules: [rule],
    dismissals: [],
    today: '2026-03-10',
    ...fields,
  });

  it('proposes the transaction as the payment of the nearest occurrence', () => {
    const [s, ...rest] = findSuggestions(base());
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      billId: rent.id,
      occurrence: '2026-03-01',
      scheduled: '2026-03-01',
      amount: 120000,
      daysFromDue: 1,
    });
  });

  it('links a snoozed occurrence by its scheduled date', () => {
    const snoozed = override(rent.id, '2026-03', { snoozeUntil: '2026-03-06' });
    const [s] = findSuggestions(
      base({
        overrides: [snoozed],
        transactions: [transaction('2026-03-06', -120000, 'Landlord')],
      }),
    );
    expect(s).toMatchObject({ occurrence: '2026-03-06', scheduled: '2026-03-01', daysFromDue: 0 });
    const writes = acceptWrites(s!, 'PAYMENT');
    expect(writes[0]?.data).toMatchObject({
      occurrence: '2026-03-01',
      transactionId: s?.transactionId,
    });
  });

  it('proposes nothing for a paid, skipped or dismissed occurrence, or without rules', () => {
    const paid = payment(rent.id, '2026-02-28', { occurrence: '2026-03-01' });
    expect(findSuggestions(base({ payments: [paid] }))).toEqual([]);
    const skip = override(rent.id, '2026-03', { skip: true });
    expect(findSuggestions(base({ overrides: [skip] }))).toEqual([]);
    const t = transaction('2026-03-02', -120000, 'LANDLORD LTD');
    const dismissal = make('billMatchDismissals', {
      transactionId: t.id,
      billId: rent.id,
      dismissedOn: '2026-03-03',
    });
    expect(findSuggestions(base({ transactions: [t], dismissals: [dismissal] }))).toEqual([]);
    expect(findSuggestions(base({ rules: [] }))).toEqual([]);
  });

  it('still proposes an occurrence only assumed paid by autopay', () => {
    const auto = { ...rent, autopay: 'assumed' as const };
    expect(findSuggestions(base({ bills: [auto] }))).toHaveLength(1);
  });

  it('accepts into a payment and a transaction link', () => {
    const [s] = findSuggestions(base());
    expect(acceptWrites(s!, 'PAY')).toEqual([
      {
        op: 'create',
        collection: 'payments',
        id: 'PAY',
        data: {
          billId: rent.id,
          occurrence: '2026-03-01',
          date: '2026-03-02',
          amount: 120000,
          currency: 'USD',
          accountId,
          method: 'bank',
          transactionId: s?.transactionId,
        },
      },
      {
        op: 'update',
        collection: 'transactions',
        id: s?.transactionId,
        data: { billId: rent.id, paymentId: 'PAY' },
      },
    ]);
  });
});
