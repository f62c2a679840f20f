import { describe, expect, it } from 'vitest';
import { describeWithFixtures, fixture } from '../../../../tests/fixtures.ts';
import * as csv from './csv.ts';
import { decode } from './decode.ts';
import type { ParsedFile } from './statement.ts';

function previewOf(text: string, options: Partial<csv.PreviewOptions> = {}): csv.CsvPreview {
  const result = csv.preview(text, { fileName: 'test.csv', ...options });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function parseWith(text: string, mapping: csv.CsvMapping, currency = 'USD'): ParsedFile {
  const result = csv.parse(text, mapping, { fileName: 'test.csv', currency });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Preview, accept the proposed mapping, parse. */
function importText(text: string, currency = 'USD'): ParsedFile {
  return parseWith(text, previewOf(text).mapping, currency);
}

const rows = (file: ParsedFile) => file.statements[0]?.transactions ?? [];

describeWithFixtures('CSV fixtures (bank/csv)', () => {
  it('data-payee-memo.csv: date,amount,payee,notes with empty cells', () => {
    const text = decode(fixture('bank/csv/data-payee-memo.csv')).text;
    const p = previewOf(text);
    expect(p.mapping).toMatchObject({
      date: 0,
      amount: 1,
      payee: 2,
      memo: 3,
      hasHeader: true,
      dateOrder: 'ymd',
    });
    expect(p.missing).toEqual([]);
    expect(p.rowCount).toBe(4);
    const file = importText(text);
    expect(rows(file).map((t) => [t.date, t.amount, t.payee, t.memo, t.line])).toEqual([
      ['2019-01-23', -1000, 'Payee Name', 'Note Text', 2],
      ['2019-01-23', -2000, 'Payee Name Only', undefined, 3],
      ['2019-01-23', -3000, '', 'Note Only Text', 4],
      ['2019-01-23', -4000, '', undefined, 5],
    ]);
  });

  it('data_utf8.csv: accented payees in UTF-8', () => {
    const decoded = decode(fixture('bank/csv/data_utf8.csv'));
    expect(decoded.encoding).toBe('utf-8');
    const file = importText(decoded.text, 'EUR');
    expect(rows(file).map((t) => [t.date, t.payee, t.amount])).toEqual([
      ['2024-01-01', 'Café René', 4250],
      ['2024-01-02', 'Müller GmbH', -1575],
      ['2024-01-03', 'Søren Ågård', 10000],
    ]);
    expect(rows(file).reduce((a, t) => a + t.amount, 0)).toBe(12675);
  });

  it('windows-1252.csv: not valid UTF-8, read as windows-1252; dotted dates', () => {
    const decoded = decode(fixture('bank/csv/windows-1252.csv'));
    expect(decoded.encoding).toBe('windows-1252');
    const p = previewOf(decoded.text);
    expect(p.dateOrder).toMatchObject({ order: 'ymd', ambiguous: false });
    const file = importText(decoded.text, 'EUR');
    expect(rows(file).map((t) => [t.date, t.payee, t.amount])).toEqual([
      ['2025-12-04', 'Café Rémy', 10025],
      ['2025-12-05', 'Boulangerie Müller', -4210],
    ]);
  });

  it('utf-8-bom.csv: Hungarian headers, BOM, HUF currency column', () => {
    const decoded = decode(fixture('bank/csv/utf-8-bom.csv'));
    expect(decoded).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(decoded.text.startsWith('"Felhasználónév"')).toBe(true);
    const p = previewOf(decoded.text);
    expect(p.headers).toHaveLength(29);
    expect(p.headers[2]).toBe('Könyvelés dátuma');
    expect(p.mapping).toMatchObject({ date: 2, amount: 3, currency: 4, dateOrder: 'ymd' });
    expect(p.rows[0]?.slice(2, 5)).toEqual(['2025.12.04', '100', 'HUF']);
    expect(p.rowCount).toBe(2);
    const file = importText(decoded.text, 'EUR');
    expect(rows(file).map((t) => [t.date, t.amount, t.currency])).toEqual([
      ['2025-12-04', 10000, 'HUF'],
      ['2025-12-01', 10000, 'HUF'],
    ]);
  });
});

describe('CSV preview: proposing a mapping', () => {
  // Past the ~125 000 arguments a spread call takes before the stack overflows.
  it('previews a file of 140 000 rows', { timeout: 30_000 }, () => {
    const rows = Array.from(
      { length: 140_000 },
      (_, i) => `2026-03-${String((i % 28) + 1).padStart(2, '0')},P${i % 9},-${i % 90}.5`,
    );
    const result = csv.preview(`Date,Payee,Amount\n${rows.join('\n')}\n`, { fileName: 'big.csv' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.mapping).toMatchObject({ date: 0, payee: 1, amount: 2 });
  });

  it.each([
    [
      'German, semicolons, decimal commas',
      'Buchungstag;Empfänger;Verwendungszweck;Betrag;Währung\n04.12.2025;Stadtwerke;Strom Dez;-1.234,56;EUR\n05.12.2025;Arbeitgeber;Lohn;2.500,00;EUR\n',
      {
        date: 0,
        payee: 1,
        memo: 2,
        amount: 3,
        currency: 4,
        delimiter: ';',
        decimalSeparator: ',',
        dateOrder: 'dmy',
      },
    ],
    [
      'French',
      'Date opération;Libellé;Montant\n04/12/2025;EDF;-45,10\n15/12/2025;CAF;120,00\n',
      { date: 0, payee: 1, amount: 2, decimalSeparator: ',', dateOrder: 'dmy' },
    ],
    [
      'Spanish',
      'Fecha;Concepto;Importe\n04/12/2025;Mercadona;-23,45\n05/12/2025;Nómina;1500,00\n',
      { date: 0, payee: 1, amount: 2, decimalSeparator: ',' },
    ],
    [
      'Dutch',
      'Datum,Naam / Omschrijving,Af Bij,Bedrag (EUR)\n20251204,Albert Heijn,Af,"12,50"\n',
      { date: 0, payee: 1, amount: 3 },
    ],
    [
      'English debit/credit',
      'Transaction Date,Description,Debit,Credit,Balance\n12/04/2025,Coffee,3.50,,100.00\n12/15/2025,Salary,,2000.00,2100.00\n',
      { date: 0, payee: 1, debit: 2, credit: 3, dateOrder: 'mdy', decimalSeparator: '.' },
    ],
    [
      'amount header with currency and a balance column',
      'Date,Payee,Balance,Amount (EUR)\n2025-12-04,Shop,90.00,-10.00\n',
      { date: 0, payee: 1, amount: 3 },
    ],
  ])('%s', (_label, text, expected) => {
    expect(previewOf(text).mapping).toMatchObject(expected);
  });

  it('finds columns from the data when there is no header', () => {
    const p = previewOf(
      '2025-12-04,ACME Corp,-12.50,REF1\n2025-12-05,Bakery,-3.20,REF2\n2025-12-06,ACME Corp,-12.50,REF3\n',
    );
    expect(p.hasHeader).toBe(false);
    expect(p.headers).toEqual(['Column 1', 'Column 2', 'Column 3', 'Column 4']);
    expect(p.mapping).toMatchObject({ date: 0, amount: 2, hasHeader: false });
    expect(p.rowCount).toBe(3);
  });

  it('reports missing columns instead of guessing', () => {
    const p = previewOf('Foo,Bar,Baz\nhello,2025-01-01,x\nagain,someday,y\n');
    expect(p.missing).toEqual(['date', 'amount']);
  });

  it('resolves day/month order from a value above 12', () => {
    const p = previewOf('Date,Amount\n03/04/2025,1\n13/04/2025,2\n');
    expect(p.dateOrder).toMatchObject({ order: 'dmy', ambiguous: false });
  });

  it('resolves day/month order from the rows being in date order', () => {
    // Month first: Jan 2, Feb 2, Mar 2 (sorted). Day first: Feb 1, Feb 2, Feb 3… also sorted,
    // so use values where only one reading is sorted: 01/02, 02/01, 03/01.
    const p = previewOf('Date,Amount\n02/01/2025,1\n01/02/2025,2\n03/02/2025,3\n');
    // mdy: Feb 1, Jan 2, Mar 2 (not sorted); dmy: Jan 2, Feb 1, Feb 3 (sorted).
    expect(p.dateOrder).toMatchObject({ order: 'dmy', ambiguous: false });
  });

  it('reports an ambiguous date order and proposes the preferred one', () => {
    const text = 'Date,Amount\n01/02/2025,1\n01/02/2025,2\n';
    expect(previewOf(text).dateOrder).toMatchObject({
      ambiguous: true,
      candidates: ['mdy', 'dmy'],
      order: 'dmy',
    });
    expect(previewOf(text, { preferredDateOrder: 'mdy' }).mapping.dateOrder).toBe('mdy');
  });

  it('reports a decimal separator it could not tell', () => {
    const p = previewOf('Date,Amount\n2025-01-01,100\n2025-01-02,"1,000"\n');
    expect(p.decimalSeparator.ambiguous).toBe(true);
  });

  it('returns at most sampleRows rows with their lines', () => {
    const text =
      'Date,Amount\n' +
      Array.from(
        { length: 50 },
        (_, i) => `2025-01-${String((i % 28) + 1).padStart(2, '0')},${i}`,
      ).join('\n');
    const p = previewOf(text, { sampleRows: 5 });
    expect(p.rows).toHaveLength(5);
    expect(p.lines).toEqual([2, 3, 4, 5, 6]);
    expect(p.rowCount).toBe(50);
  });

  it.each([
    ['an empty file', '', 'empty'],
    ['a single column', 'hello\nworld\n', 'unknown-format'],
    ['a table without dates', 'Foo,Bar\nhello,world\nagain,here\n', 'unknown-format'],
    [
      'an unterminated quote',
      'Date,Payee,Amount\n2025-01-01,"Shop,1\n2025-01-02,Other,2\n',
      'syntax',
    ],
  ])('fails on %s', (_label, text, code) => {
    const result = csv.preview(text, { fileName: 'bad.csv' });
    expect(result.ok ? undefined : result.error.code).toBe(code);
    expect(result.ok ? '' : result.error.message).toMatch(/^bad\.csv/);
  });

  it('names the line where an unterminated quote starts', () => {
    const result = csv.preview('Date,Payee,Amount\n2025-01-01,Shop,1\n2025-01-02,"Other,2\n', {
      fileName: 'bad.csv',
    });
    expect(result.ok ? undefined : result.error.line).toBe(3);
  });
});

describe('CSV parse with a mapping', () => {
  const base: csv.CsvMapping = {
    delimiter: ',',
    hasHeader: true,
    date: 0,
    amount: 1,
    payee: 2,
    dateOrder: 'ymd',
    decimalSeparator: '.',
  };

  it('combines debit and credit columns into a signed amount', () => {
    const text =
      'Date,Payee,Debit,Credit\n2025-01-01,Coffee,3.50,\n2025-01-02,Salary,,2000\n2025-01-03,Fee,-1.00,\n2025-01-04,Swap,5,7\n';
    const file = parseWith(text, {
      ...base,
      amount: undefined,
      debit: 2,
      credit: 3,
      payee: 1,
    });
    expect(rows(file).map((t) => t.amount)).toEqual([-350, 200000, -100, 200]);
  });

  it('uses the edited mapping: another date order and separator', () => {
    const text = 'd;a;p\n01/02/2025;1.234,5;X\n';
    const file = parseWith(text, {
      ...base,
      delimiter: ';',
      dateOrder: 'mdy',
      decimalSeparator: ',',
    });
    expect(rows(file)[0]).toMatchObject({ date: '2025-01-02', amount: 123450, payee: 'X' });
  });

  it('leaves out rows that do not fit and names their lines; quoted newlines count', () => {
    const text =
      'Date,Amount,Payee\n2025-01-01,-1.00,"Multi\nline"\nTotal,,\n2025-13-01,-2.00,Bad date\n2025-01-03,abc,Bad amount\n\n2025-01-04,-4.00,Good\n';
    const file = parseWith(text, base);
    expect(rows(file).map((t) => [t.line, t.payee])).toEqual([
      [2, 'Multi line'],
      [8, 'Good'],
    ]);
    expect(file.skipped.map((s) => s.reason)).toEqual([
      'line 4: "Total" is not a date (read as year-month-day (2025-12-31)); left out',
      'line 5: "2025-13-01" is not a date (read as year-month-day (2025-12-31)); left out',
      'line 6: not an amount: "abc"; left out',
    ]);
  });

  it('takes the currency per row when mapped, and the account currency otherwise', () => {
    const text =
      'Date,Amount,Payee,Cur\n2025-01-01,-1.00,A,eur\n2025-01-02,-500,B,JPY\n2025-01-03,-1.00,C,\n2025-01-04,-1.00,D,Euro\n';
    const file = parseWith(text, { ...base, currency: 3 });
    expect(rows(file).map((t) => [t.currency, t.amount])).toEqual([
      ['EUR', -100],
      ['JPY', -500],
      ['USD', -100],
    ]);
    expect(file.skipped[0]?.reason).toContain('"EURO" is not a currency code');
  });

  it('keeps a transaction id column as the provider id, dropping repeated ids', () => {
    const text =
      'Date,Amount,Payee,Transaction ID\n2025-01-01,-1,A,T1\n2025-01-02,-2,B,T2\n2025-01-02,-2,B,T2\n';
    const p = previewOf(text);
    // T2 repeats, so the column does not qualify as an id in the proposal.
    expect(p.mapping.id).toBeUndefined();
    const file = parseWith(text, { ...base, id: 3 });
    expect(rows(file).map((t) => t.providerId)).toEqual(['T1', 'T2', undefined]);
  });

  it.each([
    ['no date column', { ...base, date: undefined }, 'mapping'],
    ['no amount column', { ...base, amount: undefined }, 'mapping'],
    ['a mapping that reads no row', { ...base, date: 2 }, 'mapping'],
  ])('fails with %s', (_label, mapping, code) => {
    const result = csv.parse('Date,Amount,Payee\n2025-01-01,1,A\n', mapping, {
      fileName: 'x.csv',
      currency: 'USD',
    });
    expect(result.ok ? undefined : result.error.code).toBe(code);
  });

  it('fails on a header with no rows', () => {
    const result = csv.parse('Date,Amount,Payee\n', base, { fileName: 'x.csv', currency: 'USD' });
    expect(result.ok ? undefined : result.error.code).toBe('no-transactions');
  });

  it('parses 20,000 rows and reports progress', () => {
    const lines = ['Date,Description,Amount'];
    for (let i = 0; i < 20_000; i++) {
      lines.push(
        `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},"Shop ${i % 97}, branch",-${(i % 900) + 1}.${String(i % 100).padStart(2, '0')}`,
      );
    }
    const text = lines.join('\r\n');
    const p = previewOf(text);
    const progress: number[] = [];
    const result = csv.parse(text, p.mapping, {
      fileName: 'big.csv',
      currency: 'USD',
      onProgress: (done) => progress.push(done),
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(rows(result.value)).toHaveLength(20_000);
    expect(rows(result.value)[19_999]?.line).toBe(20_001);
    expect(progress.at(-1)).toBe(20_000);
    expect(progress.length).toBeGreaterThanOrEqual(20);
  });
});
