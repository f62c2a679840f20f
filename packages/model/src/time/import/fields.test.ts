import { describe, expect, it } from 'vitest';
import {
  currencyInHeader,
  currencyInText,
  detectDateOrder,
  detectDecimalSeparator,
  parseAmount,
  parseClockDuration,
  parseDate,
  parseDecimalHours,
  parseTime,
  parseYesNo,
  splitTags,
  type DateOrder,
} from './fields.ts';

const value = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T | string =>
  r.ok ? r.value : `error: ${r.error}`;

describe('dates', () => {
  it.each<[string, DateOrder, string]>([
    ['2024-03-04', 'MDY', '2024-03-04'],
    ['2024/3/4', 'DMY', '2024-03-04'],
    ['03/04/2024', 'MDY', '2024-03-04'],
    ['03/04/2024', 'DMY', '2024-04-03'],
    ['4.3.2024', 'DMY', '2024-03-04'],
    ['29/02/2024', 'DMY', '2024-02-29'],
    ['29/02/2023', 'DMY', 'error: "29/02/2023" is not a date'],
    ['13/04/2024', 'MDY', 'error: "13/04/2024" is not a date'],
    ['2024-3', 'MDY', 'error: "2024-3" is not a date'],
    ['', 'MDY', 'error: "" is not a date'],
  ])('parseDate(%s, %s) = %s', (text, order, expected) => {
    expect(value(parseDate(text, order))).toBe(expected);
  });

  it.each<[string[], DateOrder, string]>([
    [['03/04/2024', '12/01/2024'], 'MDY', 'MDY'],
    [['03/04/2024', '12/01/2024'], 'DMY', 'DMY'],
    [['03/04/2024', '13/01/2024'], 'MDY', 'DMY'],
    [['03/04/2024', '01/13/2024'], 'DMY', 'MDY'],
    [['2024-03-04'], 'DMY', 'DMY'],
    [
      ['13/01/2024', '01/13/2024'],
      'MDY',
      'error: the dates mix day/month/year and month/day/year; export them in one format',
    ],
  ])('detectDateOrder(%j, fallback %s) = %s', (values, fallback, expected) => {
    expect(value(detectDateOrder(values, fallback))).toBe(expected);
  });
});

describe('times', () => {
  it.each([
    ['00:00', 0],
    ['9:05', (9 * 60 + 5) * 60_000],
    ['23:59:59', ((23 * 60 + 59) * 60 + 59) * 1000],
    ['10:23:52 AM', ((10 * 60 + 23) * 60 + 52) * 1000],
    ['10:23 AM', (10 * 60 + 23) * 60_000],
    ['12:00 AM', 0],
    ['12:30 PM', (12 * 60 + 30) * 60_000],
    ['1:00 pm', 13 * 3_600_000],
    ['11:59:59 p.m.', ((23 * 60 + 59) * 60 + 59) * 1000],
    ['08:00:00.250', 8 * 3_600_000 + 250],
  ])('parseTime(%s) = %i ms', (text, expected) => {
    expect(value(parseTime(text))).toBe(expected);
  });

  it.each(['24:00', '13:00 PM', '0:30 AM', '9.30', '10:60', 'noon', ''])(
    'parseTime(%s) is an error',
    (text) => {
      expect(parseTime(text).ok).toBe(false);
    },
  );

  it.each([
    ['00:25:20', 1520],
    ['186:56:34', 672_994],
    ['1:05', 3900],
    ['01:00:01', 3601],
    ['1:60:00', 'error: "1:60:00" is not a duration (H:MM:SS)'],
    ['1.5', 'error: "1.5" is not a duration (H:MM:SS)'],
  ])('parseClockDuration(%s) = %s', (text, expected) => {
    expect(value(parseClockDuration(text))).toBe(expected);
  });
});

describe('numbers', () => {
  it.each<[string[], '.' | ',']>([
    [['20,0', '0,01'], ','],
    [['2.000,0'], ','],
    [['1,234.5'], '.'],
    [['1.5', '2'], '.'],
    [['1,000'], '.'], // ambiguous alone: the default
    [['2.000'], '.'],
    [['1,000', '0,5', '2,25'], ','],
    [[], '.'],
  ])('detectDecimalSeparator(%j) = %s', (values, expected) => {
    expect(detectDecimalSeparator(values)).toBe(expected);
  });

  it.each<[string, '.' | ',', number | string]>([
    ['20,0', ',', 72_000],
    ['0,01', ',', 36],
    ['2.000,5', ',', 7_201_800],
    ['1.25', '.', 4500],
    ['0.333', '.', 1199], // 1198.8 s, half-up
    ['8', '.', 28_800],
    [',5', ',', 1800],
    ['1,2,3', ',', 'error: "1,2,3" is not a number of hours'],
    ['abc', '.', 'error: "abc" is not a number of hours'],
    ['', '.', 'error: "" is not a number of hours'],
  ])('parseDecimalHours(%s, %s) = %s', (text, sep, expected) => {
    expect(value(parseDecimalHours(text, sep))).toBe(expected);
  });

  it('reads amounts with the file’s separator', () => {
    expect(value(parseAmount('100,0', 'EUR', ','))).toBe(10000);
    expect(value(parseAmount('2.000,0', 'EUR', ','))).toBe(200000);
    expect(value(parseAmount('', 'EUR', ','))).toBeUndefined();
  });
});

describe('other cells', () => {
  it.each([
    ['Yes', true],
    ['no', false],
    ['TRUE', true],
    ['0', false],
    ['', undefined],
    ['maybe', 'error: "maybe" is not yes or no'],
  ])('parseYesNo(%s) = %s', (text, expected) => {
    expect(value(parseYesNo(text))).toBe(expected);
  });

  it('splits tags and drops empty and repeated ones', () => {
    expect(splitTags('Development, Backend')).toEqual(['Development', 'Backend']);
    expect(splitTags(' a ,, b, a ')).toEqual(['a', 'b']);
    expect(splitTags('')).toEqual([]);
  });

  it.each([
    ['Amount (USD)', 'USD'],
    ['Billable Rate (EUR)', 'EUR'],
    ['Amount ()', undefined],
    ['Amount', undefined],
  ])('currencyInHeader(%s) = %s', (header, expected) => {
    expect(currencyInHeader(header)).toBe(expected);
  });

  it.each([
    ['Euro - EUR', 'EUR'],
    ['US Dollar - USD', 'USD'],
    ['CHF', 'CHF'],
    ['Euro', undefined],
  ])('currencyInText(%s) = %s', (text, expected) => {
    expect(currencyInText(text)).toBe(expected);
  });
});
