import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { collectionNames, collections, settingsSchema } from '../collections.ts';
import { build, FIXED_ID, testIds } from '../testing.ts';

const ids = testIds(7);

describe('every record schema', () => {
  it.each(collectionNames)('%s accepts its sample and fills defaults', (name) => {
    const input = { ...build(name, 3), id: ids.next() };
    const result = v.safeParse(collections[name].schema, input);
    expect(result.issues?.map((i) => i.message)).toBeUndefined();
    expect(result.success).toBe(true);
  });

  it.each(collectionNames)('%s refuses a record without an id', (name) => {
    expect(v.safeParse(collections[name].schema, build(name, 3)).success).toBe(false);
  });

  it.each(collectionNames)('%s refuses a malformed id', (name) => {
    expect(
      v.safeParse(collections[name].schema, { ...build(name, 3), id: 'not-an-id' }).success,
    ).toBe(false);
  });
});

// One wrong field per case: each must be refused, and the message must name the field.
const invalid: [string, keyof typeof collections, Record<string, unknown>][] = [
  ['a float amount', 'bills', { amount: 12.5 }],
  ['a negative expected amount', 'bills', { amount: -1 }],
  ['an unknown cycle', 'bills', { cycle: 'fortnightly-ish' }],
  ['a due day of 32', 'bills', { dueDay: 32 }],
  ['a lower-case currency', 'bills', { currency: 'usd' }],
  ['an impossible anchor date', 'bills', { anchorDate: '2026-02-30' }],
  ['an empty name', 'bills', { name: '   ' }],
  ['an unknown autopay state', 'bills', { autopay: 'maybe' }],
  ['a month of 13', 'monthlyOverrides', { month: '2026-13' }],
  ['a float payment', 'payments', { amount: 0.1 }],
  ['a reference that is not an id', 'payments', { billId: 'bill-1' }],
  ['an unknown payment method', 'payments', { method: 'barter' }],
  ['a transaction without fingerprint', 'transactions', { fingerprint: '' }],
  ['an unknown account kind', 'accounts', { kind: 'piggy-bank' }],
  ['a bad payee rule match', 'payeeRules', { match: 'regex' }],
  ['a colour word', 'projects', { color: 'blue' }],
  ['an entry ending before it starts', 'timeEntries', { start: 2000, end: 1000 }],
  ['a fractional start', 'timeEntries', { start: 1.5 }],
  ['an unknown entry source', 'timeEntries', { source: 'psychic' }],
  ['an unknown invoice status', 'invoices', { status: 'lost' }],
  ['a negative line time', 'invoiceLines', { seconds: -60 }],
  ['a negative distance', 'activities', { distanceMeters: -5 }],
  ['an unknown time zone', 'activities', { timeZone: 'Mars/Base' }],
  ['a source with a short hash', 'activities', { sources: [{ kind: 'fit', contentHash: 'abc' }] }],
  ['an unknown gear kind', 'gear', { kind: 'skateboard' }],
  ['a source file hash in capitals', 'sourceFiles', { contentHash: 'A'.repeat(64) }],
  ['a dismissal of one activity', 'activityMatchDismissals', { activityIds: [FIXED_ID] }],
];

describe('invalid records', () => {
  it.each(invalid)('refuses %s', (_what, name, overrides) => {
    const input = { ...build(name, 1), id: ids.next(), ...overrides };
    const result = v.safeParse(collections[name].schema, input);
    expect(result.success).toBe(false);
  });
});

describe('settings', () => {
  it('an empty settings object is valid and has every default', () => {
    const s = v.parse(settingsSchema, {});
    expect(s).toMatchObject({
      currency: 'USD',
      weekStart: 1,
      roundingMinutes: 1,
      dueSoonDays: 3,
      theme: 'system',
      keepSourceFiles: false,
      syncKeptFiles: false,
    });
  });
  it('reads settings written by an older version, dropping fields it no longer has', () => {
    // syncSourceFiles was never used; syncKeptFiles replaced it.
    const s = v.parse(settingsSchema, { syncSourceFiles: true, keepSourceFiles: true });
    expect(s.keepSourceFiles).toBe(true);
    expect('syncSourceFiles' in s).toBe(false);
  });
  it.each([
    [{ currency: 'dollars' }],
    [{ weekStart: 7 }],
    [{ roundingMinutes: 7 }],
    [{ hiddenModules: ['email'] }],
    [{ timeZone: 'Nowhere/Else' }],
    [{ idleMinutes: 0 }],
    [{ syncKeptFiles: 'yes' }],
  ])('refuses %j', (s) => expect(v.safeParse(settingsSchema, s).success).toBe(false));
});

describe('the registry', () => {
  it('covers every record type the modules need', () => {
    expect(new Set(collectionNames)).toEqual(
      new Set([
        'categories',
        'bills',
        'monthlyOverrides',
        'payments',
        'incomes',
        'startingAmounts',
        'accounts',
        'transactions',
        'payeeRules',
        'billMatchDismissals',
        'clients',
        'projects',
        'tasks',
        'timeEntries',
        'invoices',
        'invoiceLines',
        'activities',
        'gear',
        'sourceFiles',
        'activityMatchDismissals',
      ]),
    );
  });
  it('names each collection by its key', () => {
    for (const name of collectionNames) expect(collections[name].name).toBe(name);
  });
});
