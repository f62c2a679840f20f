// Messages between the import screen and its worker. The worker keeps the decoded text of the
// last CSV file it opened, so reading it again with another mapping sends only the mapping.
import type { CsvMapping, CsvPreview } from '@tally/model/bank/csv';
import type { DateOrder } from '@tally/model/bank/dateformat';
import type { Encoding } from '@tally/model/bank/decode';
import type { FileError, ParsedFile } from '@tally/model/bank/statement';
import type { Result } from '@tally/model/result';

export interface OpenRequestOptions {
  /** The currency of the account it goes to: QIF and CSV files rarely say theirs. */
  currency: string;
  encoding?: Encoding;
  dateOrder?: DateOrder;
  preferredDateOrder?: DateOrder;
}

export type ImportRequest =
  | { type: 'open'; job: number; fileName: string; bytes: ArrayBuffer; options: OpenRequestOptions }
  | { type: 'parse-csv'; job: number; mapping: CsvMapping; currency: string };

export interface DecodedInfo {
  encoding: Encoding;
  /** Why this encoding was chosen. */
  reason: string;
}

export type OpenedFile =
  | { format: 'csv'; fileName: string; decoded: DecodedInfo; preview: CsvPreview }
  | { format: 'ofx' | 'qif'; fileName: string; decoded: DecodedInfo; file: ParsedFile };

export type ImportResponse =
  | { type: 'progress'; job: number; stage: 'reading' | 'parsing'; done: number; total: number }
  | { type: 'opened'; job: number; result: Result<OpenedFile, FileError> }
  | { type: 'parsed'; job: number; result: Result<ParsedFile, FileError> };
