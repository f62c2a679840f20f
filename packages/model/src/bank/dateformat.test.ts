import { describe, expect, it } from 'vitest';
import { detectDateOrder, parseDate, type DateOrder } from './dateformat.ts';

describe('parseDate', () => {
  it.each<[string, DateOrder, string | undefined]>([
    ['2025-12-04', 'ymd', '2025-12-04'],
    ['2025.12.04', 'ymd', '2025-12-04'],
    ['2025/12/04', 'ymd', '2025-12-04'],
    ['20251204', 'ymd', '2025-12-04'],
    ['2025-12-04 10:11:12', 'ymd', '2025-12-04'],
    ['2025-12-04T23:30:00-05:00', 'ymd', '2025-12-04'],
    ['12/04/2025', 'mdy', '2025-12-04'],
    ['12/04/2025', 'dmy', '2025-04-12'],
    ['04.12.2025', 'dmy', '2025-12-04'],
    ['4.12.25', 'dmy', '2025-12-04'],
    ['12/19/18', 'mdy', '2018-12-19'],
    ['01/01/70', 'mdy', '1970-01-01'],
    ['12/31/69', 'mdy', '2069-12-31'],
    ["1/23'19", 'mdy', '2019-01-23'],
    ['29/02/2024', 'dmy', '2024-02-29'],
    ['29/02/2023', 'dmy', undefined],
    ['31/04/2025', 'dmy', undefined],
    ['13/01/2025', 'mdy', undefined],
    ['2025-12-04', 'dmy', undefined],
    ['04 Dec 2025', 'mdy', '2025-12-04'],
    ['Dec 4, 2025', 'dmy', '2025-12-04'],
    ['4. Dezember 2025', 'ymd', '2025-12-04'],
    ['15-janv-2025', 'dmy', '2025-01-15'],
    ['3 márc. 2025', 'dmy', '2025-03-03'],
    ['2025-Jan-05', 'ymd', '2025-01-05'],
    ['Total', 'ymd', undefined],
    ['', 'ymd', undefined],
    ['1234', 'ymd', undefined],
  ])('%s as %s → %s', (text, order, expected) => {
    expect(parseDate(text, order)).toBe(expected);
  });
});

describe('detectDateOrder', () => {
  it('ISO dates fit only year-first', () => {
    expect(detectDateOrder(['2025-01-02', '2025-01-03'])).toMatchObject({
      order: 'ymd',
      ambiguous: false,
      candidates: ['ymd'],
    });
  });
  it('a day above 12 decides', () => {
    expect(detectDateOrder(['01/02/2025', '01/13/2025'])).toMatchObject({
      order: 'mdy',
      ambiguous: false,
    });
    expect(detectDateOrder(['01/02/2025', '13/01/2025'])).toMatchObject({
      order: 'dmy',
      ambiguous: false,
    });
  });
  it('month names read the same in every order', () => {
    expect(detectDateOrder(['04 Dec 2025', '05 Dec 2025'])).toMatchObject({ ambiguous: false });
  });
  it('sorted rows decide between two readings', () => {
    // dmy: Jan 5, Jan 6, Feb 1 (sorted); mdy: May 1, Jun 1, Jan 2 (not sorted).
    expect(detectDateOrder(['05/01/2025', '06/01/2025', '01/02/2025'])).toMatchObject({
      order: 'dmy',
      ambiguous: false,
    });
  });
  it('reports ambiguity and uses the preference', () => {
    expect(detectDateOrder(['01/02/2025'], 'mdy')).toMatchObject({
      order: 'mdy',
      ambiguous: true,
      candidates: ['mdy', 'dmy'],
    });
    expect(detectDateOrder(['01/02/2025'], 'dmy')).toMatchObject({ order: 'dmy', ambiguous: true });
  });
  it('tolerates a footer that is not a date', () => {
    expect(detectDateOrder(['2025-01-02', 'Total'])).toMatchObject({ order: 'ymd' });
  });
  it('says when nothing is a date', () => {
    expect(detectDateOrder(['abc', 'def'])).toMatchObject({ order: undefined, candidates: [] });
    expect(detectDateOrder([])).toMatchObject({ order: undefined });
  });
});
