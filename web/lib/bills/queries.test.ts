import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import * as tracker from '@tally/model/bills/tracker';
import { build, testIds } from '@tally/model/testing';
import { Store } from '../store/store.ts';
import { saveBillWrites } from './bill-writes.ts';
import { emptyBillForm, readBillForm } from './form.ts';
import { monthWrites } from './month-edit.ts';
import { instantOfDate } from './month.ts';
import * as queries from './queries.ts';
import type { Bill } from './types.ts';

let counter = 0;
const open: Store[] = [];

async function store(): Promise<Store> {
  const ids = testIds(++counter);
  const s = new Store({
    name: `bills-queries-${counter}`,
    indexedDB: new IDBFactory(),
    IDBKeyRange,
    ids,
    now: () => ids.clock.now(),
    compactDelayMs: 0,
  });
  await s.open();
  open.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function addBill(s: Store, name: string, firstDue: string): Promise<Bill> {
  const read = readBillForm({ ...emptyBillForm('USD'), name, amount: '100', firstDue });
  if (!read.ok) throw new Error(JSON.stringify(read.error));
  const { writes, billId } = saveBillWrites(read.value, { newId: () => s.newId() });
  const result = await s.apply(writes);
  expect(result.ok).toBe(true);
  return (await s.db.bills.get(billId)) as unknown as Bill;
}

async function pay(s: Store, bill: Bill, date: string, occurrence?: string): Promise<void> {
  const r = await s.create(
    'payments',
    { billId: bill.id, date, amount: 100, currency: 'USD', ...(occurrence ? { occurrence } : {}) },
    { at: instantOfDate(date) },
  );
  expect(r.ok).toBe(true);
}

describe('queries', () => {
  it('reads each bill’s payments in its window only, across yearly documents', async () => {
    const s = await store();
    const rent = await addBill(s, 'Rent', '2025-01-01');
    const phone = await addBill(s, 'Phone', '2025-01-05');
    await pay(s, rent, '2025-12-30');
    await pay(s, rent, '2026-01-02');
    await pay(s, phone, '2026-01-06');
    await pay(s, rent, '2026-06-01');
    expect(await s.docNames()).toEqual(expect.arrayContaining(['payments.2025', 'payments.2026']));

    const snap = await queries.snapshot(s.db, (b) =>
      b.id === rent.id ? { from: '2025-12-01', to: '2026-01-31' } : undefined,
    );
    expect(snap.bills.map((b) => b.name).sort()).toEqual(['Phone', 'Rent']);
    expect(snap.payments.map((p) => p.date)).toEqual(['2025-12-30', '2026-01-02']);
    expect((await queries.paymentsOf(s.db, rent.id)).map((p) => p.date)).toEqual([
      '2025-12-30',
      '2026-01-02',
      '2026-06-01',
    ]);
  });

  it('gives the tracker what it needs: a marked-paid occurrence reads paid after a reopen', async () => {
    const s = await store();
    const rent = await addBill(s, 'Rent', '2026-03-01');
    await pay(s, rent, '2026-03-02', '2026-03-01');
    const snap = await queries.snapshot(s.db, () => ({ from: '2025-11-01', to: '2026-07-31' }));
    const month = tracker.month({ ...snap, today: '2026-03-10' }, '2026-03');
    expect(month.buckets.paid.map((i) => i.bill.name)).toEqual(['Rent']);
  });

  it('reads one bill’s month overrides, and the categories by name', async () => {
    const s = await store();
    const rent = await addBill(s, 'Rent', '2026-03-01');
    const other = await addBill(s, 'Other', '2026-03-01');
    const edit = { skip: true, amount: undefined, snoozeUntil: undefined, note: undefined };
    for (const b of [rent, other]) {
      const r = await s.apply(monthWrites([], b.id, '2026-04', edit, () => s.newId()));
      expect(r.ok).toBe(true);
    }
    expect((await queries.overridesOf(s.db, rent.id)).map((o) => [o.billId, o.month])).toEqual([
      [rent.id, '2026-04'],
    ]);
    await s.create('categories', build('categories', 0, { name: 'Utilities' }));
    await s.create('categories', build('categories', 0, { name: 'Home' }));
    expect((await queries.categories(s.db)).map((c) => c.name)).toEqual(['Home', 'Utilities']);
  });

  it('counts an account’s transactions and finds its latest date, across years', async () => {
    const s = await store();
    const account = await s.create('accounts', { name: 'Checking', currency: 'USD' });
    const other = await s.create('accounts', { name: 'Card', currency: 'USD' });
    if (!account.ok || !other.ok) throw new Error('accounts');
    const add = (accountId: string, date: string) =>
      s.create(
        'transactions',
        { accountId, date, amount: -100, currency: 'USD', fingerprint: `${accountId}${date}` },
        { at: instantOfDate(date) },
      );
    for (const date of ['2025-12-30', '2026-01-20', '2026-01-02'])
      await add(account.value.id, date);
    await add(other.value.id, '2026-02-01');
    expect(await queries.accountActivity(s.db, account.value.id)).toEqual({
      transactions: 3,
      lastDate: '2026-01-20',
    });
    expect(await queries.accountActivity(s.db, s.newId())).toEqual({
      transactions: 0,
      lastDate: undefined,
    });
  });
});
