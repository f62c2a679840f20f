import { describe, expect, it } from 'vitest';
import * as tracker from './tracker.ts';
import { bill, override, payment } from './test-records.ts';

describe('tracker month', () => {
  const rent = bill({ name: 'Rent', cycle: 'monthly', anchorDate: '2026-01-01', amount: 120000 });
  const phone = bill({ name: 'Phone', cycle: 'monthly', anchorDate: '2026-01-28', amount: 4000 });
  const power = bill({ name: 'Power', cycle: 'monthly', anchorDate: '2026-01-12', amount: 9000 });
  const gym = bill({ name: 'Gym', cycle: 'monthly', anchorDate: '2026-01-25', amount: 3000 });
  const water = bill({ name: 'Water', cycle: 'quarterly', anchorDate: '2026-01-20', amount: 6000 });
  const paused = bill({
    name: 'Paused',
    cycle: 'monthly',
    anchorDate: '2026-01-10',
    active: false,
  });
  const bills = [rent, phone, power, gym, water, paused];
  const input = {
    bills,
    overrides: [override(gym.id, '2026-03', { skip: true })],
    payments: [payment(rent.id, '2026-03-01', { occurrence: '2026-03-01' })],
    today: '2026-03-10',
  };

  const namesIn = (t: tracker.TrackerMonth): Record<string, string[]> =>
    Object.fromEntries(
      Object.entries(t.buckets).map(([b, items]) => [
        b,
        items.map((i) => `${i.bill.name} ${i.occurrence.due}`),
      ]),
    );

  it('sorts the current month into buckets and carries in what is still unpaid from before', () => {
    expect(namesIn(tracker.month(input, '2026-03'))).toEqual({
      // January's are missed (February's dates have come); February's are missed only where
      // March's date has come — rent's, not yet the power or phone bill's.
      missed: [
        'Rent 2026-01-01',
        'Power 2026-01-12',
        'Water 2026-01-20',
        'Gym 2026-01-25',
        'Phone 2026-01-28',
        'Rent 2026-02-01',
      ],
      // Gym's March is skipped, but its February is still late until March 25.
      late: ['Power 2026-02-12', 'Gym 2026-02-25', 'Phone 2026-02-28'],
      'due-soon': ['Power 2026-03-12'],
      upcoming: ['Phone 2026-03-28'],
      paid: ['Rent 2026-03-01'],
      skipped: ['Gym 2026-03-25'],
    });
  });

  it('shows only the month’s own occurrences for another month', () => {
    const april = namesIn(tracker.month(input, '2026-04'));
    expect(april).toEqual({
      missed: [],
      late: [],
      'due-soon': [],
      upcoming: [
        'Rent 2026-04-01',
        'Power 2026-04-12',
        'Water 2026-04-20',
        'Gym 2026-04-25',
        'Phone 2026-04-28',
      ],
      paid: [],
      skipped: [],
    });
  });
});

describe('sort', () => {
  it.each([
    ['due', { key: 'due', descending: false }],
    ['-amount', { key: 'amount', descending: true }],
    ['name', { key: 'name', descending: false }],
    ['-bogus', tracker.DEFAULT_SORT],
    [null, tracker.DEFAULT_SORT],
    ['', tracker.DEFAULT_SORT],
  ] as const)('reads %j from the URL', (text, expected) => {
    expect(tracker.parseSort(text)).toEqual(expected);
  });

  it.each(['due', '-due', 'amount', '-amount', 'name', '-name'])('round-trips %s', (text) => {
    expect(tracker.formatSort(tracker.parseSort(text))).toBe(text);
  });

  const items = (() => {
    const a = bill({ name: 'alpha', cycle: 'monthly', anchorDate: '2026-03-20', amount: 5000 });
    const b = bill({ name: 'Bravo', cycle: 'monthly', anchorDate: '2026-03-02', amount: 1000 });
    const c = bill({
      name: 'charlie',
      cycle: 'monthly',
      anchorDate: '2026-03-15',
      amount: 3000,
      currency: 'JPY',
    });
    const d = bill({ name: 'delta', cycle: 'monthly', anchorDate: '2026-03-11', amount: 2000 });
    return tracker.month(
      { bills: [a, b, c, d], overrides: [], payments: [], today: '2026-03-10' },
      '2026-03',
    ).items;
  })();
  const names = (list: tracker.TrackerItem[]): string[] => list.map((i) => i.bill.name);

  it.each([
    [{ key: 'due', descending: false }, false, ['Bravo', 'delta', 'charlie', 'alpha']],
    [{ key: 'due', descending: true }, false, ['alpha', 'charlie', 'delta', 'Bravo']],
    [{ key: 'name', descending: false }, false, ['alpha', 'Bravo', 'charlie', 'delta']],
    // Face value: 3000 JPY is 3000, above 50.00 USD.
    [{ key: 'amount', descending: false }, false, ['Bravo', 'delta', 'alpha', 'charlie']],
    // Pin due: late Bravo, then due-soon delta, then the rest by the sort.
    [{ key: 'amount', descending: true }, true, ['Bravo', 'delta', 'charlie', 'alpha']],
    [{ key: 'name', descending: true }, true, ['Bravo', 'delta', 'charlie', 'alpha']],
  ] as const)('sorts by %j with pin due %s', (sort, pinDue, expected) => {
    expect(names(tracker.sortItems(items, sort, { pinDue }))).toEqual(expected);
  });
});
