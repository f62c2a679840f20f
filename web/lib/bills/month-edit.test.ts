import { describe, expect, it } from 'vitest';
import * as overrides from '@tally/model/bills/overrides';
import { bill, nextId, override } from '@tally/model/bills/test-records';
import { monthEditValues, monthWrites, readMonthEdit } from './month-edit.ts';
import type { Override } from './types.ts';

const rent = bill({ name: 'Rent', anchorDate: '2026-01-05' });

/** Applies writes to plain records, as the store would. */
function applied(records: Override[], writes: ReturnType<typeof monthWrites>): Override[] {
  const out = records.map((r) => ({ ...r }));
  for (const w of writes) {
    if (w.op === 'create') out.push({ ...(w.data as object), id: w.id } as Override);
    else {
      const r = out.find((o) => o.id === w.id) as Record<string, unknown>;
      for (const [k, value] of Object.entries(w.data ?? {})) {
        if (value === undefined) delete r[k];
        else r[k] = value;
      }
    }
  }
  return out;
}

describe('month edit', () => {
  it('reads the form into a full edit', () => {
    expect(
      readMonthEdit(
        { skip: false, snoozeUntil: '2026-03-09', amount: '99.5', note: ' hi ' },
        'USD',
        '2026-03-05',
      ),
    ).toEqual({
      ok: true,
      value: { skip: false, snoozeUntil: '2026-03-09', amount: 9950, note: 'hi' },
    });
    expect(
      readMonthEdit({ skip: true, snoozeUntil: '', amount: '', note: '' }, 'USD', '2026-03-05'),
    ).toEqual({
      ok: true,
      value: { skip: true, snoozeUntil: undefined, amount: undefined, note: undefined },
    });
  });

  it.each([
    [{ snoozeUntil: '2026-03-05' }, 'snoozeUntil', /after the due date/],
    [{ snoozeUntil: '2026-03-01' }, 'snoozeUntil', /after the due date/],
    [{ amount: 'x' }, 'amount', /not an amount/],
    [{ amount: '-3' }, 'amount', /negative/],
    [{ note: 'n'.repeat(501) }, 'note', /500/],
  ] as const)('rejects %j', (fields, field, message) => {
    const r = readMonthEdit(
      { skip: false, snoozeUntil: '', amount: '', note: '', ...fields },
      'USD',
      '2026-03-05',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[field]).toMatch(message);
  });

  it('writes nothing for an empty edit of a month without an override', () => {
    const edit = { skip: false, amount: undefined, snoozeUntil: undefined, note: undefined };
    expect(monthWrites([], rent.id, '2026-03', edit, nextId)).toEqual([]);
  });

  it('creates an override without empty fields', () => {
    const writes = monthWrites(
      [],
      rent.id,
      '2026-03',
      { skip: true, amount: undefined, snoozeUntil: undefined, note: undefined },
      () => 'NEW',
    );
    expect(writes).toEqual([
      {
        op: 'create',
        collection: 'monthlyOverrides',
        id: 'NEW',
        data: { billId: rent.id, month: '2026-03', skip: true },
      },
    ]);
  });

  it('makes the month read as the form, over duplicates from two devices', () => {
    const a = override(rent.id, '2026-03', { amount: 5000 });
    const b = override(rent.id, '2026-03', { skip: true });
    const edit = { skip: false, amount: undefined, snoozeUntil: '2026-03-10', note: 'later' };
    const after = applied([a, b], monthWrites([a, b], rent.id, '2026-03', edit, nextId));
    const merged = overrides.byMonth(after, rent.id).get('2026-03');
    expect(merged).toMatchObject({ skip: false, snoozeUntil: '2026-03-10', note: 'later' });
    expect(merged?.amount).toBeUndefined();
    expect(monthEditValues(after, rent.id, '2026-03', 'USD')).toEqual({
      skip: false,
      snoozeUntil: '2026-03-10',
      amount: '',
      note: 'later',
    });
  });

  it('shows an amount override as a decimal', () => {
    const o = override(rent.id, '2026-04', { amount: 123456 });
    expect(monthEditValues([o], rent.id, '2026-04', 'USD').amount).toBe('1234.56');
    expect(monthEditValues([o], rent.id, '2026-05', 'USD').amount).toBe('');
  });
});
