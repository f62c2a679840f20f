// Numbers, money, dates and durations for display, with Intl in the user's locale, currency and
// time zone (from settings, else the device's).
import { dates, money, type Settings } from '@tally/model';
import { deviceLocale, deviceTimeZone } from './system.ts';

// Building an Intl formatter costs far more than using one (≈ 0.3 ms each here; a list of 140
// time entries built 280 and spent most of its first render in them), so each distinct
// (locale, options) gets one formatter, kept for the page's life.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

export function dateTimeFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) dateTimeFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

export interface Formatting {
  locale: string;
  timeZone: string;
  currency: string;
}

export function formatting(settings: Settings | undefined): Formatting {
  return {
    locale: settings?.locale ?? deviceLocale(),
    timeZone: settings?.timeZone ?? deviceTimeZone(),
    currency: settings?.currency ?? 'USD',
  };
}

export function formatMoney(f: Formatting, minor: number, currency = f.currency): string {
  return money.format(minor, currency, f.locale);
}

export function formatNumber(f: Formatting, value: number, maximumFractionDigits = 1): string {
  return numberFormat(f.locale, { maximumFractionDigits }).format(value);
}

/** A calendar date ('YYYY-MM-DD'), which has no time zone. */
export function formatDate(
  f: Formatting,
  date: string,
  style: 'short' | 'medium' | 'long' = 'medium',
): string {
  const { year, month, day } = dates.parts(date);
  return dateTimeFormat(f.locale, { dateStyle: style, timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, day),
  );
}

export function formatMonth(f: Formatting, month: string): string {
  const { year, month: m } = dates.monthParts(month);
  return dateTimeFormat(f.locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(Date.UTC(year, m - 1, 1));
}

export function formatWeekday(
  f: Formatting,
  date: string,
  style: 'short' | 'long' = 'short',
): string {
  const { year, month, day } = dates.parts(date);
  return dateTimeFormat(f.locale, { weekday: style, timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, day),
  );
}

/** An instant, in the user's time zone. */
export function formatDateTime(f: Formatting, instant: number): string {
  return dateTimeFormat(f.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: f.timeZone,
  }).format(instant);
}

export function formatTime(f: Formatting, instant: number): string {
  return dateTimeFormat(f.locale, { timeStyle: 'short', timeZone: f.timeZone }).format(instant);
}

/** 3725 → "1:02:05"; 125 → "0:02:05". */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** 5400 → "1 h 30 min" in the user's locale. */
export function formatDuration(f: Formatting, seconds: number): string {
  const total = Math.round(seconds / 60);
  const h = Math.floor(total / 60);
  const m = total % 60;
  const unit = (value: number, u: 'hour' | 'minute'): string =>
    numberFormat(f.locale, { style: 'unit', unit: u, unitDisplay: 'narrow' }).format(value);
  if (h === 0) return unit(m, 'minute');
  return m === 0 ? unit(h, 'hour') : `${unit(h, 'hour')} ${unit(m, 'minute')}`;
}

export function formatBytes(f: Formatting, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return numberFormat(f.locale, {
    style: 'unit',
    unit: units[i],
    maximumFractionDigits: 1,
  }).format(value);
}

/** Today's calendar date in the user's zone. */
export function today(f: Formatting, now: number): string {
  return dates.localDate(now, f.timeZone);
}
