import { describe, expect, it } from 'vitest';
import { compactMoney, linePath, niceScale, project } from './chart.ts';

describe('niceScale', () => {
  it.each([
    [[0, 523_456], 0, 600_000, 200_000],
    [[120, 980], 0, 1000, 500],
    [[-1500, 4200], -2000, 6000, 2000],
    [[-300, -50], -300, 0, 100],
    [[7], 0, 8, 2],
  ])('%j → [%i, %i] by %i', (values, min, max, step) => {
    const s = niceScale(values);
    expect(s.min).toBe(min);
    expect(s.max).toBe(max);
    expect(s.ticks[1]! - s.ticks[0]!).toBe(step);
    expect(s.ticks.at(0)).toBe(min);
    expect(s.ticks.at(-1)).toBe(max);
    expect(s.ticks).toContain(0);
  });

  it('copes with nothing to show', () => {
    expect(niceScale([])).toEqual({ min: 0, max: 1, ticks: [0] });
    expect(niceScale([0, 0])).toEqual({ min: 0, max: 1, ticks: [0] });
  });
});

describe('project and linePath', () => {
  it('maps values onto pixels, upward', () => {
    const s = { min: 0, max: 100, ticks: [] };
    expect(project(0, s, 200, 0)).toBe(200);
    expect(project(25, s, 200, 0)).toBe(150);
    expect(project(100, s, 200, 0)).toBe(0);
  });

  it('draws a path', () => {
    expect(
      linePath([
        { x: 0, y: 10 },
        { x: 1.234, y: 5.55 },
      ]),
    ).toBe('M0,10 L1.2,5.6');
    expect(linePath([])).toBe('');
  });
});

describe('compactMoney', () => {
  it.each([
    [123456, 'USD', '$1.2K'],
    [-30000, 'USD', '-$300'],
    [0, 'USD', '$0'],
    [1500000, 'JPY', '¥1.5M'],
  ])('%i %s → %s', (minor, currency, text) => {
    expect(compactMoney(minor, currency, 'en-US')).toBe(text);
  });
});
