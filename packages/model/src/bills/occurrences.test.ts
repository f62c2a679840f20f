import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Collection } from '../collection.ts';
import type { InputOf } from '../collections.ts';
import * as occ from './occurrences.ts';
import * as overrides from './overrides.ts';
import { bill, nextId, override } from './test-records.ts';

const dueDates = (fields: Partial<InputOf<'bills'>>, from: string, to: string): string[] =>
  occ.scheduledDates(bill(fields), { from, to });

describe('scheduledDates', () => {
  it.each([
    [
      'monthly on the 31st clamps to each month end, without drifting',
      { cycle: 'monthly', anchorDate: '2026-01-31', dueDay: 31 },
      ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31'],
    ],
    [
      'monthly on the anchor day when there is no due day',
      { cycle: 'monthly', anchorDate: '2026-01-30' },
      ['2026-01-30', '2026-02-28', '2026-03-30', '2026-04-30', '2026-05-30'],
    ],
    [
      'monthly on the 29th in a leap year',
      { cycle: 'monthly', anchorDate: '2028-01-29', dueDay: 29 },
      ['2028-01-29', '2028-02-29', '2028-03-29', '2028-04-29', '2028-05-29'],
    ],
    [
      'weekly from the anchor',
      { cycle: 'weekly', anchorDate: '2026-01-05' },
      ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26', '2026-02-02'],
    ],
    [
      'biweekly across the year end',
      { cycle: 'biweekly', anchorDate: '2025-11-21' },
      ['2025-11-21', '2025-12-05', '2025-12-19', '2026-01-02', '2026-01-16'],
    ],
    [
      'quarterly from Jan 31: Apr 30, then the 31st again',
      { cycle: 'quarterly', anchorDate: '2026-01-31' },
      ['2026-01-31', '2026-04-30', '2026-07-31', '2026-10-31', '2027-01-31'],
    ],
    [
      'annual from Feb 29: Feb 28 until the next leap year',
      { cycle: 'annual', anchorDate: '2024-02-29' },
      ['2024-02-29', '2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29'],
    ],
    [
      'every 2 months across December → January',
      { cycle: 'every-n-months', everyMonths: 2, anchorDate: '2025-11-15' },
      ['2025-11-15', '2026-01-15', '2026-03-15', '2026-05-15', '2026-07-15'],
    ],
  ] as const)('%s', (_, fields, expected) => {
    expect(dueDates(fields, '2020-01-01', '2030-12-31').slice(0, 5)).toEqual(expected);
  });

  it.each([
    ['2025-12-20', '2026-01-20', ['2026-01-02', '2026-01-16']],
    ['2026-01-02', '2026-01-02', ['2026-01-02']],
    ['2026-01-03', '2026-01-15', []],
    ['2025-01-01', '2025-11-20', []],
  ])('biweekly in a range %s – %s', (from, to, expected) => {
    expect(dueDates({ cycle: 'biweekly', anchorDate: '2025-11-21' }, from, to)).toEqual(expected);
  });

  it.each([
    ['a range far from the anchor', { cycle: 'annual', anchorDate: '2000-03-15' }, ['2031-03-15']],
    [
      'a weekly anchor years back',
      { cycle: 'weekly', anchorDate: '2001-01-01' },
      ['2031-03-10', '2031-03-17'],
    ],
  ] as const)('finds dates in %s', (_, fields, expected) => {
    expect(dueDates(fields, '2031-03-08', '2031-03-20')).toEqual(expected);
  });

  it('never falls before the anchor, even when the due day is earlier in its month', () => {
    expect(
      dueDates(
        { cycle: 'monthly', anchorDate: '2026-01-15', dueDay: 1 },
        '2026-01-01',
        '2026-03-31',
      ),
    ).toEqual(['2026-02-01', '2026-03-01']);
  });

  it('respects the start and end dates, both inclusive', () => {
    expect(
      dueDates(
        {
          cycle: 'monthly',
          anchorDate: '2026-01-10',
          startDate: '2026-03-10',
          endDate: '2026-05-10',
        },
        '2026-01-01',
        '2026-12-31',
      ),
    ).toEqual(['2026-03-10', '2026-04-10', '2026-05-10']);
  });

  it.each([
    ['before the due day: that month is gone', '2026-03-15', ['2026-01-20', '2026-02-20']],
    ['on the due day: it still counts', '2026-03-20', ['2026-01-20', '2026-02-20', '2026-03-20']],
    [
      'after the due day: that month stays',
      '2026-03-25',
      ['2026-01-20', '2026-02-20', '2026-03-20'],
    ],
  ])('a cancellation mid-month %s', (_, cancelledOn, expected) => {
    expect(
      dueDates(
        { cycle: 'monthly', anchorDate: '2026-01-20', cancelledOn },
        '2026-01-01',
        '2026-12-31',
      ),
    ).toEqual(expected);
  });

  it('knows whether a date is scheduled and which comes next', () => {
    const b = bill({ cycle: 'monthly', anchorDate: '2026-01-31', dueDay: 31 });
    expect(occ.isScheduled(b, '2026-02-28')).toBe(true);
    expect(occ.isScheduled(b, '2026-03-30')).toBe(false);
    expect(occ.nextScheduled(b, '2026-01-31')).toBe('2026-02-28');
    expect(occ.nextScheduled(b, '2025-06-01')).toBe('2026-01-31');
    const every10y = bill({ cycle: 'every-n-months', everyMonths: 120, anchorDate: '2020-06-01' });
    expect(occ.nextScheduled(every10y, '2020-06-01')).toBe('2030-06-01');
    const ended = bill({ cycle: 'monthly', anchorDate: '2026-01-10', endDate: '2026-02-10' });
    expect(occ.nextScheduled(ended, '2026-02-10')).toBeUndefined();
  });
});

describe('inRange', () => {
  const range = { from: '2026-03-01', to: '2026-03-31' };

  it('gives each occurrence a stable key from the bill and its scheduled date', () => {
    const b = bill({ cycle: 'monthly', anchorDate: '2026-01-05', amount: 5000 });
    const [march] = occ.inRange(b, [], range);
    expect(march).toEqual({
      key: `${b.id}/2026-03-05`,
      billId: b.id,
      scheduled: '2026-03-05',
      due: '2026-03-05',
      month: '2026-03',
      amount: 5000,
      currency: 'USD',
      skipped: false,
      snoozed: false,
      amountOverridden: false,
    });
    expect(occ.parseKey(march?.key ?? '')).toEqual({ billId: b.id, scheduled: '2026-03-05' });
    expect(occ.parseKey('nonsense')).toBeUndefined();
  });

  it('leaves inactive bills out unless asked for their history', () => {
    const b = bill({ cycle: 'monthly', anchorDate: '2026-01-05', active: false });
    expect(occ.inRange(b, [], range)).toEqual([]);
    expect(occ.inRange(b, [], range, { includeInactive: true })).toHaveLength(1);
  });

  it('applies skip, amount and note overrides to their month only', () => {
    const b = bill({ cycle: 'monthly', anchorDate: '2026-01-05', amount: 5000 });
    const list = occ.inRange(
      b,
      [
        override(b.id, '2026-02', { skip: true }),
        override(b.id, '2026-03', { amount: 7000, note: 'meter reading' }),
      ],
      { from: '2026-01-01', to: '2026-04-30' },
    );
    expect(list.map((o) => [o.scheduled, o.skipped, o.amount, o.note])).toEqual([
      ['2026-01-05', false, 5000, undefined],
      ['2026-02-05', true, 5000, undefined],
      ['2026-03-05', false, 7000, 'meter reading'],
      ['2026-04-05', false, 5000, undefined],
    ]);
  });

  it('moves a snoozed occurrence to its new due date, into the next month and across Dec → Jan', () => {
    const b = bill({ cycle: 'monthly', anchorDate: '2026-01-28' });
    const records = [override(b.id, '2026-12', { snoozeUntil: '2027-01-04' })];
    const december = occ.inRange(b, records, { from: '2026-12-01', to: '2026-12-31' });
    expect(december).toEqual([]);
    const january = occ.inRange(b, records, { from: '2027-01-01', to: '2027-01-31' });
    expect(january.map((o) => [o.key, o.due, o.snoozed, o.month])).toEqual([
      [`${b.id}/2026-12-28`, '2027-01-04', true, '2026-12'],
      [`${b.id}/2027-01-28`, '2027-01-28', false, '2027-01'],
    ]);
  });

  it('lets a skip win over a snooze in the same month', () => {
    const b = bill({ cycle: 'monthly', anchorDate: '2026-01-31', dueDay: 31 });
    const records = [override(b.id, '2026-02', { skip: true, snoozeUntil: '2026-03-05' })];
    const list = occ.inRange(b, records, { from: '2026-02-01', to: '2026-03-31' });
    expect(list.map((o) => [o.scheduled, o.due, o.skipped, o.snoozed])).toEqual([
      ['2026-02-28', '2026-02-28', true, false],
      ['2026-03-31', '2026-03-31', false, false],
    ]);
  });

  it('ignores a snooze to a date that is not later', () => {
    const b = bill({ cycle: 'monthly', anchorDate: '2026-01-20' });
    const [o] = occ.inRange(b, [override(b.id, '2026-03', { snoozeUntil: '2026-03-10' })], range);
    expect([o?.due, o?.snoozed]).toEqual(['2026-03-20', false]);
  });

  it('snoozes only the occurrences of a weekly bill that fall before the snooze date', () => {
    const b = bill({ cycle: 'weekly', anchorDate: '2026-03-02' });
    const list = occ.inRange(b, [override(b.id, '2026-03', { snoozeUntil: '2026-03-18' })], range);
    expect(list.map((o) => [o.scheduled, o.due])).toEqual([
      ['2026-03-02', '2026-03-18'],
      ['2026-03-09', '2026-03-18'],
      ['2026-03-16', '2026-03-18'],
      ['2026-03-23', '2026-03-23'],
      ['2026-03-30', '2026-03-30'],
    ]);
  });

  it('finds the occurrence on a scheduled date wherever it is due', () => {
    const b = bill({ cycle: 'monthly', anchorDate: '2026-01-28' });
    const records = [override(b.id, '2026-12', { snoozeUntil: '2027-01-04', amount: 1 })];
    expect(occ.onDate(b, records, '2026-12-28')).toMatchObject({
      due: '2027-01-04',
      amount: 1,
    });
    expect(occ.onDate(b, records, '2026-12-27')).toBeUndefined();
  });
});

describe('duplicate overrides for one month (two devices offline)', () => {
  it('fold in id order: the later record’s set fields win, a skip anywhere holds', () => {
    const billId = nextId();
    const older = override(billId, '2026-03', {
      amount: 100,
      note: 'older',
      snoozeUntil: '2026-03-20',
    });
    const newer = override(billId, '2026-03', { amount: 200 });
    const skipper = override(billId, '2026-04', { skip: true });
    const unskip = override(billId, '2026-04', { note: 'later' });
    for (const order of [
      [older, newer, skipper, unskip],
      [unskip, newer, skipper, older],
    ]) {
      const merged = overrides.byMonth(order, billId);
      expect(merged.get('2026-03')).toEqual({
        billId,
        month: '2026-03',
        skip: false,
        amount: 200,
        snoozeUntil: '2026-03-20',
        note: 'older',
        ids: [older.id, newer.id],
      });
      expect(merged.get('2026-04')).toMatchObject({ skip: true, note: 'later' });
    }
  });

  it('plans a create when the month has no record yet', () => {
    expect(overrides.planEdit([], 'b', '2026-03', { skip: true, note: 'away' })).toEqual([
      { kind: 'create', input: { billId: 'b', month: '2026-03', skip: true, note: 'away' } },
    ]);
  });

  it('plans edits that make every device read exactly the edit', () => {
    const doc = new Y.Doc();
    const store = new Collection(doc, 'bills', 'monthlyOverrides', 'test');
    const billId = nextId();
    const a = nextId();
    const b = nextId();
    store.create(a, { billId, month: '2026-03', skip: true, amount: 100, note: 'keep' });
    store.create(b, { billId, month: '2026-03', amount: 200 });

    const writes = overrides.planEdit(store.all(), billId, '2026-03', {
      skip: false,
      amount: undefined,
    });
    expect(writes.map((w) => (w.kind === 'update' ? w.id : 'create'))).toEqual([a, b]);
    for (const w of writes) {
      if (w.kind === 'update') expect(store.update(w.id, w.patch).ok).toBe(true);
    }
    expect(overrides.byMonth(store.all(), billId).get('2026-03')).toEqual({
      billId,
      month: '2026-03',
      skip: false,
      note: 'keep',
      ids: [a, b],
    });
  });
});
