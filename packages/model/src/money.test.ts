import { describe, expect, it } from 'vitest';
import * as money from './money.ts';

describe('minorDigits', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['CLF', 4],
  ])('%s has %i', (code, digits) => expect(money.minorDigits(code)).toBe(digits));
});

describe('roundDiv', () => {
  it.each([
    [7, 2, 'half-up', 4],
    [-7, 2, 'half-up', -4],
    [5, 2, 'half-even', 2],
    [7, 2, 'half-even', 4],
    [-5, 2, 'half-even', -2],
    [10, 3, 'half-up', 3],
    [11, 3, 'half-up', 4],
    [10, 3, 'up', 4],
    [-10, 3, 'up', -4],
    [11, 3, 'down', 3],
    [-11, 3, 'down', -3],
    [9, 3, 'up', 3],
  ] as const)('%i / %i %s = %i', (n, d, mode, expected) => {
    expect(money.roundDiv(n, d, mode)).toBe(expected);
  });

  it('refuses division by zero', () =>
    expect(() => money.roundDiv(1, 0, 'down')).toThrow(RangeError));
});

describe('multiplyRatio', () => {
  it('stays exact when the product exceeds 2^53', () => {
    // 9e15 × 3 / 3 overflows a double's exact range in the middle.
    expect(money.multiplyRatio(9_000_000_000_000_001, 3, 3)).toBe(9_000_000_000_000_001);
  });
  it.each([
    [10000, 1, 3, 'half-up', 3333],
    [20000, 1, 3, 'half-up', 6667],
    [-20000, 1, 3, 'half-up', -6667],
    [25, 1, 10, 'half-even', 2],
    [35, 1, 10, 'half-even', 4],
  ] as const)('%i × %i / %i (%s) = %i', (m, n, d, mode, expected) => {
    expect(money.multiplyRatio(m, n, d, mode)).toBe(expected);
  });
});

describe('amountForDuration', () => {
  it.each([
    [9000, 3600, 9000], // 1 h at 90.00
    [9000, 1800, 4500],
    [9000, 60, 150],
    [10000, 1, 3], // 2.78 → 3 cents
    [9999, 5400, 14999], // 1.5 h at 99.99 = 149.985 → 149.99
    [0, 3600, 0],
  ])('%i/h for %i s = %i', (rate, seconds, expected) => {
    expect(money.amountForDuration(rate, seconds)).toBe(expected);
  });
});

describe('percentOf', () => {
  it.each([
    [10000, 1950, 1950],
    [12345, 2000, 2469], // 2469.0
    [999, 750, 75], // 74.925 → 75
    [100, 0, 0],
  ])('%i at %i bp = %i', (amount, bp, expected) =>
    expect(money.percentOf(amount, bp)).toBe(expected),
  );
});

describe('allocate', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [-100, [1, 1, 1], [-34, -33, -33]],
    [5, [3, 7], [2, 3]], // 1.5 → 1, 3.5 → 3: equal remainders go to the earliest first
    [1000, [1, 0, 1], [500, 0, 500]],
    [1, [1, 1], [1, 0]],
  ])('%i over %j = %j', (amount, weights, expected) => {
    const shares = money.allocate(amount, weights);
    expect(shares).toEqual(expected);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(amount);
  });
  it('refuses weights that add to nothing', () =>
    expect(() => money.allocate(10, [0, 0])).toThrow());
});

describe('toDecimalString', () => {
  it.each([
    [1234, 'USD', '12.34'],
    [5, 'USD', '0.05'],
    [-5, 'USD', '-0.05'],
    [-123456, 'EUR', '-1234.56'],
    [0, 'USD', '0.00'],
    [1200, 'JPY', '1200'],
    [1, 'KWD', '0.001'],
  ])('%i %s → %s', (minor, cur, text) => expect(money.toDecimalString(minor, cur)).toBe(text));
});

describe('parseDecimal', () => {
  it.each([
    ['12.34', 'USD', {}, 1234],
    ['-12.34', 'USD', {}, -1234],
    ['+5', 'USD', {}, 500],
    ['(320.00)', 'USD', {}, -32000],
    ['1,234.56', 'USD', {}, 123456],
    ['1.234,56', 'EUR', {}, 123456],
    ['12,5', 'EUR', {}, 1250],
    ['0,01', 'EUR', {}, 1],
    ['"2.000,0"'.slice(1, -1), 'EUR', {}, 200000],
    ['1,234', 'USD', {}, 123400],
    ['1 234,50', 'EUR', {}, 123450],
    ['€ 3.50', 'EUR', {}, 350],
    ['$-7.00', 'USD', {}, -700],
    ['-$7.00', 'USD', {}, -700],
    ['1200', 'JPY', {}, 1200],
    ['1,5', 'USD', { decimalSeparator: ',' }, 150],
    ['1,500', 'USD', { decimalSeparator: ',' }, 150],
    ['100', 'HUF', {}, 10000],
    ['-0.00', 'USD', {}, 0],
    ['12.340', 'USD', {}, 1234],
  ] as const)('%s %s → %i', (text, cur, opts, expected) => {
    expect(money.parseDecimal(text, cur, opts)).toEqual({ ok: true, value: expected });
  });

  it.each([['abc'], [''], ['1.2.3,4,5'], ['12.345'], ['1.5', 'JPY'], ['--5']])(
    'rejects %s',
    (text, cur = 'USD') => {
      const result = money.parseDecimal(text, cur);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toContain(text === '' ? 'not an amount' : text);
    },
  );

  it('round-trips through toDecimalString', () => {
    for (const minor of [0, 1, -1, 99, 100, 123456789, -987654321]) {
      expect(money.parseDecimal(money.toDecimalString(minor, 'USD'), 'USD')).toEqual({
        ok: true,
        value: minor,
      });
    }
  });
});

describe('sum', () => {
  it('adds whole minor units', () => expect(money.sum([1, 2, -3, 100])).toBe(100));
  it('refuses what is not a safe integer', () =>
    expect(() => money.sum([0.5])).toThrow(RangeError));
});
