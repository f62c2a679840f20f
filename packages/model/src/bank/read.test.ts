import { describe, expect, it } from 'vitest';
import { describeWithFixtures, fixture, fixtureNames } from '../../../../tests/fixtures.ts';
import { detectFormat, open } from './read.ts';
import { transactionCount } from './statement.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describeWithFixtures('open() on every bank fixture', () => {
  const files = ['csv', 'ofx', 'qfx', 'qif'].flatMap((dir) =>
    fixtureNames(`bank/${dir}`).map((name) => `bank/${dir}/${name}`),
  );

  it('the corpus has the 18 files SOURCES.md lists', () => {
    expect(files).toHaveLength(18);
  });

  const expected: Record<string, { format: string; count?: number; error?: string }> = {
    'bank/csv/data-payee-memo.csv': { format: 'csv' },
    'bank/csv/data_utf8.csv': { format: 'csv' },
    'bank/csv/utf-8-bom.csv': { format: 'csv' },
    'bank/csv/windows-1252.csv': { format: 'csv' },
    'bank/ofx/anzcc.ofx': { format: 'ofx', count: 1 },
    'bank/ofx/bank_medium.ofx': { format: 'ofx', count: 3 },
    'bank/ofx/bank_small.ofx': { format: 'ofx', count: 0 },
    'bank/ofx/data-payee-memo.ofx': { format: 'ofx', count: 4 },
    'bank/ofx/error_message.ofx': { format: 'ofx', error: 'server-error' },
    'bank/ofx/example1.ofx': { format: 'ofx', count: 5 },
    'bank/ofx/fail_nice-date_missing.ofx': { format: 'ofx', count: 0 },
    'bank/ofx/multiple_accounts.ofx': { format: 'ofx', count: 0 },
    'bank/qfx/8859-1.qfx': { format: 'ofx', count: 1 },
    'bank/qfx/example-xml.qfx': { format: 'ofx', count: 1 },
    'bank/qfx/utf-8.qfx': { format: 'ofx', count: 1 },
    'bank/qif/data-payee-memo.qif': { format: 'qif', count: 4 },
    'bank/qif/data-with-categories.qif': { format: 'qif', count: 3 },
    'bank/qif/qif-account.qif': { format: 'qif', count: 1 },
  };

  it.each(Object.entries(expected))('%s', (path, want) => {
    const fileName = path.split('/').pop() ?? path;
    const result = open(fixture(path), { fileName, currency: 'USD' });
    if (want.error) {
      expect(result.ok ? undefined : result.error.code).toBe(want.error);
      return;
    }
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.format).toBe(want.format);
    if (result.value.format === 'csv') {
      expect(result.value.preview.missing).toEqual([]);
    } else {
      expect(transactionCount(result.value.file)).toBe(want.count);
      expect(result.value.file.encoding).toBe(result.value.decoded.encoding);
    }
  });

  it('every fixture is in the table', () => {
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });
});

describe('open() on bad files', () => {
  it.each([
    ['an empty file', new Uint8Array(), 'x.csv', 'empty', 'x.csv: the file is empty'],
    ['only whitespace', utf8('  \n\n '), 'x.csv', 'empty', 'x.csv: the file is empty'],
    [
      'a PDF statement',
      utf8('%PDF-1.4\n%âãÏÓ\n'),
      'statement.pdf',
      'binary',
      'statement.pdf: this is a PDF',
    ],
    [
      'an Excel workbook',
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]),
      'export.csv',
      'binary',
      'spreadsheet',
    ],
    [
      'binary garbage',
      new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 73 + 11) % 256)),
      'x.ofx',
      'binary',
      'not a text file',
    ],
    [
      'text named .ofx that is not OFX',
      utf8('hello world\n'),
      'bank.ofx',
      'unknown-format',
      'bank.ofx: this is named .ofx',
    ],
    [
      'text named .qif that is not QIF',
      utf8('D01/01/2025\nT-1\n^\n'),
      'bank.qif',
      'unknown-format',
      'bank.qif, line 1',
    ],
    [
      'a text file that is not a table',
      utf8('Dear customer,\nyour statement is attached.\n'),
      'notes.txt',
      'unknown-format',
      'notes.txt',
    ],
  ])('%s', (_label, bytes, fileName, code, message) => {
    const result = open(bytes, { fileName, currency: 'USD' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toContain(message);
  });

  it('a truncated OFX download names the file and the line', () => {
    const text =
      'OFXHEADER:100\n\n<OFX>\n<BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD\n<BANKTRANLIST>\n<STMTTRN><DTPOSTED>20250101<TRNAMT>-1';
    const result = open(utf8(text), { fileName: 'cut.ofx', currency: 'USD' });
    expect(result.ok ? undefined : result.error).toMatchObject({
      code: 'truncated',
      line: 6,
      fileName: 'cut.ofx',
    });
  });
});

describe('detectFormat', () => {
  it.each([
    ['OFXHEADER:100\n<OFX>', 'a.txt', 'ofx'],
    ['<?xml version="1.0"?><?OFX OFXHEADER="200"?><OFX></OFX>', 'a.xml', 'ofx'],
    ['\r\n<OFX>\r\n</OFX>', 'a.dat', 'ofx'],
    ['!Type:Bank\nD1/1/25\n', 'a.txt', 'qif'],
    ['!Account\nNMain\n^', 'a.txt', 'qif'],
    ['Date,Amount\n', 'a.txt', 'csv'],
    ['Date;Amount\n', 'a.csv', 'csv'],
  ])('%j (%s) is %s', (text, name, format) => {
    const result = detectFormat(text, name);
    expect(result.ok && result.value).toBe(format);
  });
});
