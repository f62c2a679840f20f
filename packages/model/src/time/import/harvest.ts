// Harvest "Detailed time report" CSV: a date and decimal hours per row, no clock times. Numbers
// follow the account's locale ("20,0", "2.000,0"); the separator is read from the file. Entries
// are laid end to end from 09:00 on their date in the user's zone, in file order — earlier when
// the day's hours would not fit before midnight, so a day's hours stay on that day (from 00:00
// when it has more hours than the day). The rate is kept, in the row's currency ("Euro - EUR").
import * as dates from '../../dates.ts';
import { ok } from '../../result.ts';
import type { CsvRow, CsvTable } from './csv.ts';
import * as fields from './fields.ts';
import {
  checkLengths,
  get,
  optionalNames,
  type Format,
  type ImportedEntry,
  type ReadOptions,
  type RowResult,
} from './format.ts';
import { importKeys } from './key.ts';

const KEY_COLUMNS = [
  'date',
  'client',
  'project',
  'project code',
  'task',
  'notes',
  'hours',
  'billable?',
  'first name',
  'last name',
  'external reference url',
];

export const DEFAULT_DAY_START_HOUR = 9;

export const harvest: Format = {
  name: 'harvest',
  label: 'Harvest',
  required: ['date', 'hours'],
  detect: (keys) =>
    keys.has('date') && keys.has('hours') && keys.has('project') && !keys.has('start time'),
  read(table: CsvTable, options: ReadOptions) {
    const order = fields.detectDateOrder(
      table.rows.map((r) => get(r, 'date')),
      options.dateOrder ?? 'MDY',
    );
    if (!order.ok) return order;
    const separator = fields.detectDecimalSeparator(
      table.rows.flatMap((r) => [
        get(r, 'hours'),
        get(r, 'billable rate'),
        get(r, 'billable amount'),
      ]),
    );
    const keys = importKeys('harvest', table.rows, KEY_COLUMNS);
    const parsed = table.rows.map((row) =>
      readRow(row, order.value, separator, options, keys.get(row.row) ?? ''),
    );
    return ok(place(parsed, options));
  },
};

type Parsed =
  | {
      row: number;
      ok: true;
      date: dates.CalendarDate;
      seconds: number;
      entry: Omit<ImportedEntry, 'start' | 'end'>;
    }
  | { row: number; ok: false; error: string };

function readRow(
  row: CsvRow,
  order: fields.DateOrder,
  separator: '.' | ',',
  options: ReadOptions,
  importKey: string,
): Parsed {
  const fail = (error: string): Parsed => ({ row: row.row, ok: false, error });
  if (row.problem) return fail(row.problem);
  const date = fields.parseDate(get(row, 'date'), order);
  if (!date.ok) return fail(`Date: ${date.error}`);
  const seconds = fields.parseDecimalHours(get(row, 'hours'), separator);
  if (!seconds.ok) return fail(`Hours: ${seconds.error}`);
  const billable = fields.parseYesNo(get(row, 'billable?', 'billable'));
  if (!billable.ok) return fail(`Billable?: ${billable.error}`);
  const currencyText = get(row, 'currency');
  const currency = currencyText === '' ? options.currency : fields.currencyInText(currencyText);
  if (currency === undefined) return fail(`Currency: "${currencyText}" names no ISO currency`);
  const rate = fields.parseAmount(get(row, 'billable rate'), currency, separator);
  if (!rate.ok) return fail(`Billable Rate: ${rate.error}`);
  const entry = {
    description: get(row, 'notes'),
    tags: [],
    ...optionalNames(row),
    ...(billable.value !== undefined && { billable: billable.value }),
    ...(rate.value !== undefined && rate.value > 0 && { rate: rate.value, currency }),
    importKey,
  };
  return { row: row.row, ok: true, date: date.value, seconds: seconds.value, entry };
}

/** Lays each day's entries end to end, as described above. */
function place(parsed: readonly Parsed[], options: ReadOptions): RowResult[] {
  const dayTotals = new Map<string, number>();
  for (const p of parsed)
    if (p.ok) dayTotals.set(p.date, (dayTotals.get(p.date) ?? 0) + p.seconds * 1000);
  const cursor = new Map<string, number>();
  const hour = options.dayStartHour ?? DEFAULT_DAY_START_HOUR;
  return parsed.map((p): RowResult => {
    if (!p.ok) return p;
    let start = cursor.get(p.date);
    if (start === undefined) {
      const midnight = dates.startOfDay(p.date, options.zone);
      const nextMidnight = dates.startOfDay(dates.addDays(p.date, 1), options.zone);
      const preferred = dates.instantAt(p.date, hour * 3_600_000, options.zone);
      start = Math.max(midnight, Math.min(preferred, nextMidnight - (dayTotals.get(p.date) ?? 0)));
    }
    const end = start + p.seconds * 1000;
    cursor.set(p.date, end);
    const entry: ImportedEntry = { ...p.entry, start, end };
    const problem = checkLengths(entry);
    return problem ? { row: p.row, ok: false, error: problem } : { row: p.row, ok: true, entry };
  });
}
