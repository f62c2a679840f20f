// The payee-rule flow through a real store: a rule, a bank transaction near a due date, the
// proposed payment, accepting it (and undoing that), rejecting it (and that being remembered).
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import * as suggest from '@tally/model/bank/suggest';
import * as tracker from '@tally/model/bills/tracker';
import { testIds } from '@tally/model/testing';
import { Store } from '../store/store.ts';
import { saveBillWrites } from './bill-writes.ts';
import { emptyBillForm, readBillForm } from './form.ts';
import { acceptWrites, dateRange, findSuggestions } from './import-flow.ts';
import { instantOfDate } from './month.ts';
import * as queries from './queries.ts';
import { bill as makeBill, make, override, payment } from '@tally/model/bills/test-records';
import {
  linkedTransactions,
  manualLink,
  recentUnlinked,
  suggestionData,
  undoAcceptWrites,
} from './suggestions.ts';
import * as bankRules from '@tally/model/bank/rules';
import { asRecords, type Bill, type PayeeRule, type Transaction } from './types.ts';

let counter = 0;
const open: Store[] = [];

async function store(): Promise<Store> {
  const ids = testIds(++counter);
  const s = new Store({
    name: `bills-suggestions-${counter}`,
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

const TODAY = '2026-03-10';

async function setUp(s: Store): Promise<{ bill: Bill; accountId: string }> {
  const read = readBillForm({
    ...emptyBillForm('USD'),
    name: 'Power',
    amount: '80.00',
    firstDue: '2026-01-05',
  });
  if (!read.ok) throw new Error(JSON.stringify(read.error));
  const { writes, billId } = saveBillWrites(read.value, { newId: () => s.newId() });
  expect((await s.apply(writes)).ok).toBe(true);
  const account = await s.create('accounts', { name: 'Checking', currency: 'USD' });
  if (!account.ok) throw new Error('account');
  const rule = await s.create('payeeRules', { match: 'contains', text: 'acme power', billId });
  expect(rule.ok).toBe(true);
  const bill = (await s.db.bills.get(billId)) as unknown as Bill;
  return { bill, accountId: account.value.id };
}

async function addTransaction(
  s: Store,
  accountId: string,
  date: string,
  amount: number,
  payee: string,
): Promise<Transaction> {
  const r = await s.create(
    'transactions',
    { accountId, date, amount, currency: 'USD', payee, fingerprint: `${date}|${amount}|${payee}` },
    { at: instantOfDate(date) },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

async function proposals(s: Store) {
  const transactions = await recentUnlinked(s.db, TODAY);
  const data = await suggestionData(s.db, dateRange(transactions));
  return findSuggestions({ ...data, transactions, today: TODAY });
}

async function marchStatus(s: Store, bill: Bill): Promise<string | undefined> {
  const snap = await queries.snapshot(s.db, () => ({ from: '2025-11-01', to: '2026-07-31' }));
  const month = tracker.month({ ...snap, today: TODAY }, '2026-03');
  return month.items.find((i) => i.bill.id === bill.id && i.occurrence.due === '2026-03-05')
    ?.status;
}

describe('recentUnlinked', () => {
  it('reads the money-out transactions of the last 45 days not yet linked to a payment', async () => {
    const s = await store();
    const { accountId } = await setUp(s);
    const inWindow = await addTransaction(s, accountId, '2026-01-24', -100, 'A');
    await addTransaction(s, accountId, '2026-01-23', -100, 'too old');
    await addTransaction(s, accountId, '2026-03-11', -100, 'after today');
    await addTransaction(s, accountId, '2026-03-01', 5000, 'salary');
    const linked = await addTransaction(s, accountId, '2026-03-02', -100, 'linked');
    const paymentId = s.newId();
    expect((await s.update('transactions', linked.id, { paymentId })).ok).toBe(true);
    expect((await recentUnlinked(s.db, TODAY)).map((t) => t.id)).toEqual([inWindow.id]);
  });
});

describe('the payee-rule flow', () => {
  it('proposes a matching transaction near the due date; accepting pays the bill, undo unpays it', async () => {
    const s = await store();
    const { bill, accountId } = await setUp(s);
    const t = await addTransaction(s, accountId, '2026-03-06', -8123, 'ACME  Power #991');
    await addTransaction(s, accountId, '2026-03-06', -8000, 'Grocer');
    const unpaid = await marchStatus(s, bill);
    expect(unpaid).not.toBe('paid');

    const [proposal, ...more] = await proposals(s);
    expect(more).toEqual([]);
    expect(proposal).toMatchObject({
      transactionId: t.id,
      billId: bill.id,
      occurrence: '2026-03-05',
      amount: 8123,
      amountDifference: 123,
    });
    if (!proposal) return;

    const paymentId = s.newId(instantOfDate(proposal.date));
    expect((await s.apply(acceptWrites(proposal, paymentId))).ok).toBe(true);
    expect(await marchStatus(s, bill)).toBe('paid');
    expect(await s.db.transactions.get(t.id)).toMatchObject({ billId: bill.id, paymentId });
    expect(await proposals(s)).toEqual([]);

    expect((await s.apply(undoAcceptWrites(paymentId, t))).ok).toBe(true);
    expect(await marchStatus(s, bill)).toBe(unpaid);
    const after = await s.db.transactions.get(t.id);
    expect(after?.['paymentId']).toBeUndefined();
    expect(after?.['billId']).toBeUndefined();
    expect((await proposals(s)).map((p) => p.transactionId)).toEqual([t.id]);
  });

  it('remembers a rejection; undoing the rejection proposes it again', async () => {
    const s = await store();
    const { bill, accountId } = await setUp(s);
    await addTransaction(s, accountId, '2026-03-04', -8000, 'acme power');
    const [proposal] = await proposals(s);
    if (!proposal) throw new Error('expected a proposal');

    const dismissal = await s.create('billMatchDismissals', suggest.dismissalFor(proposal, TODAY));
    if (!dismissal.ok) throw new Error('dismissal');
    expect(await proposals(s)).toEqual([]);
    expect(await marchStatus(s, bill)).not.toBe('paid');

    expect((await s.remove('billMatchDismissals', dismissal.value.id)).ok).toBe(true);
    expect(await proposals(s)).toHaveLength(1);
  });

  it('proposes nothing far from a due date or for another payee', async () => {
    const s = await store();
    const { accountId } = await setUp(s);
    await addTransaction(s, accountId, '2026-02-20', -8000, 'acme power');
    await addTransaction(s, accountId, '2026-03-05', -8000, 'acme water');
    expect(await proposals(s)).toEqual([]);
  });
});

describe('manualLink', () => {
  const power = makeBill({
    name: 'Power',
    amount: 8000,
    currency: 'USD',
    cycle: 'monthly',
    anchorDate: '2026-01-05',
  });
  const tx = (date: string, amount = -8000, currency = 'USD'): Transaction =>
    make('transactions', { accountId: power.id, date, amount, currency, fingerprint: date });
  const link = (t: Transaction) =>
    manualLink({ bill: power, overrides: [], payments: [], transaction: t, today: TODAY });

  it.each([
    ['2026-03-06', '2026-03-05'],
    ['2026-02-18', '2026-02-05'],
    ['2026-02-20', '2026-03-05'],
    ['2026-01-01', '2026-01-05'],
  ])('a payment on %s pays the occurrence due %s', (date, due) => {
    expect(link(tx(date))).toMatchObject({ billId: power.id, occurrence: due, amount: 8000 });
  });

  it('skips a paid or skipped occurrence for the next nearest', () => {
    const t = tx('2026-03-04');
    const paid = payment(power.id, '2026-03-03', { amount: 8000, occurrence: '2026-03-05' });
    expect(
      manualLink({ bill: power, overrides: [], payments: [paid], transaction: t, today: TODAY }),
    ).toMatchObject({ occurrence: '2026-02-05' });
    const skip = override(power.id, '2026-03', { skip: true });
    expect(
      manualLink({ bill: power, overrides: [skip], payments: [], transaction: t, today: TODAY }),
    ).toMatchObject({ occurrence: '2026-02-05' });
  });

  it('links to the scheduled date of a snoozed occurrence', () => {
    const snooze = override(power.id, '2026-03', { snoozeUntil: '2026-03-20' });
    const s = manualLink({
      bill: power,
      overrides: [snooze],
      payments: [],
      transaction: tx('2026-03-19'),
      today: TODAY,
    });
    expect(s).toMatchObject({ occurrence: '2026-03-20', scheduled: '2026-03-05', daysFromDue: -1 });
  });

  it('links nothing for money in, another currency, or a bill not yet started', () => {
    expect(link(tx('2026-03-05', 8000))).toBeUndefined();
    expect(link(tx('2026-03-05', -8000, 'EUR'))).toBeUndefined();
    expect(link(tx('2025-10-01'))).toBeUndefined();
  });
});

describe('linking a transaction by hand', () => {
  it('records the payment of the nearest open due date through the store', async () => {
    const s = await store();
    const { bill, accountId } = await setUp(s);
    const t = await addTransaction(s, accountId, '2026-03-07', -7990, 'POWER CO ONLINE');
    expect(await proposals(s)).toEqual([]);
    const overrides = await queries.overridesOf(s.db, bill.id);
    const payments = await queries.paymentsOf(s.db, bill.id);
    const link = manualLink({ bill, overrides, payments, transaction: t, today: TODAY });
    if (!link) throw new Error('expected a link');
    const paymentId = s.newId(instantOfDate(link.date));
    expect((await s.apply(acceptWrites(link, paymentId))).ok).toBe(true);
    expect(await marchStatus(s, bill)).toBe('paid');
    expect(await s.db.payments.get(paymentId)).toMatchObject({
      billId: bill.id,
      occurrence: '2026-03-05',
      amount: 7990,
      transactionId: t.id,
      method: 'bank',
    });
    expect(await recentUnlinked(s.db, TODAY)).toEqual([]);
  });
});

describe('rules learned from transactions linked by hand', () => {
  it('proposes a rule once two transactions with the same payee are linked to a bill', async () => {
    const s = await store();
    const { bill, accountId } = await setUp(s);
    const linkBy = async (date: string, payee: string) => {
      const t = await addTransaction(s, accountId, date, -8000, payee);
      const link = manualLink({
        bill,
        overrides: [],
        payments: await queries.paymentsOf(s.db, bill.id),
        transaction: t,
        today: TODAY,
      });
      if (!link) throw new Error(`no link for ${date}`);
      expect((await s.apply(acceptWrites(link, s.newId(instantOfDate(date))))).ok).toBe(true);
    };
    await addTransaction(s, accountId, '2026-02-10', -500, 'Coffee');
    await linkBy('2026-01-06', 'POWER CO ONLINE 1234');
    const rules = async () => asRecords<PayeeRule>(await s.db.payeeRules.toArray());
    expect(bankRules.suggestRules(await linkedTransactions(s.db), [], await rules())).toEqual([]);
    await linkBy('2026-02-05', 'Power Co Online 9876');
    const linked = await linkedTransactions(s.db);
    expect(linked).toHaveLength(2);
    expect(bankRules.suggestRules(linked, [], await rules())).toMatchObject([
      { match: 'contains', text: 'power co online', billId: bill.id },
    ]);
  });
});
