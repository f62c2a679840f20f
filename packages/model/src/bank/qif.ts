// QIF (Quicken Interchange Format): `!Type:Bank` (or Cash, CCard, Oth A, Oth L) sections of
// records, one field per line keyed by its first letter, each record ended by `^`. An `!Account`
// block names the account the following sections belong to; inside it `T` is the account type,
// not an amount. QIF says nothing about date order or currency: dates are read in the order that
// fits every date in the file (month first when they all fit both ways, as Quicken writes them),
// and the currency is the target account's.
import * as money from '../money.ts';
import { err, ok, type Result } from '../result.ts';
import { detectDecimalSeparator, parseAmount } from './amounts.ts';
import { detectDateOrder, parseDate, type DateOrder, type DateOrderGuess } from './dateformat.ts';
import { hashHex } from './hash.ts';
import {
  fileError,
  skip,
  type AccountKind,
  type FileError,
  type ParsedFile,
  type ParsedStatement,
  type ParsedTransaction,
  type Skip,
  type StatementAccount,
} from './statement.ts';
import { foldKey, storedText } from './text.ts';

export interface QifOptions {
  fileName: string;
  /** QIF files carry no currency: the account's. */
  currency: string;
  /** The person's choice when the file's dates fit several orders. */
  dateOrder?: DateOrder;
  /** The guess when the dates fit several orders and nobody chose (default: month first). */
  preferredDateOrder?: DateOrder;
}

const HEADER = /^!(Type|Account|Option|Clear)\b/i;

export function isQif(text: string): boolean {
  const first =
    text
      .replace(/^\uFEFF/, '')
      .trimStart()
      .split(/\r\n|\r|\n/, 1)[0] ?? '';
  return HEADER.test(first.trim());
}

const TRANSACTION_TYPES: Record<string, AccountKind> = {
  bank: 'checking',
  cash: 'cash',
  ccard: 'credit',
  otha: 'other',
  othl: 'loan',
};

interface RawRecord {
  line: number;
  fields: Map<string, string>;
  account: StatementAccount;
}

export function parse(text: string, options: QifOptions): Result<ParsedFile, FileError> {
  const { fileName, currency } = options;
  if (!money.isCurrency(currency)) {
    return err(fileError(fileName, 'currency', `"${currency}" is not a currency code`));
  }
  if (!isQif(text)) {
    return err(
      fileError(
        fileName,
        'unknown-format',
        'this is not a QIF file (it does not start with !Type or !Account)',
      ),
    );
  }

  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let section: 'account' | 'transactions' | 'other' = 'other';
  let sectionKind: AccountKind | undefined;
  let account: StatementAccount = {};
  let pending: { line: number; fields: Map<string, string> } | undefined;
  const records: RawRecord[] = [];
  const ignoredSections = new Set<string>();

  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const line = (lines[index] ?? '').replace(/\s+$/, '');
    if (line.trim() === '') continue;
    if (line.startsWith('!')) {
      if (pending && pending.fields.size > 0) {
        return err(
          fileError(
            fileName,
            'syntax',
            `the record starting on line ${pending.line} is not ended by "^" before the next section`,
            lineNo,
          ),
        );
      }
      pending = undefined;
      const type = /^!Type:\s*(.*)$/i.exec(line);
      if (type) {
        const key = foldKey(type[1] ?? '');
        const kind = TRANSACTION_TYPES[key];
        if (kind) {
          section = 'transactions';
          sectionKind = kind;
        } else {
          section = 'other';
          if (key === 'invst') ignoredSections.add('investment transactions');
        }
      } else if (/^!Account\b/i.test(line)) {
        section = 'account';
      } else {
        section = 'other'; // !Option:AutoSwitch, !Clear:AutoSwitch
      }
      continue;
    }
    pending ??= { line: lineNo, fields: new Map() };
    if (line.startsWith('^')) {
      if (section === 'account') account = accountFrom(pending.fields);
      else if (section === 'transactions' && pending.fields.size > 0) {
        const recordAccount: StatementAccount =
          account.kind || !sectionKind ? account : { ...account, kind: sectionKind };
        records.push({ line: pending.line, fields: pending.fields, account: recordAccount });
      }
      pending = undefined;
      continue;
    }
    const code = line.charAt(0).toUpperCase();
    const value = line.slice(1).trim();
    // Split lines (S, E, $) and address lines repeat; the first of each is enough here.
    if (!pending.fields.has(code)) pending.fields.set(code, value);
  }
  if (pending && pending.fields.size > 0) {
    return err(
      fileError(
        fileName,
        'truncated',
        `the file ends in the middle of the record that starts on line ${pending.line} (no closing "^"); it looks cut off`,
        pending.line,
      ),
    );
  }
  if (records.length === 0) {
    const extra =
      ignoredSections.size > 0 ? ` (${[...ignoredSections].join(', ')} are not supported)` : '';
    return err(fileError(fileName, 'no-transactions', `no bank transactions found${extra}`));
  }

  const guess: DateOrderGuess = options.dateOrder
    ? {
        order: options.dateOrder,
        candidates: [options.dateOrder],
        ambiguous: false,
        reason: 'chosen by you',
      }
    : detectDateOrder(
        records.map((r) => r.fields.get('D') ?? ''),
        options.preferredDateOrder ?? 'mdy',
      );
  const order = guess.order ?? 'mdy';
  const { separator } = detectDecimalSeparator(
    records.map((r) => r.fields.get('T') ?? r.fields.get('U') ?? ''),
  );

  const statements = new Map<string, ParsedStatement>();
  const skipped: Skip[] = [];
  for (const record of records) {
    const read = readRecord(record, order, separator, currency);
    if (!read.ok) {
      skipped.push(skip(record.line, read.error));
      continue;
    }
    const id = record.account.key ?? '';
    let statement = statements.get(id);
    if (!statement) {
      statement = { account: record.account, currency, transactions: [] };
      statements.set(id, statement);
    }
    statement.transactions.push(read.value);
  }
  if (statements.size === 0) {
    return err(
      fileError(
        fileName,
        'mapping',
        `none of the ${records.length} transactions could be read; the first problem is on ${skipped[0]?.reason ?? 'line 1'}`,
        skipped[0]?.line,
      ),
    );
  }
  return ok({
    fileName,
    format: 'qif',
    statements: [...statements.values()],
    skipped,
    dateOrder: guess,
  });
}

function accountFrom(fields: Map<string, string>): StatementAccount {
  const name = storedText(fields.get('N'));
  const kind = TRANSACTION_TYPES[foldKey(fields.get('T') ?? '')];
  const folded = name.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
  return {
    ...(name ? { name, key: `qif:${hashHex(`qif\n${folded}`)}` } : {}),
    ...(kind ? { kind } : {}),
  };
}

function readRecord(
  record: RawRecord,
  order: DateOrder,
  separator: '.' | ',',
  currency: string,
): Result<ParsedTransaction> {
  const rawDate = record.fields.get('D');
  if (!rawDate) return err('the transaction has no date (D line); left out');
  const date = parseDate(rawDate, order);
  if (!date) return err(`"${rawDate}" is not a date (read as ${order}); left out`);
  const rawAmount = record.fields.get('T') ?? record.fields.get('U');
  if (rawAmount === undefined || rawAmount === '')
    return err('the transaction has no amount (T line); left out');
  const amount = parseAmount(rawAmount, currency, separator);
  if (!amount.ok) return err(`${amount.error}; left out`);
  const memo = storedText(record.fields.get('M'));
  const category = storedText(record.fields.get('L'));
  const checkNumber = record.fields.get('N');
  return ok({
    line: record.line,
    date,
    amount: amount.value,
    currency,
    payee: storedText(record.fields.get('P')),
    ...(memo ? { memo } : {}),
    ...(category ? { category } : {}),
    ...(checkNumber ? { checkNumber } : {}),
  });
}
