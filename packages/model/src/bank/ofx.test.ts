import { describe, expect, it } from 'vitest';
import { describeWithFixtures, fixture } from '../../../../tests/fixtures.ts';
import { decode } from './decode.ts';
import * as ofx from './ofx.ts';
import { transactionCount, type ParsedFile } from './statement.ts';

function parseBytes(path: string): ParsedFile {
  const name = path.split('/').pop() ?? path;
  const result = ofx.parse(decode(fixture(path)).text, { fileName: name });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const sum = (file: ParsedFile): number =>
  file.statements.flatMap((s) => s.transactions).reduce((a, t) => a + t.amount, 0);

describeWithFixtures('OFX fixtures (bank/ofx, bank/qfx)', () => {
  it.each([
    ['bank/ofx/bank_small.ofx', 0, 0, 0],
    ['bank/ofx/bank_medium.ofx', 1, 3, -34527],
    ['bank/ofx/multiple_accounts.ofx', 2, 0, 0],
    ['bank/ofx/anzcc.ofx', 1, 1, -550],
    ['bank/ofx/fail_nice-date_missing.ofx', 1, 0, 0],
    ['bank/ofx/example1.ofx', 1, 5, -17311],
    ['bank/ofx/data-payee-memo.ofx', 1, 4, -10000],
    ['bank/qfx/utf-8.qfx', 1, 1, -2000],
    ['bank/qfx/8859-1.qfx', 1, 1, -2000],
    ['bank/qfx/example-xml.qfx', 1, 1, 84],
  ])('%s: %i statements, %i transactions, Σ %i minor units', (path, statements, count, total) => {
    const file = parseBytes(path);
    expect(file.statements).toHaveLength(statements);
    expect(transactionCount(file)).toBe(count);
    expect(sum(file)).toBe(total);
  });

  it('bank_medium.ofx: SGML without end tags, CAD checking, dates with zone suffix, balances', () => {
    const [s] = parseBytes('bank/ofx/bank_medium.ofx').statements;
    expect(s?.currency).toBe('CAD');
    expect(s?.account.kind).toBe('checking');
    // ACCTID "12300 000012345678": the space is not part of the number.
    expect(s?.account.numberHint).toBe('5678');
    expect(s?.ledgerBalance).toEqual({ amount: 38234, date: '2009-05-23' });
    expect(s?.availableBalance).toEqual({ amount: 68234, date: '2009-05-23' });
    expect(s?.start).toBe('2009-04-01');
    expect(s?.end).toBe('2009-05-23');
    expect(s?.transactions.map((t) => [t.date, t.amount, t.payee, t.providerId])).toEqual([
      ['2009-04-01', -660, "MCDONALD'S #112", '0000123456782009040100001'],
      ['2009-04-02', -31667, "Joe's Bald Hairstyles", '0000123456782009040200004'],
      ['2009-04-03', -2200, "CONNIE'S HAIR D", '0000123456782009040300005'],
    ]);
    expect(s?.transactions[0]?.memo).toBe("POS MERCHANDISE;MCDONALD'S #112");
    expect(s?.transactions[1]?.checkNumber).toBe('0');
    expect(s?.transactions.every((t) => t.currency === 'CAD')).toBe(true);
  });

  it('multiple_accounts.ofx: two statements with their own accounts and balances', () => {
    const file = parseBytes('bank/ofx/multiple_accounts.ofx');
    expect(
      file.statements.map((s) => [
        s.account.numberHint,
        s.account.kind,
        s.currency,
        s.ledgerBalance?.amount,
      ]),
    ).toEqual([
      ['9100', 'checking', 'USD', 11100],
      ['9200', 'savings', 'USD', 22200],
    ]);
    expect(file.statements[0]?.account.key).not.toBe(file.statements[1]?.account.key);
    expect(file.statements[0]?.account.institution).toBe('blah');
  });

  it('anzcc.ofx: a credit card statement (CCSTMTRS)', () => {
    const [s] = parseBytes('bank/ofx/anzcc.ofx').statements;
    expect(s?.account.kind).toBe('credit');
    expect(s?.account.numberHint).toBe('1234');
    expect(s?.currency).toBe('AUD');
    expect(s?.ledgerBalance?.amount).toBe(-12345);
    expect(s?.availableBalance?.amount).toBe(12345);
    expect(s?.transactions).toEqual([
      {
        line: 29,
        date: '2017-05-08',
        amount: -550,
        currency: 'AUD',
        payee: '',
        memo: 'SOME MEMO',
        providerId: '201705080001',
        kind: 'DEBIT',
      },
    ]);
  });

  it('error_message.ofx: the server error fails the file with its message', () => {
    const result = ofx.parse(decode(fixture('bank/ofx/error_message.ofx')).text, {
      fileName: 'error_message.ofx',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('server-error');
    expect(result.error.line).toBe(22);
    expect(result.error.message).toContain('error_message.ofx, line 22');
    expect(result.error.message).toContain('"General Server Error" (code 2000)');
  });

  it('fail_nice-date_missing.ofx: transactions with a missing, empty or impossible date are left out with reasons', () => {
    const file = parseBytes('bank/ofx/fail_nice-date_missing.ofx');
    expect(file.statements[0]?.transactions).toEqual([]);
    expect(file.statements[0]?.currency).toBe('USD');
    expect(file.statements[0]?.ledgerBalance).toEqual({ amount: 0, date: '2011-06-14' });
    expect(file.skipped.map((s) => s.line)).toEqual([33, 40, 48]);
    expect(file.skipped[0]?.reason).toMatch(
      /^line 33: transaction 184997056 has no date \(DTPOSTED is missing\)/,
    );
    expect(file.skipped[1]?.reason).toMatch(/^line 40: transaction 2000957249 has an empty date/);
    expect(file.skipped[2]?.reason).toMatch(/^line 48: .*"20120231", which is not a real date/);
  });

  it('example1.ofx: MEMO without NAME, interest and debits, NZD savings', () => {
    const [s] = parseBytes('bank/ofx/example1.ofx').statements;
    expect(s?.currency).toBe('NZD');
    expect(s?.account.kind).toBe('savings');
    expect(s?.account.numberHint).toBe('7-00');
    expect(s?.ledgerBalance?.amount).toBe(422579);
    expect(s?.availableBalance?.amount).toBe(1279);
    const first = s?.transactions[0];
    expect(first).toMatchObject({
      date: '2012-09-28',
      amount: 1990,
      payee: '',
      memo: 'Credit Interest Paid',
      kind: 'INT',
    });
    expect(s?.transactions.map((t) => t.kind)).toEqual(['INT', 'DEBIT', 'DEBIT', 'DEBIT', 'DEBIT']);
  });

  it('data-payee-memo.ofx: NAME and MEMO, NAME only, MEMO only, neither', () => {
    const [s] = parseBytes('bank/ofx/data-payee-memo.ofx').statements;
    expect(s?.transactions.map((t) => [t.date, t.amount, t.payee, t.memo])).toEqual([
      ['2019-01-23', -1000, 'Payee Name', 'Memo Text'],
      ['2019-01-23', -2000, 'Payee Name Only', undefined],
      ['2019-01-23', -3000, '', 'Memo Only Text'],
      ['2019-01-23', -4000, '', undefined],
    ]);
    expect(s?.ledgerBalance?.amount).toBe(100000);
  });

  it('utf-8.qfx: decoded as UTF-8 from its ENCODING header', () => {
    const decoded = decode(fixture('bank/qfx/utf-8.qfx'));
    expect(decoded.encoding).toBe('utf-8');
    const [s] = parseBytes('bank/qfx/utf-8.qfx').statements;
    expect(s?.transactions[0]).toMatchObject({
      date: '2022-10-19',
      amount: -2000,
      currency: 'CAD',
      payee: 'Café Métro €uro',
      memo: 'Paiement 5€ — débit',
    });
    expect(s?.ledgerBalance?.amount).toBe(999999);
    expect(s?.account.numberHint).toBe('-EOP');
  });

  it('8859-1.qfx: decoded as ISO-8859-1 from its CHARSET header', () => {
    const decoded = decode(fixture('bank/qfx/8859-1.qfx'));
    expect(decoded.encoding).toBe('iso-8859-1');
    expect(decoded.declared).toBe('iso-8859-1');
    const [s] = parseBytes('bank/qfx/8859-1.qfx').statements;
    expect(s?.transactions[0]).toMatchObject({
      payee: 'Paiement facture/Carte prépayée',
      memo: 'PWW',
      amount: -2000,
    });
  });

  it('example-xml.qfx: OFX 1 header over an XML body', () => {
    const [s] = parseBytes('bank/qfx/example-xml.qfx').statements;
    expect(s?.currency).toBe('USD');
    expect(s?.account.kind).toBe('savings');
    expect(s?.ledgerBalance?.amount).toBe(102523);
    expect(s?.account.institution).toBe('Ally');
    expect(s?.transactions[0]).toMatchObject({
      date: '2016-12-15',
      amount: 84,
      payee: 'Interest Paid',
      kind: 'INT',
      providerId: '21172131531687',
    });
  });

  it('the same account gives the same key in utf-8.qfx and 8859-1.qfx', () => {
    const a = parseBytes('bank/qfx/utf-8.qfx').statements[0]?.account.key;
    const b = parseBytes('bank/qfx/8859-1.qfx').statements[0]?.account.key;
    expect(a).toBeDefined();
    expect(a).toBe(b);
  });
});

// ---- Synthetic files, built here so the parser is tested on a fresh clone too ----

const SGML_HEADER = [
  'OFXHEADER:100',
  'DATA:OFXSGML',
  'VERSION:102',
  'SECURITY:NONE',
  'ENCODING:USASCII',
  'CHARSET:1252',
  'COMPRESSION:NONE',
  'OLDFILEUID:NONE',
  'NEWFILEUID:NONE',
  '',
].join('\n');

function sgmlStatement(
  transactions: string[],
  opts: { currency?: string; acct?: string } = {},
): string {
  return [
    '<STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>',
    `<STMTRS>${opts.currency === undefined ? '<CURDEF>EUR' : opts.currency}`,
    `<BANKACCTFROM><BANKID>999<ACCTID>${opts.acct ?? '00112233'}<ACCTTYPE>CHECKING</BANKACCTFROM>`,
    '<BANKTRANLIST><DTSTART>20250101<DTEND>20250131',
    ...transactions,
    '</BANKTRANLIST><LEDGERBAL><BALAMT>1234,56<DTASOF>20250131</LEDGERBAL>',
    '</STMTRS></STMTTRNRS>',
  ].join('\n');
}

function sgml(statements: string[]): string {
  return `${SGML_HEADER}<OFX>\n<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20250201<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>\n<BANKMSGSRSV1>\n${statements.join('\n')}\n</BANKMSGSRSV1>\n</OFX>\n`;
}

const trn = (fields: string): string => `<STMTTRN>${fields}</STMTTRN>`;

function parseText(text: string, currency?: string) {
  return ofx.parse(text, { fileName: 'synthetic.ofx', ...(currency ? { currency } : {}) });
}

describe('OFX synthetic', () => {
  it('reads SGML with empty leaves, entities, decimal commas and several statements', () => {
    const text = sgml([
      sgmlStatement([
        trn(
          '<TRNTYPE>DEBIT<DTPOSTED>20250105<TRNAMT>-12,50<FITID>a1<NAME>\n<MEMO>Bread &amp; butter',
        ),
        trn(
          '<TRNTYPE>CREDIT<DTPOSTED>20250106093000.000[+1:CET]<TRNAMT>+100.00<FITID>a2<PAYEE><NAME>Employer Ltd</PAYEE>',
        ),
      ]),
      sgmlStatement([trn('<TRNTYPE>DEBIT<DTPOSTED>20250107<TRNAMT>-1<FITID>b1<NAME>Shop')], {
        currency: '<CURDEF>USD',
        acct: '99887766',
      }),
    ]);
    const result = parseText(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [eur, usd] = result.value.statements;
    expect(eur?.transactions.map((t) => [t.date, t.amount, t.payee, t.memo])).toEqual([
      ['2025-01-05', -1250, '', 'Bread & butter'],
      ['2025-01-06', 10000, 'Employer Ltd', undefined],
    ]);
    expect(eur?.ledgerBalance?.amount).toBe(123456);
    expect(usd?.currency).toBe('USD');
    expect(usd?.transactions[0]?.amount).toBe(-100);
    expect(usd?.account.numberHint).toBe('7766');
    expect(eur?.account.key).not.toBe(usd?.account.key);
  });

  it('reads OFX 2 XML with a transaction in a foreign currency', () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?>
<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
<OFX>
  <CREDITCARDMSGSRSV1><CCSTMTTRNRS><TRNUID>1</TRNUID>
    <STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>
    <CCSTMTRS><CURDEF>GBP</CURDEF><CCACCTFROM><ACCTID>4000123412341234</ACCTID></CCACCTFROM>
      <BANKTRANLIST><DTSTART>20250101</DTSTART><DTEND>20250131</DTEND>
        <STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20250110</DTPOSTED><TRNAMT>-1500</TRNAMT>
          <FITID>x1</FITID><NAME>Tokyo Ramen</NAME><CURRENCY><CURRATE>0.005</CURRATE><CURSYM>JPY</CURSYM></CURRENCY>
        </STMTTRN>
        <STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20250111</DTPOSTED><TRNAMT>-3.20</TRNAMT><FITID>x2</FITID><NAME></NAME><MEMO>Coffee</MEMO></STMTTRN>
      </BANKTRANLIST>
    </CCSTMTRS>
  </CCSTMTTRNRS></CREDITCARDMSGSRSV1>
</OFX>`;
    const result = parseText(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [s] = result.value.statements;
    expect(s?.account.kind).toBe('credit');
    expect(s?.transactions.map((t) => [t.amount, t.currency, t.payee, t.memo, t.line])).toEqual([
      [-1500, 'JPY', 'Tokyo Ramen', undefined, 8],
      [-320, 'GBP', '', 'Coffee', 11],
    ]);
  });

  it('reports a bad amount as a skipped row and keeps the rest', () => {
    const text = sgml([
      sgmlStatement([
        trn('<DTPOSTED>20250105<TRNAMT>abc<FITID>bad'),
        trn('<DTPOSTED>20250105<TRNAMT>-1.005<FITID>precise'),
        trn('<DTPOSTED>20250105<FITID>none'),
        trn('<DTPOSTED>20250105<TRNAMT>-2<FITID>good'),
      ]),
    ]);
    const result = parseText(text);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.statements[0]?.transactions.map((t) => t.providerId)).toEqual(['good']);
    expect(result.value.skipped.map((s) => s.reason)).toEqual([
      expect.stringContaining('transaction bad: not an amount: "abc"'),
      expect.stringContaining('more decimal places than EUR allows'),
      expect.stringContaining('transaction none has no amount'),
    ]);
  });

  it.each([
    [
      'truncated inside a transaction',
      (t: string) => t.slice(0, t.indexOf('<TRNAMT>-2')),
      'truncated',
      /ends inside <STMTTRN> \(opened on line \d+\)/,
    ],
    [
      'truncated inside a tag',
      (t: string) => t.slice(0, t.indexOf('<TRNAMT>-2') + 4),
      'truncated',
      /ends inside a tag/,
    ],
    [
      'header without a body',
      (t: string) => t.slice(0, t.indexOf('<OFX>')),
      'truncated',
      /<OFX> body is missing/,
    ],
    [
      'a broken tag',
      (t: string) => t.replace('<TRNAMT>-2', '<TRN AMT<>-2'),
      'syntax',
      /is not a (complete|valid) tag/,
    ],
  ])('fails the whole file when %s', (_label, mangle, code, message) => {
    const text = mangle(
      sgml([
        sgmlStatement([
          trn('<DTPOSTED>20250105<TRNAMT>-1<FITID>a'),
          trn('<DTPOSTED>20250106<TRNAMT>-2<FITID>b'),
        ]),
      ]),
    );
    const result = parseText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(message);
    expect(result.error.message.startsWith('synthetic.ofx')).toBe(true);
  });

  it('names the line of a truncated file', () => {
    const text = sgml([sgmlStatement([trn('<DTPOSTED>20250105<TRNAMT>-1<FITID>a')])]);
    const cut = text.slice(0, text.indexOf('</BANKTRANLIST>'));
    const result = parseText(cut);
    expect(result.ok ? undefined : result.error.line).toBe(cut.split('\n').length);
  });

  it('accepts a file whose only missing end tag is </OFX>', () => {
    const text = sgml([sgmlStatement([trn('<DTPOSTED>20250105<TRNAMT>-1<FITID>a')])]).replace(
      '</OFX>',
      '',
    );
    const result = parseText(text);
    expect(result.ok && transactionCount(result.value)).toBe(1);
  });

  it('fails on a sign-on error with the server message', () => {
    const text = `${SGML_HEADER}<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>15500<SEVERITY>ERROR<MESSAGE>Invalid password</STATUS></SONRS></SIGNONMSGSRSV1></OFX>`;
    const result = parseText(text);
    expect(result.ok ? '' : result.error.message).toContain('"Invalid password" (code 15500)');
  });

  it('asks for a currency when a statement has no CURDEF, and uses the one given', () => {
    const text = sgml([
      sgmlStatement([trn('<DTPOSTED>20250105<TRNAMT>-1<FITID>a')], { currency: '' }),
    ]);
    const without = parseText(text);
    expect(without.ok ? undefined : without.error.code).toBe('currency');
    const withCurrency = parseText(text, 'SEK');
    expect(withCurrency.ok && withCurrency.value.statements[0]?.currency).toBe('SEK');
  });

  it('says an investment statement is not supported', () => {
    const text = `${SGML_HEADER}<OFX><INVSTMTMSGSRSV1><INVSTMTTRNRS><INVSTMTRS><CURDEF>USD</INVSTMTRS></INVSTMTTRNRS></INVSTMTMSGSRSV1></OFX>`;
    const result = parseText(text);
    expect(result.ok ? '' : result.error.message).toContain(
      'investment statements are not supported',
    );
  });

  it('rejects text that is not OFX', () => {
    const result = parseText('Date,Amount\n2025-01-01,1\n');
    expect(result.ok ? undefined : result.error.code).toBe('unknown-format');
  });

  it.each([
    ['20090401122017.000[-5:EST]', '2009-04-01'],
    ['20190123120000', '2019-01-23'],
    ['20120928', '2012-09-28'],
    ['20240229', '2024-02-29'],
    ['20230229', undefined],
    ['20120231', undefined],
    ['', undefined],
    ['2012-09-28', undefined],
    [undefined, undefined],
  ])('ofxDate(%s) = %s', (text, expected) => {
    expect(ofx.ofxDate(text)).toBe(expected);
  });

  it('reads a large statement', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) =>
      trn(
        `<TRNTYPE>DEBIT<DTPOSTED>2025${String((i % 12) + 1).padStart(2, '0')}15<TRNAMT>-${(i % 500) + 1}.25<FITID>f${i}<NAME>Payee ${i % 37}`,
      ),
    );
    const result = parseText(sgml([sgmlStatement(rows)]));
    if (!result.ok) throw new Error(result.error.message);
    expect(transactionCount(result.value)).toBe(20_000);
    expect(result.value.skipped).toEqual([]);
  });
});
