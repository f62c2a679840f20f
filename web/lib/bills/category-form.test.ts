import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { bill, make, nextId } from '@tally/model/bills/test-records';
import { testIds } from '@tally/model/testing';
import { Store } from '../store/store.ts';
import {
  billCounts,
  deleteCategoryWrites,
  readCategoryName,
  restoreCategoryWrites,
} from './category-form.ts';

const others = [
  { id: 'C1', name: 'Utilities' },
  { id: 'C2', name: 'Old', archived: true },
];

describe('category name', () => {
  it.each([
    ['  Home   and garden ', { ok: true, value: 'Home and garden' }],
    ['', { ok: false, error: 'Type a name, e.g. Utilities.' }],
    ['x'.repeat(201), { ok: false, error: 'Keep the name under 200 characters.' }],
    ['UTILITIES', { ok: false, error: 'There is a category named “Utilities” already.' }],
    ['old', { ok: true, value: 'old' }],
  ])('reads %j', (text, expected) => {
    expect(readCategoryName(text, others)).toEqual(expected);
  });

  it('lets a category keep its own name', () => {
    expect(readCategoryName('utilities', others, 'C1')).toEqual({ ok: true, value: 'utilities' });
  });
});

describe('category writes', () => {
  const [c1, c2] = [nextId(), nextId()];
  const bills = [
    bill({ name: 'Power', categoryId: c1 }),
    bill({ name: 'Water', categoryId: c1 }),
    bill({ name: 'Rent', categoryId: c2 }),
    bill({ name: 'Gym' }),
  ];

  it('counts bills per category', () => {
    expect(billCounts(bills)).toEqual(
      new Map([
        [c1, 2],
        [c2, 1],
      ]),
    );
  });

  it('deletes a category and unfiles its bills only', () => {
    expect(deleteCategoryWrites(c1, bills)).toEqual([
      { op: 'update', collection: 'bills', id: bills[0]?.id, data: { categoryId: undefined } },
      { op: 'update', collection: 'bills', id: bills[1]?.id, data: { categoryId: undefined } },
      { op: 'remove', collection: 'categories', id: c1 },
    ]);
  });
});

describe('category writes through the store', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });

  it('delete then undo puts the category and its bills back', async () => {
    const ids = testIds(42);
    const s = new Store({
      name: 'bills-categories',
      indexedDB: new IDBFactory(),
      IDBKeyRange,
      ids,
      now: () => ids.clock.now(),
      compactDelayMs: 0,
    });
    await s.open();
    stores.push(s);
    const category = await s.create('categories', { name: 'Utilities' });
    if (!category.ok) throw new Error('category');
    const { id: _c, ...powerInput } = bill({ name: 'Power', categoryId: category.value.id });
    const power = await s.create('bills', powerInput);
    const { id: _g, ...gymInput } = bill({ name: 'Gym' });
    const gym = await s.create('bills', gymInput);
    if (!power.ok || !gym.ok) throw new Error('bills');

    const before = [power.value, gym.value];
    expect((await s.apply(deleteCategoryWrites(category.value.id, before))).ok).toBe(true);
    expect(await s.db.categories.count()).toBe(0);
    expect((await s.db.bills.get(power.value.id))?.['categoryId']).toBeUndefined();
    expect((await s.db.bills.get(power.value.id))?.['name']).toBe('Power');

    const undo = restoreCategoryWrites(category.value, [power.value.id]);
    expect((await s.apply(undo)).ok).toBe(true);
    expect(await s.db.categories.get(category.value.id)).toMatchObject({ name: 'Utilities' });
    expect((await s.db.bills.get(power.value.id))?.['categoryId']).toBe(category.value.id);
    expect((await s.db.bills.get(gym.value.id))?.['categoryId']).toBeUndefined();
  });

  it('restores a category with its fields', () => {
    const c = make('categories', { name: 'Fun', spending: false });
    expect(restoreCategoryWrites(c, [])).toEqual([
      {
        op: 'create',
        collection: 'categories',
        id: c.id,
        data: {
          name: 'Fun',
          spending: false,
          archived: false,
          ...(c.color ? { color: c.color } : {}),
        },
      },
    ]);
  });
});
