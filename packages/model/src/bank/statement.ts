// What every statement parser (CSV, OFX/QFX, QIF) produces: statements of plain transactions in
// minor units, rows it had to leave out with the reason, or one error for the whole file. Nothing
// here is a record yet; plan.ts turns a reviewed statement into writes.
import type { CalendarDate } from '../dates.ts';
import type { accountKinds } from '../records/bills.ts';
import type { DateOrderGuess } from './dateformat.ts';
import type { Encoding } from './decode.ts';

export type Format = 'csv' | 'ofx' | 'qif';
export type AccountKind = (typeof accountKinds)[number];

export interface ParsedTransaction {
  /** 1-based line in the file where the transaction starts. */
  line: number;
  date: CalendarDate;
  /** Minor units; negative is money leaving the account. */
  amount: number;
  currency: string;
  /** What the bank says the payee is (collapsed, ≤ 500 characters); may be empty. */
  payee: string;
  memo?: string;
  /** The bank's own transaction id (OFX FITID). */
  providerId?: string;
  /** QIF `L` category, CSV category column. */
  category?: string;
  checkNumber?: string;
  /** OFX TRNTYPE (DEBIT, POS, INT, …). */
  kind?: string;
}

export interface Balance {
  amount: number;
  date?: CalendarDate;
}

/** Who the statement is for, as far as the file says. */
export interface StatementAccount {
  /**
   * A hash of the bank's identity of the account (bank id + account number, or the QIF account
   * name): the same account gives the same key in every file, and the number itself is not kept.
   */
  key?: string;
  /** Last four characters of the account number, to show and to match `account.numberHint`. */
  numberHint?: string;
  name?: string;
  kind?: AccountKind;
  institution?: string;
}

export interface ParsedStatement {
  account: StatementAccount;
  currency: string;
  start?: CalendarDate;
  end?: CalendarDate;
  ledgerBalance?: Balance;
  availableBalance?: Balance;
  transactions: ParsedTransaction[];
}

/** A row left out of an otherwise good file. */
export interface Skip {
  line: number;
  /** For people: names the line and what was wrong. */
  reason: string;
}

export interface ParsedFile {
  fileName: string;
  format: Format;
  encoding?: Encoding;
  statements: ParsedStatement[];
  skipped: Skip[];
  /** How dates were read when the format does not fix it (QIF, CSV). */
  dateOrder?: DateOrderGuess;
}

export type FileErrorCode =
  | 'empty'
  | 'binary'
  | 'unknown-format'
  | 'syntax'
  | 'truncated'
  | 'server-error'
  | 'no-transactions'
  | 'mapping'
  | 'currency';

/** Why a whole file cannot be imported. Nothing from such a file is stored. */
export interface FileError {
  fileName: string;
  line?: number;
  code: FileErrorCode;
  /** For people: names the file, the line when known, and what was wrong. */
  message: string;
}

export function fileError(
  fileName: string,
  code: FileErrorCode,
  detail: string,
  line?: number,
): FileError {
  const where = line === undefined ? fileName : `${fileName}, line ${line}`;
  return {
    fileName,
    code,
    message: `${where}: ${detail}`,
    ...(line === undefined ? {} : { line }),
  };
}

export function skip(line: number, detail: string): Skip {
  return { line, reason: `line ${line}: ${detail}` };
}

export function transactionCount(file: ParsedFile): number {
  return file.statements.reduce((n, s) => n + s.transactions.length, 0);
}
