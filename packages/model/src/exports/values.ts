// The typed cell values of an export, before they become CSV text or spreadsheet cells. Keeping
// the type (a calendar date, an instant, money with its currency) until the last step lets each
// format write it the way that format means it: CSV as ISO text and decimal strings, a workbook
// as real dates and numbers.
import * as money from '../money.ts';
import { formatDuration } from '../time/durations.ts';
import { clockFor } from './clock.ts';

export type Value =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  /** A fixed-point number: basis points are `{ units: 1999, scale: 2 }` = 19.99. */
  | { kind: 'decimal'; units: number; scale: number }
  | { kind: 'boolean'; value: boolean }
  /** 'YYYY-MM-DD': a calendar date, no time zone. */
  | { kind: 'date'; date: string }
  /** 'YYYY-MM'. */
  | { kind: 'month'; month: string }
  /** Epoch ms; written in the user's time zone. */
  | { kind: 'instant'; at: number }
  /** A wall-clock time of day, ms since local midnight. */
  | { kind: 'time'; ms: number }
  | { kind: 'duration'; seconds: number }
  | { kind: 'money'; minor: number; currency: string }
  | undefined;

export const text = (t: string | undefined): Value =>
  t === undefined ? undefined : { kind: 'text', text: t };
export const number = (n: number | undefined): Value =>
  n === undefined ? undefined : { kind: 'number', value: n };
export const boolean = (b: boolean | undefined): Value =>
  b === undefined ? undefined : { kind: 'boolean', value: b };
export const date = (d: string | undefined): Value =>
  d === undefined ? undefined : { kind: 'date', date: d };
export const month = (m: string | undefined): Value =>
  m === undefined ? undefined : { kind: 'month', month: m };
export const instant = (at: number | undefined): Value =>
  at === undefined ? undefined : { kind: 'instant', at };
export const duration = (seconds: number | undefined): Value =>
  seconds === undefined ? undefined : { kind: 'duration', seconds };
export const moneyValue = (minor: number | undefined, currency: string | undefined): Value =>
  minor === undefined || currency === undefined ? undefined : { kind: 'money', minor, currency };
export const decimal = (units: number | undefined, scale: number): Value =>
  units === undefined ? undefined : { kind: 'decimal', units, scale };

/** Fixed-point units as a decimal string without float arithmetic: (1999, 2) → "19.99". */
export function decimalString(units: number, scale: number): string {
  if (scale <= 0) return String(units);
  const sign = units < 0 ? '-' : '';
  const digits = String(Math.abs(units)).padStart(scale + 1, '0');
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** "14:05:09" from ms since midnight. */
export function clockText(ms: number): string {
  const s = Math.floor(ms / 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/**
 * A value as text, the way a CSV file (or a person) reads it: ISO 8601 dates and instants (with
 * the zone's offset), decimal strings for money and fixed-point numbers, `true`/`false`.
 */
export function toText(value: Value, zone: string): string {
  if (value === undefined) return '';
  switch (value.kind) {
    case 'text':
      return value.text;
    case 'number':
      return Number.isFinite(value.value) ? String(value.value) : '';
    case 'decimal':
      return decimalString(value.units, value.scale);
    case 'boolean':
      return value.value ? 'true' : 'false';
    case 'date':
      return value.date;
    case 'month':
      return value.month;
    case 'instant':
      return clockFor(zone).iso(value.at);
    case 'time':
      return clockText(value.ms);
    case 'duration':
      return formatDuration(value.seconds);
    case 'money':
      return money.toDecimalString(value.minor, value.currency);
  }
}

/** A field of unknown shape (one a newer app version added): its natural value. */
export function generic(raw: unknown): Value {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') return text(raw);
  if (typeof raw === 'number') return number(raw);
  if (typeof raw === 'boolean') return boolean(raw);
  if (Array.isArray(raw) && raw.every((x) => ['string', 'number', 'boolean'].includes(typeof x)))
    return text(raw.map(String).join('; '));
  return text(JSON.stringify(raw));
}
