// What people type into the time screens: durations ("1:30", "1.5", "1,5 h", "90m", "2h 15m"),
// clock times ("9:05", "14:30", "2:30 pm"), hourly rates and percentages. Each parser returns a
// sentence that says what was wrong.
import { dates, err, money, ok, type Result } from '@tally/model';

const MAX_SECONDS = 10_000 * 3600;

/**
 * Seconds from a duration: "1:30" and "1:30:15" are hours:minutes(:seconds); a bare number is
 * hours ("1.5", "1,5"); units may be written ("90m", "2h 15m", "1.5 h", "45 min").
 */
export function parseDuration(text: string): Result<number, string> {
  const t = text.trim().toLowerCase();
  if (t === '') return ok(0);
  const clock = /^(\d+):(\d{1,2})(?::(\d{1,2}))?$/.exec(t);
  if (clock) {
    const [h, m, s] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
    if (m > 59 || s > 59)
      return err(`“${text}” is not a duration: minutes and seconds go up to 59.`);
    return checked(h * 3600 + m * 60 + s, text);
  }
  const units =
    /^(?:(\d+(?:[.,]\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+(?:[.,]\d+)?)\s*m(?:in(?:utes?)?)?)?$/.exec(
      t,
    );
  if (units && (units[1] !== undefined || units[2] !== undefined)) {
    const hours = units[1] === undefined ? 0 : Number(units[1].replace(',', '.'));
    const minutes = units[2] === undefined ? 0 : Number(units[2].replace(',', '.'));
    return checked(Math.round(hours * 3600 + minutes * 60), text);
  }
  if (/^\d+(?:[.,]\d+)?$/.test(t))
    return checked(Math.round(Number(t.replace(',', '.')) * 3600), text);
  return err(`“${text}” is not a duration. Write hours and minutes like 1:30, or hours like 1.5.`);
}

function checked(seconds: number, text: string): Result<number, string> {
  if (!Number.isFinite(seconds) || seconds > MAX_SECONDS)
    return err(`“${text}” is too long for a duration.`);
  return ok(seconds);
}

/** 5400 → "1:30", 5404 → "1:30:04": hours and minutes, and seconds only when there are some. */
export function durationInput(seconds: number): string {
  const s = Math.floor(Math.max(0, seconds));
  const minutes = Math.floor(s / 60);
  const hm = `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
  return s % 60 === 0 ? hm : `${hm}:${String(s % 60).padStart(2, '0')}`;
}

/** Milliseconds since midnight from "9:05", "09:05:30", "2:30 pm", "1430". */
export function parseClock(text: string): Result<number, string> {
  const t = text.trim().toLowerCase().replace(/\s+/g, '');
  const m = /^(\d{1,2})(?::?(\d{2}))?(?::(\d{2}))?(am|pm|a|p)?$/.exec(t);
  if (!m) return err(`“${text}” is not a time of day. Write it like 09:30 or 14:05.`);
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  const second = Number(m[3] ?? 0);
  const half = m[4]?.[0];
  if (half !== undefined) {
    if (hour < 1 || hour > 12) return err(`“${text}” is not a time of day.`);
    hour = (hour % 12) + (half === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return err(`“${text}” is not a time of day.`);
  return ok(((hour * 60 + minute) * 60 + second) * 1000);
}

/** "HH:MM" of an instant in a zone, for time inputs. */
export function clockInput(instant: number, zone: string): string {
  const p = dates.zonedParts(instant, zone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/**
 * The instants of a span typed as a day and two clock times. An end at or before the start is
 * on the next day (a night shift: 22:00–02:00).
 */
export function parseSpan(
  date: string,
  startText: string,
  endText: string,
  zone: string,
): Result<{ start: number; end: number }, string> {
  if (!dates.isCalendarDate(date)) return err(`“${date}” is not a date.`);
  const start = parseClock(startText);
  if (!start.ok) return start;
  const end = parseClock(endText);
  if (!end.ok) return end;
  const startAt = dates.instantAt(date, start.value, zone);
  const endDate = end.value <= start.value ? dates.addDays(date, 1) : date;
  return ok({ start: startAt, end: dates.instantAt(endDate, end.value, zone) });
}

/** The same wall-clock day as `reference`, at a typed clock time (for editing one end of an entry). */
export function atClock(reference: number, text: string, zone: string): Result<number, string> {
  const ms = parseClock(text);
  if (!ms.ok) return ms;
  return ok(dates.instantAt(dates.localDate(reference, zone), ms.value, zone));
}

/** An hourly rate or amount typed as a decimal; empty means none. */
export function parseAmount(text: string, currency: string): Result<number | undefined, string> {
  if (text.trim() === '') return ok(undefined);
  const r = money.parseDecimal(text, currency);
  if (!r.ok) return err(`${capitalise(r.error)}.`);
  if (r.value < 0) return err(`“${text}” is negative; an amount here cannot be.`);
  return ok(r.value);
}

/** Minor units as the decimal people type ("12.50"); empty for none. */
export function amountInput(minor: number | undefined, currency: string): string {
  return minor === undefined ? '' : money.toDecimalString(minor, currency);
}

/** "19", "19.5", "7,7" % → basis points (1900, 1950, 770). */
export function parsePercent(text: string): Result<number, string> {
  const t = text.trim().replace('%', '').trim().replace(',', '.');
  if (t === '') return ok(0);
  if (!/^\d+(?:\.\d{1,2})?$/.test(t))
    return err(`“${text}” is not a percentage. Write it like 19 or 7.5 (up to two decimals).`);
  const [whole = '0', frac = ''] = t.split('.');
  const bp = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  if (bp > 1_000_000) return err(`“${text}” is too large for a percentage.`);
  return ok(bp);
}

/** Basis points as a percentage people type: 1950 → "19.5". */
export function percentInput(basisPoints: number): string {
  const whole = Math.floor(basisPoints / 100);
  const frac = String(basisPoints % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

/** Tags typed as "a, b,  c" → ['a', 'b', 'c'], without blanks or repeats. */
export function parseTags(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim().slice(0, 100);
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
