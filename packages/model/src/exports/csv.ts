// Tables as CSV (RFC 4180, by papaparse): a header row, then one row per record. Dates are
// 'YYYY-MM-DD', instants ISO 8601 with the zone's offset, money a decimal string beside a
// Currency column, booleans true/false, lists joined.
import Papa from 'papaparse';
import type { CollectionName } from '../collections.ts';
import { buildTable, type ExportContext, type Row, type Table } from './tables.ts';
import { toText, type Value } from './values.ts';

export interface CsvOptions {
  /** Time zone for instants. */
  zone: string;
  /**
   * Put a ' before text cells that start with = + - @ (or a tab or carriage return), so a
   * spreadsheet shows them instead of running them as formulas. Numbers, money and dates are
   * never changed: a refund of -5.00 stays a number.
   */
  escapeFormulae?: boolean;
  /** Start with a byte order mark, so Excel reads the file as UTF-8. */
  bom?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell's text, guarded against formula injection when asked. */
export function cellText(value: Value, options: CsvOptions): string {
  const text = toText(value, options.zone);
  if (options.escapeFormulae && value?.kind === 'text' && FORMULA_START.test(text))
    return `'${text}`;
  return text;
}

export function tableCsv(table: Table, options: CsvOptions): string {
  const body = Papa.unparse(
    {
      fields: table.headers,
      data: table.rows.map((row) => row.map((value) => cellText(value, options))),
    },
    // Guarding is done above, per typed cell; papaparse's own would also mangle negative numbers.
    { escapeFormulae: false, newline: '\r\n' },
  );
  // papaparse ends a header-only file with a line break, and a file with rows without one.
  return `${options.bom ? '\uFEFF' : ''}${body.replace(/\r\n$/, '')}\r\n`;
}

/** A collection's records as a CSV file's text. */
export function collectionCsv(
  collection: CollectionName,
  records: readonly Row[],
  ctx: ExportContext,
  options: Omit<CsvOptions, 'zone'> = {},
): string {
  return tableCsv(buildTable(collection, records, ctx), { ...options, zone: ctx.zone });
}
