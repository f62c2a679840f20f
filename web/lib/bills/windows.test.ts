import { describe, expect, it } from 'vitest';
import { bill } from '@tally/model/bills/test-records';
import { aroundRange, trustWindow, union } from './windows.ts';

describe('payment windows', () => {
  it('widens a range by the payment margin on both sides', () => {
    expect(aroundRange({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      from: '2025-10-22',
      to: '2026-08-08',
    });
  });

  it('has no trust window without autopay', () => {
    expect(trustWindow(bill({ autopay: 'off' }), '2026-03-10')).toBeUndefined();
  });

  it.each([
    ['monthly', undefined, 13 * 31],
    ['annual', undefined, 13 * 12 * 31],
    ['weekly', undefined, 13 * 7],
    ['biweekly', undefined, 13 * 14],
    ['every-n-months', 2, 13 * 2 * 31],
  ] as const)('reaches back over 13 %s cycles for the trust badge', (cycle, everyMonths, days) => {
    const b = bill({ cycle, everyMonths, autopay: 'assumed' });
    const w = trustWindow(b, '2026-03-10');
    const back = (Date.parse('2026-03-10') - Date.parse(w?.from ?? '')) / 86_400_000;
    expect(back).toBe(days + 130);
    expect(w?.to).toBe('2026-07-18');
  });

  it('unions ranges and ignores missing ones', () => {
    expect(union(undefined, undefined)).toBeUndefined();
    expect(
      union({ from: '2026-02-01', to: '2026-02-28' }, undefined, {
        from: '2026-01-15',
        to: '2026-02-10',
      }),
    ).toEqual({ from: '2026-01-15', to: '2026-02-28' });
  });
});
