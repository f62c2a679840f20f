import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Collection } from '../collection.ts';
import * as occ from './occurrences.ts';
import * as payments from './payments.ts';
import * as status from './status.ts';
import { bill, nextId, override } from './test-records.ts';

describe('markPaid', () => {
  it('prefills the expected amount and links the occurrence by its scheduled date', () => {
    const b = bill({ anchorDate: '2026-01-31', dueDay: 31, amount: 5000 });
    const records = [override(b.id, '2026-02', { amount: 5500, snoozeUntil: '2026-03-03' })];
    const february = occ.onDate(b, records, '2026-02-28');
    if (!february) throw new Error('no February occurrence');
    const input = payments.markPaid(february, '2026-03-02');
    expect(input).toEqual({
      billId: b.id,
      occurrence: '2026-02-28',
      date: '2026-03-02',
      amount: 5500,
      currency: 'USD',
      method: 'manual',
    });
    expect(
      payments.markPaid(february, '2026-03-02', { amount: 5600, method: 'card' }),
    ).toMatchObject({
      amount: 5600,
      method: 'card',
      occurrence: '2026-02-28',
    });

    // Written and read back, it pays the snoozed occurrence.
    const store = new Collection(new Y.Doc(), 'payments.2026', 'payments', 'test');
    const written = store.create(nextId(), input);
    if (!written.ok) throw new Error(JSON.stringify(written.error));
    const [state] = status.states(
      b,
      records,
      store.all(),
      { from: '2026-03-01', to: '2026-03-05' },
      '2026-03-10',
    );
    expect(state).toMatchObject({ status: 'paid', paidAmount: 5500 });
    expect(state?.occurrence.scheduled).toBe('2026-02-28');
  });
});
