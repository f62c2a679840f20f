import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { testIds } from '@tally/model/testing';
import { Store } from '../store/store.ts';
import { make, nextId } from '@tally/model/bills/test-records';
import {
  accountForm,
  archiveWrites,
  deleteAccountWrites,
  deleteBlocker,
  newAccountForm,
  readAccountForm,
  saveAccountWrites,
  type AccountFormValues,
} from './account-form.ts';
import type { Account, PayeeRule } from './types.ts';

const others = [
  { id: 'A1', name: 'Everyday' },
  { id: 'A2', name: 'Old card', archived: true },
];

function values(patch: Partial<AccountFormValues>): AccountFormValues {
  return { ...newAccountForm('EUR'), name: 'Savings', ...patch };
}

describe('account form', () => {
  it('reads a new account, tidying the name and the number hint', () => {
    const r = readAccountForm(
      values({
        name: '  Joint   savings ',
        kind: 'savings',
        institution: ' Credit Union ',
        numberHint: '12-34',
      }),
      others,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        name: 'Joint savings',
        kind: 'savings',
        currency: 'EUR',
        institution: 'Credit Union',
        numberHint: '1234',
      },
    });
  });

  it('round-trips a stored account', () => {
    const account: Account = make('accounts', {
      name: 'Visa',
      kind: 'credit',
      currency: 'USD',
      numberHint: '9876',
    });
    const r = readAccountForm(accountForm(account), [account], account.id);
    expect(r).toEqual({
      ok: true,
      value: {
        name: 'Visa',
        kind: 'credit',
        currency: 'USD',
        institution: undefined,
        numberHint: '9876',
      },
    });
  });

  it.each([
    [{ name: '  ' }, 'name', 'Give the account a name'],
    [{ name: 'x'.repeat(201) }, 'name', 'under 200'],
    [{ name: 'EVERYDAY' }, 'name', 'already have an account named “Everyday”'],
    [{ kind: 'piggy' as AccountFormValues['kind'] }, 'kind', 'kind'],
    [{ currency: 'euro' }, 'currency', 'currency'],
    [{ numberHint: '1234567890' }, 'numberHint', 'never keeps the whole account number'],
    [{ numberHint: '12/4' }, 'numberHint', 'only the digits'],
  ] as const)('rejects %j', (patch, field, message) => {
    const r = readAccountForm(values(patch), others);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[field]).toContain(message);
  });

  it('lets a name repeat an archived account, and an account keep its own name', () => {
    expect(readAccountForm(values({ name: 'old card' }), others).ok).toBe(true);
    expect(readAccountForm(values({ name: 'Everyday' }), others, 'A1').ok).toBe(true);
  });
});

describe('account writes', () => {
  const original: Account = make('accounts', {
    name: 'Checking',
    currency: 'EUR',
    institution: 'Bank',
    importKey: 'k1',
  });
  const fields = {
    name: 'Checking',
    kind: 'checking',
    currency: 'EUR',
    institution: 'Bank',
    numberHint: undefined,
  } as const;

  it('creates a new account without empty fields', () => {
    const r = saveAccountWrites({ ...fields, institution: undefined }, { id: 'N1' });
    expect(r).toEqual({
      ok: true,
      value: [
        {
          op: 'create',
          collection: 'accounts',
          id: 'N1',
          data: { name: 'Checking', kind: 'checking', currency: 'EUR' },
        },
      ],
    });
  });

  it('updates only what changed, and clears a removed field', () => {
    const r = saveAccountWrites(
      { ...fields, name: 'Main checking', institution: undefined },
      { id: original.id, original },
    );
    expect(r).toEqual({
      ok: true,
      value: [
        {
          op: 'update',
          collection: 'accounts',
          id: original.id,
          data: { name: 'Main checking', institution: undefined },
        },
      ],
    });
    expect(saveAccountWrites(fields, { id: original.id, original })).toEqual({
      ok: true,
      value: [],
    });
  });

  it('keeps the currency of an account with transactions', () => {
    const target = { id: original.id, original, hasTransactions: true };
    const r = saveAccountWrites({ ...fields, currency: 'USD' }, target);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.currency).toContain('transactions in EUR');
    expect(
      saveAccountWrites({ ...fields, currency: 'USD' }, { ...target, hasTransactions: false }),
    ).toMatchObject({ ok: true, value: [{ data: { currency: 'USD' } }] });
  });

  it('archives and restores', () => {
    expect(archiveWrites('A1', true)).toEqual([
      { op: 'update', collection: 'accounts', id: 'A1', data: { archived: true } },
    ]);
    expect(archiveWrites('A1', false)[0]?.data).toEqual({ archived: false });
  });

  it.each([
    [{ transactions: 0, payments: 0 }, undefined],
    [{ transactions: 1, payments: 0 }, '“Card” has 1 transaction, so it cannot be deleted'],
    [{ transactions: 3, payments: 2 }, '“Card” has 3 transactions and 2 payments'],
    [{ transactions: 0, payments: 1 }, '“Card” has 1 payment,'],
  ])('delete blocker for %j', (usage, expected) => {
    const blocker = deleteBlocker('Card', usage);
    if (expected === undefined) expect(blocker).toBeUndefined();
    else expect(blocker).toContain(expected);
  });

  it('deletes an account with the rules limited to it, not the others', () => {
    const [a1, a2, b1] = [nextId(), nextId(), nextId()];
    const rules: PayeeRule[] = [
      make('payeeRules', { text: 'a', billId: b1, accountId: a1 }),
      make('payeeRules', { text: 'b', billId: b1 }),
      make('payeeRules', { text: 'c', billId: b1, accountId: a2 }),
    ];
    expect(deleteAccountWrites(a1, rules)).toEqual([
      { op: 'remove', collection: 'payeeRules', id: rules[0]?.id },
      { op: 'remove', collection: 'accounts', id: a1 },
    ]);
  });
});

describe('account writes through the store', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });

  it('adds, renames, clears a field, archives and deletes an account with its rules', async () => {
    const ids = testIds(41);
    const s = new Store({
      name: 'bills-accounts',
      indexedDB: new IDBFactory(),
      IDBKeyRange,
      ids,
      now: () => ids.clock.now(),
      compactDelayMs: 0,
    });
    await s.open();
    stores.push(s);
    const read = readAccountForm(
      values({ name: 'Card', kind: 'credit', institution: 'Bank', numberHint: '4242' }),
      [],
    );
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    const accountId = s.newId();
    const created = saveAccountWrites(read.value, { id: accountId });
    if (!created.ok) throw new Error('writes');
    expect((await s.apply(created.value)).ok).toBe(true);
    const stored = (await s.db.accounts.get(accountId)) as unknown as Account;
    expect(stored).toMatchObject({ name: 'Card', kind: 'credit', numberHint: '4242' });

    const edited = readAccountForm(
      { ...accountForm(stored), name: 'Visa', institution: '' },
      [stored],
      accountId,
    );
    if (!edited.ok) throw new Error(JSON.stringify(edited.error));
    const update = saveAccountWrites(edited.value, { id: accountId, original: stored });
    if (!update.ok) throw new Error('writes');
    expect((await s.apply(update.value)).ok).toBe(true);
    expect((await s.apply(archiveWrites(accountId, true))).ok).toBe(true);
    const after = await s.db.accounts.get(accountId);
    expect(after).toMatchObject({ name: 'Visa', archived: true, numberHint: '4242' });
    expect(after?.['institution']).toBeUndefined();

    const billId = s.newId();
    const rule = await s.create('payeeRules', { text: 'visa', billId, accountId });
    if (!rule.ok) throw new Error('rule');
    expect((await s.apply(deleteAccountWrites(accountId, [rule.value]))).ok).toBe(true);
    expect(await s.db.accounts.count()).toBe(0);
    expect(await s.db.payeeRules.count()).toBe(0);
  });
});
