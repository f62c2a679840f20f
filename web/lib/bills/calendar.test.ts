import { describe, expect, it } from 'vitest';
import { byDay, monthGrid, totals } from './calendar.ts';

describe('monthGrid', () => {
  it('starts on Monday and pads with the neighbouring months', () => {
    const weeks = monthGrid('2026-03', 1);
    expect(weeks).toHaveLength(6);
    expect(weeks[0]?.[0]).toBe('2026-02-23');
    expect(weeks[0]?.[6]).toBe('2026-03-01');
    expect(weeks.at(-1)?.[0]).toBe('2026-03-30');
    expect(weeks.at(-1)?.[6]).toBe('2026-04-05');
  });

  it('starts on Sunday when asked', () => {
    const weeks = monthGrid('2026-03', 0);
    expect(weeks).toHaveLength(5);
    expect(weeks[0]?.[0]).toBe('2026-03-01');
    expect(weeks.at(-1)?.[6]).toBe('2026-04-04');
  });

  it('fits February 2021 (starting Monday, 28 days) in four weeks', () => {
    const weeks = monthGrid('2021-02', 1);
    expect(weeks).toHaveLength(4);
    expect(weeks.flat().every((d) => d.startsWith('2021-02'))).toBe(true);
  });
});

describe('byDay and totals', () => {
  const item = (due: string, amount: number, currency = 'USD') => ({
    occurrence: { due, amount, currency },
  });

  it('groups by due date and sums per currency', () => {
    const items = [
      item('2026-03-01', 100),
      item('2026-03-01', 250),
      item('2026-03-01', 7, 'EUR'),
      item('2026-03-02', 5),
    ];
    const days = byDay(items);
    expect(days.get('2026-03-01')).toHaveLength(3);
    expect(totals(days.get('2026-03-01') ?? [])).toEqual([
      { currency: 'EUR', minor: 7 },
      { currency: 'USD', minor: 350 },
    ]);
    expect(totals([])).toEqual([]);
  });
});
