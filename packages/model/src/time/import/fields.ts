// Reading the cells of time-tracker exports: dates in the exporter's locale, 12- and 24-hour
// clock times, "HH:MM:SS" durations, decimal hours with a decimal comma, yes/no, tags, and
// currencies named in headers ("Amount (USD)") or cells ("Euro - EUR"). Each parser returns a
// message for people on failure; the importer adds the row and column.
import * as dates from '../../dates.ts';
import * as money from '../../money.ts';
import { err, ok, type Result } from '../../result.ts';

/** Year-month-day (ISO), month/day/year (US) or day/month/year (most of the world). */
export type DateOrder = 'YMD' | 'MDY' | 'DMY';

const YMD_RE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const XXY_RE = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

/**
 * The order of day and month in a file, from all its dates: a first number above 12 means
 * day first, a second above 12 means month first. When no date tells (every day ≤ 12), the
 * fallback decides — the exporter's default (Clockify: US order).
 */
export function detectDateOrder(
  values: Iterable<string>,
  fallback: DateOrder,
): Result<DateOrder, string> {
  let dayFirst = false;
  let monthFirst = false;
  for (const value of values) {
    const m = XXY_RE.exec(value.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) dayFirst = true;
    if (Number(m[2]) > 12) monthFirst = true;
  }
  if (dayFirst && monthFirst)
    return err('the dates mix day/month/year and month/day/year; export them in one format');
  if (dayFirst) return ok('DMY');
  if (monthFirst) return ok('MDY');
  return ok(fallback);
}

export function parseDate(text: string, order: DateOrder): Result<dates.CalendarDate, string> {
  const v = text.trim();
  let y: number, mo: number, d: number;
  const iso = YMD_RE.exec(v);
  const other = XXY_RE.exec(v);
  if (iso) [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (other && order === 'DMY')
    [d, mo, y] = [Number(other[1]), Number(other[2]), Number(other[3])];
  else if (other) [mo, d, y] = [Number(other[1]), Number(other[2]), Number(other[3])];
  else return err(`"${text}" is not a date`);
  if (mo < 1 || mo > 12 || d < 1 || d > dates.daysInMonth(y, mo))
    return err(`"${text}" is not a date`);
  return ok(dates.fromParts(y, mo, d));
}

const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?\s*(?:([AaPp])\.?\s*[Mm]\.?)?$/;

/** "14:05", "14:05:33", "2:05 PM", "10:23:52 AM", "12:00 AM" (midnight) → ms since midnight. */
export function parseTime(text: string): Result<number, string> {
  const m = TIME_RE.exec(text.trim());
  if (!m) return err(`"${text}" is not a time of day`);
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = Number(m[3] ?? 0);
  const ms = Number((m[4] ?? '').padEnd(3, '0'));
  const meridiem = m[5]?.toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return err(`"${text}" is not a time of day`);
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return err(`"${text}" is not a time of day`);
  return ok(((hour * 60 + minute) * 60 + second) * 1000 + ms);
}

/** "186:56:34" or "1:05" (hours may pass 24) → seconds. */
export function parseClockDuration(text: string): Result<number, string> {
  const m = /^(\d+):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59)
    return err(`"${text}" is not a duration (H:MM:SS)`);
  return ok(Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/**
 * The decimal separator of a file's numbers. "20,0" and "2.000,0" say comma; "1.5" and
 * "1,234.5" say point; "1,000" or "2.000" alone say nothing. Most votes win, point by default.
 */
export function detectDecimalSeparator(values: Iterable<string>): '.' | ',' {
  let comma = 0;
  let point = 0;
  for (const value of values) {
    const v = value.trim().replace(/[^\d.,]/g, '');
    const lastComma = v.lastIndexOf(',');
    const lastPoint = v.lastIndexOf('.');
    if (lastComma >= 0 && lastPoint >= 0) {
      if (lastComma > lastPoint) comma++;
      else point++;
    } else if (lastComma >= 0) {
      if (!/^\d{1,3}(,\d{3})+$/.test(v)) comma++;
    } else if (lastPoint >= 0) {
      if (!/^\d{1,3}(\.\d{3})+$/.test(v)) point++;
    }
  }
  return comma > point ? ',' : '.';
}

/** Exact decimal hours ("20,0", "0.25", "1.234,5") → seconds, half-up; no float on the way. */
export function parseDecimalHours(text: string, separator: '.' | ','): Result<number, string> {
  const thousands = separator === '.' ? ',' : '.';
  const v = text.trim().split(thousands).join('');
  const parts = v.split(separator);
  const whole = parts[0] ?? '';
  const frac = parts[1] ?? '';
  if (parts.length > 2 || !/^\d*$/.test(whole) || !/^\d*$/.test(frac) || whole + frac === '')
    return err(`"${text}" is not a number of hours`);
  if (whole.length + frac.length > 15) return err(`"${text}" has too many digits`);
  const numerator = Number(whole + frac) * 3600;
  return ok(money.roundDiv(numerator, 10 ** frac.length, 'half-up'));
}

/** A rate or an amount in a currency, with the file's decimal separator; empty is undefined. */
export function parseAmount(
  text: string,
  currency: string,
  separator: '.' | ',',
): Result<number | undefined, string> {
  if (text.trim() === '') return ok(undefined);
  return money.parseDecimal(text, currency, { decimalSeparator: separator });
}

/** "Yes"/"No" and their kin; empty is undefined (the default applies). */
export function parseYesNo(text: string): Result<boolean | undefined, string> {
  const v = text.trim().toLowerCase();
  if (v === '') return ok(undefined);
  if (['yes', 'y', 'true', '1', 'billable'].includes(v)) return ok(true);
  if (['no', 'n', 'false', '0', 'non-billable', 'not billable'].includes(v)) return ok(false);
  return err(`"${text}" is not yes or no`);
}

/** "Development, Backend" → ["Development", "Backend"]. */
export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== ''),
    ),
  ];
}

/** "Amount (USD)" → "USD"; "Amount ()" → undefined. */
export function currencyInHeader(header: string): string | undefined {
  const code = /\(([A-Za-z]{3})\)\s*$/.exec(header)?.[1]?.toUpperCase();
  return code && money.isCurrency(code) ? code : undefined;
}

/** "Euro - EUR", "EUR", "US Dollar - USD" → the ISO code. */
export function currencyInText(text: string): string | undefined {
  const code = /(?:^|[\s\-–(])([A-Z]{3})\)?\s*$/.exec(text.trim())?.[1];
  return code && money.isCurrency(code) ? code : undefined;
}

/** The instant of a wall-clock time in the user's zone (a time skipped by DST moves forward). */
export function localInstant(date: dates.CalendarDate, msOfDay: number, zone: string): number {
  return dates.instantAt(date, msOfDay, zone);
}
