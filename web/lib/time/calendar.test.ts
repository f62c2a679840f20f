import { describe, expect, it } from 'vitest';
import { cellHours, gridRange, monthGrid } from './calendar.ts';

describe('monthGrid', () => {
  it('covers the month in whole weeks from the week start', () => {
    const weeks = monthGrid('2026-11', 1, new Map([['2026-11-02', 3600]]));
    expect(weeks).toHaveLength(6);
    expect(weeks[0]?.[0]).toEqual({ date: '2026-10-26', inMonth: false, seconds: 0 });
    expect(weeks[1]?.[0]).toEqual({ date: '2026-11-02', inMonth: true, seconds: 3600 });
    expect(weeks.at(-1)?.at(-1)?.date).toBe('2026-12-06');
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it.each([
    ['2026-02', 0, '2026-02-01', '2026-02-28', 4],
    ['2026-02', 1, '2026-01-26', '2026-03-01', 5],
    ['2026-08', 6, '2026-08-01', '2026-09-04', 5],
  ])('%s with weeks from day %i: %s – %s, %i weeks', (month, weekStart, from, to, count) => {
    expect(gridRange(month, weekStart)).toEqual({ from, to });
    expect(monthGrid(month, weekStart, new Map())).toHaveLength(count);
  });
});

describe('cellHours', () => {
  it.each([
    [0, ''],
    [20, '<0:01'],
    [45, '0:01'],
    [5400, '1:30'],
    [5429, '1:30'],
    [5430, '1:31'],
    [36000, '10:00'],
  ])('%i s → %s', (seconds, text) => {
    expect(cellHours(seconds)).toBe(text);
  });
});
