// Time entries as CSV, with the columns the user picks. Dates and times are the user's wall clock
// (ISO 8601, with the UTC offset on the full timestamps so the file is unambiguous across DST);
// durations as H:MM:SS, seconds and decimal hours; money as a decimal string with its currency in
// its own column. Quoting and escaping are papaparse's (RFC 4180).
import Papa from 'papaparse';
import * as dates from '../dates.ts';
import * as money from '../money.ts';
import {
  clientOf,
  compareEntries,
  projectOf,
  taskOf,
  type Invoice,
  type TimeEntry,
} from './catalog.ts';
import { formatDuration } from './durations.ts';
import { measure, type Measure, type MeasureContext } from './reports.ts';

export const columns = {
  date: 'Date',
  start: 'Start',
  end: 'End',
  startTime: 'Start time',
  endTime: 'End time',
  duration: 'Duration',
  seconds: 'Seconds',
  hours: 'Hours',
  roundedHours: 'Rounded hours',
  pauses: 'Paused',
  client: 'Client',
  project: 'Project',
  projectCode: 'Project code',
  task: 'Task',
  description: 'Description',
  tags: 'Tags',
  billable: 'Billable',
  rate: 'Rate',
  amount: 'Amount',
  currency: 'Currency',
  invoice: 'Invoice',
  source: 'Source',
  id: 'Id',
} as const;

export type Column = keyof typeof columns;

export const defaultColumns: readonly Column[] = [
  'date',
  'startTime',
  'endTime',
  'duration',
  'hours',
  'client',
  'project',
  'task',
  'description',
  'tags',
  'billable',
  'rate',
  'amount',
  'currency',
];

export interface ExportOptions extends MeasureContext {
  columns?: readonly Column[];
  /** For the invoice number column. */
  invoices?: readonly Pick<Invoice, 'id' | 'number'>[];
  /**
   * Prefix cells that start with = + - @ with a quote, so a spreadsheet does not run them as
   * formulas. Off by default: it changes the text, and the file is the user's own data.
   */
  escapeFormulae?: boolean;
}

/** "2026-03-08T03:30:00-04:00" in `zone`. */
export function isoLocal(instant: number, zone: string): string {
  const p = dates.zonedParts(instant, zone);
  const offset = Math.round(dates.offsetMs(instant, zone) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${p.date}T${clock(p)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Hours with two decimals, half-up, from whole seconds: 5400 → "1.50". */
export function decimalHours(seconds: number): string {
  return money.toDecimalString(money.roundDiv(seconds * 100, 3600, 'half-up'), 'USD');
}

export function entriesCsv(entries: readonly TimeEntry[], options: ExportOptions): string {
  const chosen = options.columns ?? defaultColumns;
  const numbers = new Map((options.invoices ?? []).map((i) => [i.id, i.number]));
  const data = [...entries].sort(compareEntries).map((entry) => {
    const m = measure(entry, options);
    return chosen.map((c) => cell(c, m, options, numbers));
  });
  return Papa.unparse(
    { fields: chosen.map((c) => columns[c]), data },
    { escapeFormulae: options.escapeFormulae ?? false },
  );
}

function cell(
  column: Column,
  m: Measure,
  ctx: ExportOptions,
  numbers: ReadonlyMap<string, string>,
): string {
  const { entry } = m;
  const zone = ctx.zone;
  switch (column) {
    case 'date':
      return dates.localDate(entry.start, zone);
    case 'start':
      return isoLocal(entry.start, zone);
    case 'end':
      return entry.end === undefined ? '' : isoLocal(entry.end, zone);
    case 'startTime':
      return clock(dates.zonedParts(entry.start, zone));
    case 'endTime':
      return entry.end === undefined ? '' : clock(dates.zonedParts(entry.end, zone));
    case 'duration':
      return formatDuration(m.seconds);
    case 'seconds':
      return String(m.seconds);
    case 'hours':
      return decimalHours(m.seconds);
    case 'roundedHours':
      return decimalHours(m.roundedSeconds);
    case 'pauses': {
      const end = entry.end ?? ctx.now;
      const paused = Math.max(0, Math.floor((end - entry.start) / 1000) - m.seconds);
      return formatDuration(paused);
    }
    case 'client':
      return clientOf(entry, ctx.catalog)?.name ?? '';
    case 'project':
      return projectOf(entry, ctx.catalog)?.name ?? '';
    case 'projectCode':
      return projectOf(entry, ctx.catalog)?.code ?? '';
    case 'task':
      return taskOf(entry, ctx.catalog)?.name ?? '';
    case 'description':
      return entry.description;
    case 'tags':
      return entry.tags.join(', ');
    case 'billable':
      return entry.billable ? 'yes' : 'no';
    case 'rate':
      return m.rate ? money.toDecimalString(m.rate.rate, m.rate.currency) : '';
    case 'amount':
      return m.amount ? money.toDecimalString(m.amount.minor, m.amount.currency) : '';
    case 'currency':
      // of the rate and the amount alike
      return m.rate?.currency ?? '';
    case 'invoice':
      return entry.invoiceId === undefined ? '' : (numbers.get(entry.invoiceId) ?? entry.invoiceId);
    case 'source':
      return entry.source;
    case 'id':
      return entry.id;
  }
}

function clock(p: Pick<dates.ZonedParts, 'hour' | 'minute' | 'second'>): string {
  return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
