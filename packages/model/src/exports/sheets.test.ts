import { describe, expect, it } from 'vitest';
import { currencyFormat, sheetCell, sheetNames, tableSheet, workbookSheets } from './sheets.ts';
import type { Table } from './tables.ts';

describe('sheetCell', () => {
  const zone = 'Europe/Berlin';

  it('makes a calendar date a date at midnight, without a zone', () => {
    expect(sheetCell({ kind: 'date', date: '2026-03-29' }, zone)).toEqual({
      type: 'date',
      value: Date.UTC(2026, 2, 29),
      format: 'yyyy-mm-dd',
    });
  });

  it('makes an instant a date-time on the user’s wall clock', () => {
    const at = Date.UTC(2026, 6, 1, 10, 15, 30);
    expect(sheetCell({ kind: 'instant', at }, zone)).toEqual({
      type: 'date',
      value: Date.UTC(2026, 6, 1, 12, 15, 30),
      format: 'yyyy-mm-dd hh:mm:ss',
    });
  });

  it.each([
    ['USD', 123456, 1234.56, '[$USD] #,##0.00'],
    ['JPY', 1200, 1200, '[$JPY] #,##0'],
    ['KWD', -1005, -1.005, '[$KWD] #,##0.000'],
  ])('makes %s money a number in its currency format', (currency, minor, value, format) => {
    expect(sheetCell({ kind: 'money', minor, currency }, zone)).toEqual({
      type: 'number',
      value,
      format,
    });
    expect(currencyFormat(currency)).toBe(format);
  });

  it('keeps booleans, and durations as fractions of a day', () => {
    expect(sheetCell({ kind: 'boolean', value: false }, zone)).toEqual({
      type: 'boolean',
      value: false,
    });
    expect(sheetCell({ kind: 'duration', seconds: 5400 }, zone)).toEqual({
      type: 'number',
      value: 5400 / 86400,
      format: '[h]:mm:ss',
    });
    expect(sheetCell({ kind: 'decimal', units: 1999, scale: 2 }, zone)).toEqual({
      type: 'number',
      value: 19.99,
      format: '0.00',
    });
  });

  it('leaves empty cells empty', () => {
    expect(sheetCell(undefined, zone)).toBeNull();
    expect(sheetCell({ kind: 'text', text: '' }, zone)).toBeNull();
  });
});

describe('sheetNames', () => {
  it('drops characters a sheet name cannot have, cuts at 31, and numbers repeats', () => {
    expect(
      sheetNames([
        'Bills',
        'bills',
        'A/B: [c]?*\\',
        'A name that is much longer than thirty-one characters',
        'A name that is much longer than thirty-one characters',
      ]),
    ).toEqual([
      'Bills',
      'bills (2)',
      'A B   c',
      'A name that is much longer than',
      'A name that is much longer (2)',
    ]);
  });
});

describe('tableSheet', () => {
  const table: Table = {
    name: 'gear',
    label: 'Gear',
    headers: ['Id', 'Name'],
    rows: [
      [
        { kind: 'text', text: 'x' },
        { kind: 'text', text: 'A rather long name of shoes' },
      ],
    ],
  };

  it('sizes columns to their content, within limits', () => {
    const sheet = tableSheet(table, 'UTC');
    expect(sheet.widths).toEqual([8, 'A rather long name of shoes'.length + 2]);
    expect(sheet.rows[0]?.[1]).toEqual({ type: 'string', value: 'A rather long name of shoes' });
  });

  it('names every sheet of a workbook uniquely', () => {
    expect(workbookSheets([table, table], 'UTC').map((s) => s.name)).toEqual(['Gear', 'Gear (2)']);
  });
});
