// The calendar file from the store's projections, read back by a calendar library (ical.js).
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { build, testIds } from '@tally/model/testing';
import { Store } from '../store/store.ts';
import { upcomingBillsIcs } from './ics.ts';

const indexedDB = new IDBFactory();
let store: Store | undefined;

afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe('upcomingBillsIcs', () => {
  it('writes a year of due dates, read back by ical.js, with paid ones marked', async () => {
    const ids = testIds(7);
    store = new Store({ name: 'ics-test', indexedDB, IDBKeyRange, ids, now: () => ids.clock.now() });
    await store.open();
    const rent = await store.create('bills', build('bills', 1, { name: 'Rent', dueDay: 5 }));
    if (!rent.ok) throw new Error('no bill');
    await store.create('bills', build('bills', 2, { name: 'Old gym', active: false }));
    const paid = await store.create(
      'payments',
      build('payments', 1, { billId: rent.value.id, date: '2026-12-04', amount: 1001 }),
      { at: Date.UTC(2026, 11, 4) },
    );
    expect(paid.ok).toBe(true);

    const made = await upcomingBillsIcs(store.db, {
      today: '2026-11-22',
      now: Date.UTC(2026, 10, 22, 12),
      locale: 'en-US',
      dueSoonDays: 3,
    });
    const calendar = ICAL.Component.fromString(made.text);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(made.events);
    const starts = events.map((e) => e.startDate.toString());
    // The next twelve due dates of Rent, from 2026-12-05 on; nothing of the inactive bill.
    expect(starts).toHaveLength(12);
    expect(starts[0]).toBe('2026-12-05');
    expect(starts.at(-1)).toBe('2027-11-05');
    expect(events.every((e) => e.summary.includes('Rent'))).toBe(true);
    expect(events[0]?.summary.startsWith('✓')).toBe(true);
    expect(events[1]?.summary.startsWith('✓')).toBe(false);
  });
});
