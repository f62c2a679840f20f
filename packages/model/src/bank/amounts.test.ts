import { describe, expect, it } from 'vitest';
import { detectDecimalSeparator, parseAmount, type DecimalSeparator } from './amounts.ts';

describe('parseAmount', () => {
  it.each<[string, string, DecimalSeparator | undefined, number | string]>([
    ['-12.50', 'USD', '.', -1250],
    ['12,50', 'EUR', ',', 1250],
    ['1.234,56', 'EUR', ',', 123456],
    ['1,234.56', 'USD', '.', 123456],
    ['1,234', 'USD', '.', 123400],
    ['1,234', 'EUR', ',', 'error'],
    ['12,50-', 'EUR', ',', -1250],
    ['(320.00)', 'USD', '.', -32000],
    ['12.50 DR', 'GBP', '.', -1250],
    ['12.50DR', 'GBP', '.', -1250],
    ['12.50 CR', 'GBP', '.', 1250],
    ['€ 3,50', 'EUR', ',', 350],
    ['100', 'HUF', undefined, 10000],
    ['100', 'JPY', undefined, 100],
    ['1.5', 'JPY', '.', 'error'],
    ['', 'USD', '.', 'error'],
    ['abc', 'USD', '.', 'error'],
    ['-5 DR', 'USD', '.', 'error'],
    ['USD 12.00', 'USD', '.', 1200],
    ['12 Ft', 'HUF', '.', 1200],
    ['1 234,50 kr', 'SEK', ',', 123450],
    ['Shop 12', 'USD', '.', 'error'],
    ['12x', 'USD', '.', 'error'],
  ])('%s %s (%s) → %s', (text, currency, sep, expected) => {
    const result = parseAmount(text, currency, sep);
    if (expected === 'error') expect(result.ok).toBe(false);
    else expect(result).toEqual({ ok: true, value: expected });
  });

  it('names the text it could not read', () => {
    const result = parseAmount('12x', 'USD', '.');
    expect(result.ok ? '' : result.error).toContain('"12x"');
  });
});

describe('detectDecimalSeparator', () => {
  it.each<[string[], DecimalSeparator, boolean]>([
    [['12.50', '100'], '.', false],
    [['12,50', '100'], ',', false],
    [['1.234,5'], ',', false],
    [['1,234.5'], '.', false],
    [['100', '1,234'], '.', true],
    [[], '.', true],
  ])('%j → %s (ambiguous %s)', (values, separator, ambiguous) => {
    expect(detectDecimalSeparator(values)).toEqual({ separator, ambiguous });
  });
  it('uses the fallback when nothing tells', () => {
    expect(detectDecimalSeparator(['100'], ',')).toEqual({ separator: ',', ambiguous: true });
  });
});
