import { describe, expect, it } from 'vitest';
import * as tracker from '@tally/model/bills/tracker';
import { bill, payment } from '@tally/model/bills/test-records';
import { readTrackerQuery, tiles, trackerSearch } from './tracker-view.ts';

describe('tracker query', () => {
  it('defaults to this month, due date order, pin due on', () => {
    expect(readTrackerQuery(new URLSearchParams(''), '2026-03')).toEqual({
      month: '2026-03',
      sort: { key: 'due', descending: false },
      pinDue: true,
    });
  });

  it('reads every parameter and ignores bad ones', () => {
    const q = readTrackerQuery(
      new URLSearchParams('month=2026-05&sort=-amount&pin=0&status=late'),
      '2026-03',
    );
    expect(q).toEqual({
      month: '2026-05',
      sort: { key: 'amount', descending: true },
      pinDue: false,
      status: 'late',
    });
    expect(
      readTrackerQuery(new URLSearchParams('month=2026-13&sort=zzz&status=gone'), '2026-03'),
    ).toEqual({ month: '2026-03', sort: { key: 'due', descending: false }, pinDue: true });
  });

  it.each(['month=2026-05&sort=-amount&pin=0&status=late', 'sort=name', 'status=paid', ''])(
    'writes back what it read: %j',
    (search) => {
      const q = readTrackerQuery(new URLSearchParams(search), '2026-03');
      expect(trackerSearch(q, '2026-03')).toBe(search ? `?${search}` : '');
    },
  );
});

describe('tiles', () => {
  it('counts each bucket and totals it per currency', () => {
    const rent = bill({ name: 'Rent', amount: 100000, anchorDate: '2026-03-01' });
    const phone = bill({ name: 'Phone', amount: 3000, anchorDate: '2026-03-20' });
    const euro = bill({ name: 'Gym', amount: 2500, currency: 'EUR', anchorDate: '2026-03-21' });
    const month = tracker.month(
      {
        bills: [rent, phone, euro],
        overrides: [],
        payments: [payment(rent.id, '2026-03-01', { amount: 99000, occurrence: '2026-03-01' })],
        today: '2026-03-19',
      },
      '2026-03',
    );
    const byStatus = Object.fromEntries(tiles(month).map((t) => [t.status, t]));
    expect(byStatus.paid).toEqual({
      status: 'paid',
      count: 1,
      totals: [{ currency: 'USD', minor: 99000 }],
    });
    expect(byStatus['due-soon']).toEqual({
      status: 'due-soon',
      count: 2,
      totals: [
        { currency: 'EUR', minor: 2500 },
        { currency: 'USD', minor: 3000 },
      ],
    });
    expect(byStatus.missed?.count).toBe(0);
    expect(tiles(month).map((t) => t.status)).toEqual([
      'missed',
      'late',
      'due-soon',
      'upcoming',
      'paid',
      'skipped',
    ]);
  });
});
