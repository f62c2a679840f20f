// The reads the bills screens make, over the projection tables. Bills, categories and month
// overrides are few and read whole; payments grow every month and are read per bill by date.
import type { TallyDB } from '../store/schema.ts';
import { asRecords, type Bill, type Category, type Override, type Payment } from './types.ts';
import type { DateRange } from './windows.ts';

export interface BillsSnapshot {
  bills: Bill[];
  categories: Category[];
  overrides: Override[];
  payments: Payment[];
}

const LOW = '';
const HIGH = '\uffff';

export async function bills(db: TallyDB): Promise<Bill[]> {
  return asRecords<Bill>(await db.bills.toArray());
}

export async function categories(db: TallyDB): Promise<Category[]> {
  return asRecords<Category>(await db.categories.orderBy('name').toArray());
}

export async function overrides(db: TallyDB): Promise<Override[]> {
  return asRecords<Override>(await db.monthlyOverrides.toArray());
}

/** One bill's payments dated in `range` (all of them without one), oldest first. */
export async function paymentsOf(
  db: TallyDB,
  billId: string,
  range?: DateRange,
): Promise<Payment[]> {
  const rows = await db.payments
    .where('[billId+date]')
    .between([billId, range?.from ?? LOW], [billId, range?.to ?? HIGH], true, true)
    .toArray();
  return asRecords<Payment>(rows);
}

/** One bill's month overrides. */
export async function overridesOf(db: TallyDB, billId: string): Promise<Override[]> {
  const rows = await db.monthlyOverrides
    .where('[billId+month]')
    .between([billId, LOW], [billId, HIGH], true, true)
    .toArray();
  return asRecords<Override>(rows);
}

/**
 * Bills, categories, overrides and the payments each bill needs: `windowOf` says which dates of
 * a bill's payments to read (none when it returns undefined).
 */
export async function snapshot(
  db: TallyDB,
  windowOf: (bill: Bill) => DateRange | undefined,
): Promise<BillsSnapshot> {
  const [billList, categoryList, overrideList] = await Promise.all([
    bills(db),
    categories(db),
    overrides(db),
  ]);
  const perBill = await Promise.all(
    billList.map((b) => {
      const range = windowOf(b);
      return range ? paymentsOf(db, b.id, range) : Promise.resolve([]);
    }),
  );
  return {
    bills: billList,
    categories: categoryList,
    overrides: overrideList,
    payments: perBill.flat(),
  };
}

/** How many transactions an account has, and the date of its latest one. */
export async function accountActivity(
  db: TallyDB,
  accountId: string,
): Promise<{ transactions: number; lastDate: string | undefined }> {
  // A fresh collection for each: last() reverses the collection it is called on.
  const range = () =>
    db.transactions
      .where('[accountId+date]')
      .between([accountId, LOW], [accountId, HIGH], true, true);
  const [transactions, last] = await Promise.all([range().count(), range().last()]);
  return { transactions, lastDate: last?.['date'] as string | undefined };
}
