import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { workbookSheets, type Sheet } from './sheets.ts';
import type { Table } from './tables.ts';
import { columnName, escapeXml, serialDate, workbook } from './xlsx.ts';

const table: Table = {
  name: 'payments',
  label: 'Payments',
  headers: ['Id', 'Date', 'Paid at', 'Amount', 'Yen', 'Autopay failed', 'Note', 'Worked'],
  rows: [
    [
      { kind: 'text', text: 'p1' },
      { kind: 'date', date: '2026-11-03' },
      { kind: 'instant', at: Date.UTC(2026, 6, 1, 10, 15, 30) },
      { kind: 'money', minor: -123456, currency: 'EUR' },
      { kind: 'money', minor: 1200, currency: 'JPY' },
      { kind: 'boolean', value: true },
      { kind: 'text', text: '=1+1 <b>&"quoted"\u0007' },
      { kind: 'duration', seconds: 5400 },
    ],
    [
      { kind: 'text', text: 'p2' },
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ],
  ],
};

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return book;
}

describe('workbook', () => {
  it('is read back by exceljs with typed cells and formats', async () => {
    const sheets = workbookSheets([table, { ...table, rows: [] }], 'Europe/Berlin');
    const book = await read(workbook(sheets));
    expect(book.worksheets.map((s) => s.name)).toEqual(['Payments', 'Payments (2)']);
    const sheet = book.getWorksheet('Payments');
    if (!sheet) throw new Error('no sheet');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(table.headers);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe('p1');
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Date);
    expect(row.getCell(2).value).toEqual(new Date(Date.UTC(2026, 10, 3)));
    expect(row.getCell(2).numFmt).toBe('yyyy-mm-dd');
    // 10:15:30 UTC is 12:15:30 in Berlin in July.
    expect(row.getCell(3).value).toEqual(new Date(Date.UTC(2026, 6, 1, 12, 15, 30)));
    expect(row.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(4).value).toBe(-1234.56);
    expect(row.getCell(4).numFmt).toBe('[$EUR] #,##0.00');
    expect(row.getCell(5).value).toBe(1200);
    expect(row.getCell(5).numFmt).toBe('[$JPY] #,##0');
    expect(row.getCell(6).type).toBe(ExcelJS.ValueType.Boolean);
    expect(row.getCell(6).value).toBe(true);
    // Text stays text (never a formula); characters XML cannot hold are dropped.
    expect(row.getCell(7).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(7).value).toBe('=1+1 <b>&"quoted"');
    // A duration is a fraction of a day; readers show [h]:mm:ss values as times after day 0.
    expect(row.getCell(8).value).toEqual(new Date(Date.UTC(1899, 11, 30, 1, 30)));
    expect(row.getCell(8).numFmt).toBe('[h]:mm:ss');
    expect(sheet.getRow(3).getCell(2).value).toBeNull();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(8);
    expect(book.getWorksheet('Payments (2)')?.rowCount).toBe(1);
  });

  it('is a zip whose parts name every sheet', () => {
    const sheets: Sheet[] = workbookSheets([table], 'UTC');
    const parts = unzipSync(workbook(sheets));
    expect(Object.keys(parts)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(strFromU8(parts['xl/workbook.xml'] ?? new Uint8Array())).toContain(
      '<sheet name="Payments"',
    );
  });

  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('names column %i %s', (index, name) => {
    expect(columnName(index)).toBe(name);
  });

  it('counts serial dates from 1899-12-30', () => {
    expect(serialDate(Date.UTC(1970, 0, 1))).toBe(25569);
    expect(serialDate(Date.UTC(2026, 0, 1, 12))).toBe(46023.5);
  });

  it('escapes XML', () => {
    expect(escapeXml('a<b>&"c"\u0001')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
  });
});
