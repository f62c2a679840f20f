import { describe, expect, it } from 'vitest';
import * as ids from '../ids.ts';
import type { RecordOf } from '../collections.ts';
import * as records from '../records/bills.ts';
import * as v from 'valibot';
import { classify } from './dedupe.ts';
import { keyAll } from './fingerprint.ts';
import { planImport } from './plan.ts';
import { derivedId } from './recordid.ts';
import type { ParsedTransaction } from './statement.ts';

const ACCOUNT = '01JD0000000000000000000000';
const OTHER_ACCOUNT = '01JD0000000000000000000001';

let line = 1;
function tx(
  date: string,
  amount: number,
  payee: string,
  extra: Partial<ParsedTransaction> = {},
): ParsedTransaction {
  return { line: line++, date, amount, currency: 'USD', payee, ...extra };
}

/** Stores a plan's creations as records would be. */
function store(plan: ReturnType<typeof planImport>): RecordOf<'transactions'>[] {
  return plan.create.map(({ id, input }) => v.parse(records.transaction, { id, ...input }));
}

describe('fingerprints', () => {
  it('counts identical transactions in file order', () => {
    const keyed = keyAll(ACCOUNT, [
      tx('2025-01-01', -350, 'Coffee'),
      tx('2025-01-01', -350, 'Coffee'),
      tx('2025-01-01', -350, 'Tea'),
    ]);
    expect(keyed[0]?.fingerprint).toMatch(/^fp:[0-9a-f]{16}$/);
    expect(keyed[1]?.fingerprint).toBe(`${keyed[0]?.fingerprint}:2`);
    expect(keyed[2]?.fingerprint).not.toBe(keyed[0]?.fingerprint);
  });

  it('ignores case and spacing in the payee, but not the account, date, amount or currency', () => {
    const [a] = keyAll(ACCOUNT, [tx('2025-01-01', -350, 'Coffee  Shop')]);
    const same = keyAll(ACCOUNT, [tx('2025-01-01', -350, ' COFFEE shop ')])[0];
    expect(same?.fingerprint).toBe(a?.fingerprint);
    for (const different of [
      keyAll(OTHER_ACCOUNT, [tx('2025-01-01', -350, 'Coffee Shop')]),
      keyAll(ACCOUNT, [tx('2025-01-02', -350, 'Coffee Shop')]),
      keyAll(ACCOUNT, [tx('2025-01-01', -351, 'Coffee Shop')]),
      keyAll(ACCOUNT, [tx('2025-01-01', -350, 'Coffee Shop', { currency: 'EUR' })]),
    ]) {
      expect(different[0]?.fingerprint).not.toBe(a?.fingerprint);
    }
  });

  it('uses the bank id when there is one, scoped by account', () => {
    const [a] = keyAll(ACCOUNT, [tx('2025-01-01', -350, 'Coffee', { providerId: 'F1' })]);
    const [b] = keyAll(ACCOUNT, [tx('2025-01-02', -999, 'Changed', { providerId: 'F1' })]);
    const [c] = keyAll(OTHER_ACCOUNT, [tx('2025-01-01', -350, 'Coffee', { providerId: 'F1' })]);
    expect(a?.fingerprint).toMatch(/^id:/);
    expect(b?.fingerprint).toBe(a?.fingerprint);
    expect(c?.fingerprint).not.toBe(a?.fingerprint);
  });
});

describe('derivedId', () => {
  it('is a valid ULID whose time is the transaction date', () => {
    const id = derivedId('2025-03-15', 'key');
    expect(ids.isId(id)).toBe(true);
    expect(ids.timeOf(id)).toBe(Date.UTC(2025, 2, 15));
  });

  it('is stable for a key and differs between keys', () => {
    expect(derivedId('2025-03-15', 'key')).toBe(derivedId('2025-03-15', 'key'));
    const many = new Set(
      Array.from({ length: 5000 }, (_, i) => derivedId('2025-03-15', `key ${i}`)),
    );
    expect(many.size).toBe(5000);
    for (const id of many) expect(ids.isId(id)).toBe(true);
  });

  it.each(['1970-01-01', '1969-12-31', '2000-02-29', '9999-12-31'])('is valid for %s', (date) => {
    expect(ids.isId(derivedId(date, 'k'))).toBe(true);
  });
});

describe('planImport', () => {
  const file = (): ParsedTransaction[] => [
    tx('2025-01-01', -350, 'Coffee'),
    tx('2025-01-01', -350, 'Coffee'),
    tx('2025-01-02', -12000, 'Electric Co'),
    tx('2025-01-03', 250000, 'Salary'),
  ];

  it('creates valid records with derived ids; both identical coffees are kept', () => {
    const plan = planImport(ACCOUNT, file(), []);
    expect(plan.create).toHaveLength(4);
    expect(plan.duplicates).toEqual([]);
    const stored = store(plan);
    expect(new Set(stored.map((r) => r.id)).size).toBe(4);
    expect(stored[0]).toMatchObject({
      accountId: ACCOUNT,
      date: '2025-01-01',
      amount: -350,
      payee: 'Coffee',
    });
  });

  it('re-importing the same file creates nothing', () => {
    const stored = store(planImport(ACCOUNT, file(), []));
    const again = planImport(ACCOUNT, file(), stored);
    expect(again.create).toEqual([]);
    expect(again.duplicates.map((d) => d.by)).toEqual([
      'fingerprint',
      'fingerprint',
      'fingerprint',
      'fingerprint',
    ]);
  });

  it('two devices importing the same file offline create the same ids', () => {
    const a = planImport(ACCOUNT, file(), []).create.map((c) => c.id);
    const b = planImport(ACCOUNT, file(), []).create.map((c) => c.id);
    expect(a).toEqual(b);
  });

  it('an overlapping file adds only what is new, including a third identical coffee', () => {
    const stored = store(planImport(ACCOUNT, file(), []));
    const next = [
      tx('2025-01-01', -350, 'Coffee'),
      tx('2025-01-01', -350, 'Coffee'),
      tx('2025-01-01', -350, 'Coffee'),
      tx('2025-01-03', 250000, 'SALARY'),
      tx('2025-01-04', -4500, 'Groceries'),
    ];
    const plan = planImport(ACCOUNT, next, stored);
    expect(plan.create.map((c) => [c.input.date, c.input.payee])).toEqual([
      ['2025-01-01', 'Coffee'],
      ['2025-01-04', 'Groceries'],
    ]);
    expect(plan.create[0]?.input.fingerprint).toMatch(/:3$/);
  });

  it('the same transactions from CSV and then OFX are recognised by content', () => {
    const stored = store(planImport(ACCOUNT, [tx('2025-01-02', -12000, 'Electric Co')], []));
    const plan = planImport(
      ACCOUNT,
      [
        tx('2025-01-02', -12000, 'ELECTRIC CO', { providerId: 'FIT9' }),
        tx('2025-01-02', -12000, 'Electric Co', { providerId: 'FIT10' }),
      ],
      stored,
    );
    expect(plan.duplicates.map((d) => d.by)).toEqual(['content']);
    expect(plan.create.map((c) => c.input.providerId)).toEqual(['FIT10']);
  });

  it('two different bank ids are two transactions however alike', () => {
    const stored = store(
      planImport(ACCOUNT, [tx('2025-01-02', -350, 'Coffee', { providerId: 'A' })], []),
    );
    const plan = planImport(
      ACCOUNT,
      [tx('2025-01-02', -350, 'Coffee', { providerId: 'B' })],
      stored,
    );
    expect(plan.create).toHaveLength(1);
  });

  it('a transaction whose payee was edited after import is still recognised', () => {
    const stored = store(planImport(ACCOUNT, [tx('2025-01-02', -350, 'Coffee')], [])).map((r) => ({
      ...r,
      payee: 'Morning coffee',
    }));
    expect(planImport(ACCOUNT, [tx('2025-01-02', -350, 'Coffee')], stored).create).toEqual([]);
  });

  it('does not match transactions of another account', () => {
    const stored = store(planImport(OTHER_ACCOUNT, file(), []));
    expect(planImport(ACCOUNT, file(), stored).create).toHaveLength(4);
  });

  it('links a category that names a bill category', () => {
    const plan = planImport(
      ACCOUNT,
      [tx('2025-01-02', -350, 'Coffee', { category: 'food ' })],
      [],
      {
        categories: [{ id: OTHER_ACCOUNT, name: 'Food' }],
      },
    );
    expect(plan.create[0]?.input.categoryId).toBe(OTHER_ACCOUNT);
  });

  it('classify pairs identical stored and incoming transactions one to one', () => {
    const stored = store(planImport(ACCOUNT, [tx('2025-01-01', -350, 'Coffee')], []));
    const { fresh, duplicates } = classify(
      ACCOUNT,
      stored,
      keyAll(ACCOUNT, [tx('2025-01-01', -350, 'Coffee'), tx('2025-01-01', -350, 'Coffee')]),
    );
    expect(duplicates).toHaveLength(1);
    expect(fresh).toHaveLength(1);
  });
});
