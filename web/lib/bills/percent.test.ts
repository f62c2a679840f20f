import { describe, expect, it } from 'vitest';
import { formatPercent, parsePercent } from './percent.ts';

describe('percent', () => {
  it.each([
    ['19.99', 1999],
    ['19,99', 1999],
    ['19.9', 1990],
    ['20', 2000],
    ['0', 0],
    [' 7.5 % ', 750],
    ['0.01', 1],
    ['10000', 1_000_000],
  ])('reads %j as %i basis points', (text, bp) => {
    expect(parsePercent(text)).toEqual({ ok: true, value: bp });
  });

  it.each(['', 'abc', '1.234', '-3', '10000.01', '1,2,3'])('rejects %j with a message', (text) => {
    const r = parsePercent(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.length).toBeGreaterThan(10);
  });

  it.each([
    [1999, '19.99'],
    [2000, '20'],
    [1950, '19.5'],
    [5, '0.05'],
    [0, '0'],
  ])('writes %i as %j', (bp, text) => {
    expect(formatPercent(bp)).toBe(text);
    expect(parsePercent(text)).toEqual({ ok: true, value: bp });
  });
});
