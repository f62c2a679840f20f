import { describe, expect, it } from 'vitest';
import { describeWithFixtures, fixture } from '../../../../tests/fixtures.ts';
import { decode } from './decode.ts';
import { hashHex } from './hash.ts';
import * as qif from './qif.ts';
import { transactionCount, type ParsedFile } from './statement.ts';

function parse(text: string, options: Partial<qif.QifOptions> = {}) {
  return qif.parse(text, { fileName: 'test.qif', currency: 'USD', ...options });
}

function parseFixture(path: string): ParsedFile {
  const result = parse(decode(fixture(path)).text, { fileName: path });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const all = (file: ParsedFile) => file.statements.flatMap((s) => s.transactions);

describeWithFixtures('QIF fixtures (bank/qif)', () => {
  it('data-payee-memo.qif: MM/DD/YYYY, payee and memo in every combination', () => {
    const file = parseFixture('bank/qif/data-payee-memo.qif');
    expect(all(file).map((t) => [t.date, t.amount, t.payee, t.memo])).toEqual([
      ['2019-01-23', -1000, 'Payee Name', 'Note Text'],
      ['2019-01-23', -2000, 'Payee Name Only', undefined],
      ['2019-01-23', -3000, '', 'Note Only Text'],
      ['2019-01-23', -4000, '', undefined],
    ]);
    expect(all(file).reduce((a, t) => a + t.amount, 0)).toBe(-10000);
    expect(file.skipped).toEqual([]);
  });

  it('data-with-categories.qif: two-digit years and L categories', () => {
    const file = parseFixture('bank/qif/data-with-categories.qif');
    expect(all(file).map((t) => [t.date, t.amount, t.payee, t.category])).toEqual([
      ['2018-12-19', -10058, 'Outlet', 'Usual Expenses:Shopping'],
      ['2018-12-19', -2015, 'GroceriesYou', 'Groceries'],
      ['2018-12-19', -4060, 'RestaurantExample', 'Food'],
    ]);
    expect(all(file).reduce((a, t) => a + t.amount, 0)).toBe(-16133);
  });

  it('qif-account.qif: the !Account block names the account; its T line is a type', () => {
    const file = parseFixture('bank/qif/qif-account.qif');
    expect(transactionCount(file)).toBe(1);
    const [s] = file.statements;
    expect(s?.account).toEqual({
      name: 'Checking Main',
      kind: 'checking',
      key: `qif:${hashHex('qif\nCHECKINGMAIN')}`,
    });
    expect(s?.transactions[0]).toMatchObject({
      date: '2018-12-19',
      amount: -2500,
      payee: 'COUNTY WASTE',
      line: 6,
    });
  });
});

describe('QIF synthetic', () => {
  it('reads day-first dates when only that order fits, with decimal commas', () => {
    const text = '!Type:Bank\nD25/12/2024\nT-1.234,50\nPRent\n^\nD03/01/2025\nT10,00\nPRefund\n^\n';
    const result = parse(text, { currency: 'EUR' });
    if (!result.ok) throw new Error(result.error.message);
    expect(all(result.value).map((t) => [t.date, t.amount])).toEqual([
      ['2024-12-25', -123450],
      ['2025-01-03', 1000],
    ]);
    expect(result.value.dateOrder).toMatchObject({ order: 'dmy', ambiguous: false });
  });

  it("reports when the date order is a guess, and takes the person's choice", () => {
    const text = '!Type:Bank\nD01/02/2025\nT-1\n^\nD01/02/2025\nT-2\n^\n';
    const guessed = parse(text);
    expect(guessed.ok && guessed.value.dateOrder).toMatchObject({
      order: 'mdy',
      ambiguous: true,
      candidates: ['mdy', 'dmy'],
    });
    expect(guessed.ok && all(guessed.value)[0]?.date).toBe('2025-01-02');
    const chosen = parse(text, { dateOrder: 'dmy' });
    expect(chosen.ok && all(chosen.value)[0]?.date).toBe('2025-02-01');
  });

  it.each([
    ["1/23'19", '2019-01-23'],
    [' 1/ 2/19', '2019-01-02'],
    ['12/31/99', '1999-12-31'],
    ['02/29/2024', '2024-02-29'],
  ])('reads the Quicken date %s as %s', (d, expected) => {
    const result = parse(`!Type:Bank\nD${d}\nT-1.00\n^\n`);
    expect(result.ok && all(result.value)[0]?.date).toBe(expected);
  });

  it('keeps CCard and Cash sections as their own statements when accounts differ', () => {
    const text = [
      '!Account',
      'NVisa',
      'TCCard',
      '^',
      '!Type:CCard',
      'D01/05/2025',
      'T-20.00',
      'PShop',
      '^',
      '!Account',
      'NWallet',
      'TCash',
      '^',
      '!Type:Cash',
      'D01/06/2025',
      'T-5.00',
      'PKiosk',
      '^',
    ].join('\r\n');
    const result = parse(text);
    if (!result.ok) throw new Error(result.error.message);
    expect(
      result.value.statements.map((s) => [s.account.name, s.account.kind, s.transactions.length]),
    ).toEqual([
      ['Visa', 'credit', 1],
      ['Wallet', 'cash', 1],
    ]);
  });

  it('uses the first split line only as a note and the T line as the amount', () => {
    const text = '!Type:Bank\nD01/05/2025\nT-30.00\nPMarket\nSFood\n$-20.00\nSHome\n$-10.00\n^\n';
    const result = parse(text);
    expect(result.ok && all(result.value)[0]?.amount).toBe(-3000);
  });

  it('leaves out a record with a bad date or amount and names its line', () => {
    const text = '!Type:Bank\nD13/45/2025\nT-1\n^\nD01/05/2025\nTabc\n^\nD01/06/2025\nT-2\n^\n';
    const result = parse(text);
    if (!result.ok) throw new Error(result.error.message);
    expect(all(result.value).map((t) => t.amount)).toEqual([-200]);
    expect(result.value.skipped.map((s) => s.line)).toEqual([2, 5]);
    expect(result.value.skipped[1]?.reason).toContain('not an amount: "abc"');
  });

  it.each([
    [
      'a record without "^" at the end',
      '!Type:Bank\nD01/05/2025\nT-1\n^\nD01/06/2025\nT-2',
      'truncated',
      5,
    ],
    ['no transactions at all', '!Type:Cat\nNFood\n^\n', 'no-transactions', undefined],
    [
      'only investment transactions',
      '!Type:Invst\nD01/05/2025\nNBuy\n^\n',
      'no-transactions',
      undefined,
    ],
    ['no readable record', '!Type:Bank\nDsoon\nT-1\n^\n', 'mapping', 2],
    ['a record cut by a new section', '!Type:Bank\nD01/05/2025\nT-1\n!Type:Bank\n', 'syntax', 4],
    ['not QIF at all', 'Date,Amount\n', 'unknown-format', undefined],
  ])('fails the file on %s', (_label, text, code, line) => {
    const result = parse(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.line).toBe(line);
    expect(result.error.message.startsWith('test.qif')).toBe(true);
  });

  it('reads a large file', () => {
    const text =
      '!Type:Bank\n' +
      Array.from(
        { length: 20_000 },
        (_, i) => `D${(i % 12) + 1}/15/2025\nT-${i % 300}.99\nPPayee ${i % 50}\n^\n`,
      ).join('');
    const result = parse(text);
    expect(result.ok && transactionCount(result.value)).toBe(20_000);
  });
});
