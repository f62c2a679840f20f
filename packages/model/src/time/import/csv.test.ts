import { describe, expect, it } from 'vitest';
import { headerKey, readCsv } from './csv.ts';

const read = (text: string) => {
  const r = readCsv(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('readCsv', () => {
  it('drops a BOM and names cells by their lower-cased header', () => {
    const t = read('\uFEFFStart Date,Description\r\n2024-03-04,"Say ""hi"", then go"\r\n');
    expect(t.headers).toEqual(['Start Date', 'Description']);
    expect(t.rows).toEqual([
      {
        row: 2,
        cells: new Map([
          ['start date', '2024-03-04'],
          ['description', 'Say "hi", then go'],
        ]),
      },
    ]);
  });

  it('numbers rows as a spreadsheet does: empty lines count, a cell with line breaks is one row', () => {
    const t = read('A,B\n1,"two\nlines"\n\n3,x\n');
    expect(t.rows.map((r) => [r.row, r.cells.get('a')])).toEqual([
      [2, '1'],
      [4, '3'],
    ]);
  });

  it('reads semicolon files too', () => {
    expect(read('A;B\n1;2').rows[0]?.cells.get('b')).toBe('2');
  });

  it('notes a row with more cells than the header', () => {
    expect(read('A,B\n1,2,3').rows[0]?.problem).toBe('it has 3 cells but the header has 2');
  });

  it('notes a stray quote', () => {
    expect(read('A,B\n"1,2\n').rows[0]?.problem).toBeDefined();
  });

  it('refuses an empty file', () => {
    expect(readCsv('')).toEqual({ ok: false, error: 'The file is empty.' });
    expect(readCsv('\n\n').ok).toBe(false);
  });

  it('compares header names loosely', () => {
    expect(headerKey(' \uFEFFStart   Date ')).toBe('start date');
  });
});
