import { describe, expect, it } from 'vitest';
import { collections } from './collections.ts';
import * as documents from './documents.ts';
import { createIds } from './ids.ts';
import { prng } from './testing.ts';

describe('document names', () => {
  it.each([
    ['settings', { kind: 'small', doc: 'settings' }],
    ['bills', { kind: 'small', doc: 'bills' }],
    ['activities', { kind: 'small', doc: 'activities' }],
    ['time-entries.2026', { kind: 'yearly', prefix: 'time-entries', year: 2026 }],
    ['activities.2019', { kind: 'yearly', prefix: 'activities', year: 2019 }],
    ['payments.1999', { kind: 'yearly', prefix: 'payments', year: 1999 }],
  ])('parses %s', (name, parsed) => expect(documents.parseDocName(name)).toEqual(parsed));

  it.each([
    '',
    'Bills',
    'bills.2026',
    'time-entries',
    'time-entries.26',
    '../etc/passwd',
    'settings.2026',
    'x.2026',
  ])('refuses %s', (name) => expect(documents.isDocName(name)).toBe(false));

  it('places a record by the time in its id, in UTC', () => {
    const ids = createIds({ now: () => 0, random: prng(1) });
    const newYearsEveUtc = ids.next(Date.UTC(2025, 11, 31, 23, 59, 59, 999));
    const newYear = ids.next(Date.UTC(2026, 0, 1));
    expect(documents.docNameFor(collections.timeEntries.placement, newYearsEveUtc)).toBe(
      'time-entries.2025',
    );
    expect(documents.docNameFor(collections.timeEntries.placement, newYear)).toBe(
      'time-entries.2026',
    );
    expect(documents.docNameFor(collections.bills.placement, newYear)).toBe('bills');
    expect(documents.docNameFor(collections.activities.placement, newYear)).toBe('activities.2026');
    expect(documents.docNameFor(collections.gear.placement, newYear)).toBe('activities');
  });

  it('orders documents for a first sync: small ones, then newest years', () => {
    const names = ['time-entries.2024', 'bills', 'activities.2026', 'settings', 'payments.2025'];
    expect([...names].sort(documents.compareForSync)).toEqual([
      'settings',
      'bills',
      'activities.2026',
      'payments.2025',
      'time-entries.2024',
    ]);
  });
});
