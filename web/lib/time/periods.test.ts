import { describe, expect, it } from 'vitest';
import { customRange, instants, isPreset, presetRange } from './periods.ts';

describe('presetRange', () => {
  // Wednesday 4 November 2026
  const today = '2026-11-04';

  it.each([
    ['this-week', 1, '2026-11-02', '2026-11-08'],
    ['this-week', 0, '2026-11-01', '2026-11-07'],
    ['last-week', 1, '2026-10-26', '2026-11-01'],
    ['this-month', 1, '2026-11-01', '2026-11-30'],
    ['last-month', 1, '2026-10-01', '2026-10-31'],
    ['this-year', 1, '2026-01-01', '2026-12-31'],
  ] as const)('%s (week from %i): %s – %s', (preset, weekStart, from, to) => {
    expect(presetRange(preset, today, weekStart)).toEqual({ from, to });
  });

  it('takes last month across a year end', () => {
    expect(presetRange('last-month', '2026-01-15', 1)).toEqual({
      from: '2025-12-01',
      to: '2025-12-31',
    });
  });
});

describe('customRange', () => {
  it('accepts two dates, swapping them if backwards, and refuses anything else', () => {
    expect(customRange('2026-11-01', '2026-11-10')).toEqual({
      from: '2026-11-01',
      to: '2026-11-10',
    });
    expect(customRange('2026-11-10', '2026-11-01')).toEqual({
      from: '2026-11-01',
      to: '2026-11-10',
    });
    expect(customRange('2026-11-01', null)).toBeUndefined();
    expect(customRange('yesterday', '2026-11-01')).toBeUndefined();
  });
});

describe('instants', () => {
  it('spans the local days, a DST day included', () => {
    const span = instants({ from: '2026-10-25', to: '2026-10-25' }, 'Europe/Berlin');
    expect((span.end - span.start) / 3_600_000).toBe(25);
  });
});

describe('isPreset', () => {
  it('knows the presets', () => {
    expect(isPreset('last-week')).toBe(true);
    expect(isPreset('fortnight')).toBe(false);
    expect(isPreset(null)).toBe(false);
  });
});
