// Tables as spreadsheet sheets with typed cells: dates are dates, instants are date-times on the
// user's wall clock, money is a number shown in its currency's format, booleans are booleans.
// The cells are plain data; web/lib/data/xlsx.ts hands them to the workbook writer.
import * as dates from '../dates.ts';
import * as money from '../money.ts';
import { clockFor } from './clock.ts';
import type { Table } from './tables.ts';
import { decimalString, type Value } from './values.ts';

export type SheetCell =
  | null
  | { type: 'string'; value: string }
  | { type: 'number'; value: number; format?: string }
  | { type: 'boolean'; value: boolean }
  /**
   * A date or date-time: `value` is epoch ms whose UTC fields are the wall-clock reading
   * (spreadsheets have no zones; the user's zone is applied before).
   */
  | { type: 'date'; value: number; format: string };

export interface Sheet {
  /** Unique within the workbook, at most 31 characters, none of : \ / ? * [ ]. */
  name: string;
  headers: string[];
  /** Column widths in characters. */
  widths: number[];
  rows: SheetCell[][];
}

export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
export const TIME_FORMAT = 'hh:mm:ss';
export const DURATION_FORMAT = '[h]:mm:ss';
const DAY_MS = 86_400_000;

/** A number format that shows the currency code: `[$EUR] #,##0.00`; JPY has no decimals. */
export function currencyFormat(currency: string): string {
  const digits = money.minorDigits(currency);
  return `[$${currency}] #,##0${digits > 0 ? `.${'0'.repeat(digits)}` : ''}`;
}

export function sheetCell(value: Value, zone: string): SheetCell {
  if (value === undefined) return null;
  switch (value.kind) {
    case 'text':
      return value.text === '' ? null : { type: 'string', value: value.text };
    case 'number':
      return Number.isFinite(value.value) ? { type: 'number', value: value.value } : null;
    case 'decimal':
      return {
        type: 'number',
        value: Number(decimalString(value.units, value.scale)),
        format: value.scale > 0 ? `0.${'0'.repeat(value.scale)}` : '0',
      };
    case 'boolean':
      return { type: 'boolean', value: value.value };
    case 'date':
      return { type: 'date', value: dates.toDayNumber(value.date) * DAY_MS, format: DATE_FORMAT };
    case 'month':
      return { type: 'string', value: value.month };
    case 'instant':
      return {
        type: 'date',
        value: value.at + clockFor(zone).offset(value.at),
        format: DATE_TIME_FORMAT,
      };
    case 'time':
      return { type: 'number', value: value.ms / DAY_MS, format: TIME_FORMAT };
    case 'duration':
      return { type: 'number', value: value.seconds / 86_400, format: DURATION_FORMAT };
    case 'money':
      // The decimal string read as a number: the nearest double to the exact amount.
      return {
        type: 'number',
        value: Number(money.toDecimalString(value.minor, value.currency)),
        format: currencyFormat(value.currency),
      };
  }
}

const FORBIDDEN = /[:\\/?*[\]]/g;

/** Sheet names a spreadsheet accepts, unique (case-insensitively) in order. */
export function sheetNames(labels: readonly string[]): string[] {
  const taken = new Set<string>();
  return labels.map((label) => {
    const base = label.replace(FORBIDDEN, ' ').trim().slice(0, 31) || 'Sheet';
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = `${base.slice(0, 31 - suffix.length).trimEnd()}${suffix}`;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

/** A table as a sheet; `name` from `sheetNames`. */
export function tableSheet(table: Table, zone: string, name = table.label): Sheet {
  const rows = table.rows.map((row) => row.map((value) => sheetCell(value, zone)));
  const widths = table.headers.map((header, i) => {
    let width = header.length;
    for (const row of rows.slice(0, 200)) {
      const cell = row[i];
      const w =
        cell === null || cell === undefined
          ? 0
          : cell.type === 'string'
            ? cell.value.length
            : cell.type === 'date'
              ? cell.format.length
              : 12;
      if (w > width) width = w;
    }
    return Math.min(Math.max(width + 2, 8), 60);
  });
  return { name, headers: table.headers, widths, rows };
}

/** Every table as a sheet, with names the workbook accepts. */
export function workbookSheets(tables: readonly Table[], zone: string): Sheet[] {
  const names = sheetNames(tables.map((t) => t.label));
  return tables.map((t, i) => tableSheet(t, zone, names[i]));
}
