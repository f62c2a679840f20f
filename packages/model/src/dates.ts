// Calendar dates (a bill's due date) are `YYYY-MM-DD` strings with no time zone; months are
// `YYYY-MM`; instants (a timer's start) are UTC epoch milliseconds. Converting between the two
// needs the user's IANA time zone, read through Intl, so DST days come out 23 or 25 hours long.

export type CalendarDate = string;
export type MonthKey = string;
export type Instant = number;

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

export function isMonthKey(value: string): boolean {
  const m = MONTH_RE.exec(value);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

export function parts(date: CalendarDate): DateParts {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  return {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
  };
}

export function fromParts(year: number, month: number, day: number): CalendarDate {
  const date = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${year}-${month}-${day}`);
  return date;
}

/** Days since 1970-01-01. */
export function toDayNumber(date: CalendarDate): number {
  const { year, month, day } = parts(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function fromDayNumber(dayNumber: number): CalendarDate {
  const d = new Date(dayNumber * DAY_MS);
  return fromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function diffDays(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function compare(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: CalendarDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** The first day of the week containing `date`, for a week that starts on `weekStart` (0 = Sunday). */
export function startOfWeek(date: CalendarDate, weekStart: number): CalendarDate {
  return addDays(date, -((dayOfWeek(date) - weekStart + 7) % 7));
}

export function monthOf(date: CalendarDate): MonthKey {
  return date.slice(0, 7);
}

export function monthParts(month: MonthKey): { year: number; month: number } {
  const m = MONTH_RE.exec(month);
  if (!m || !isMonthKey(month)) throw new RangeError(`not a month: ${month}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

export function addMonthsToMonth(month: MonthKey, months: number): MonthKey {
  const p = monthParts(month);
  const index = p.year * 12 + (p.month - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${pad2((index % 12) + 1)}`;
}

/** `day` of `month`, clamped to the month's last day: day 31 of 2025-02 is 2025-02-28. */
export function dayOfMonth(month: MonthKey, day: number): CalendarDate {
  const p = monthParts(month);
  return fromParts(p.year, p.month, Math.min(Math.max(day, 1), daysInMonth(p.year, p.month)));
}

export function firstOfMonth(month: MonthKey): CalendarDate {
  return dayOfMonth(month, 1);
}

export function lastOfMonth(month: MonthKey): CalendarDate {
  return dayOfMonth(month, 31);
}

/** Same day `months` later, clamped to month end: Jan 31 + 1 month = Feb 28 (29 in leap years). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  return dayOfMonth(addMonthsToMonth(monthOf(date), months), parts(date).day);
}

/** Months from `from` to `to` as whole calendar months (2025-01 → 2025-03 is 2). */
export function diffMonths(from: MonthKey, to: MonthKey): number {
  const a = monthParts(from);
  const b = monthParts(to);
  return (b.year - a.year) * 12 + (b.month - a.month);
}

// ---- Instants and time zones ----

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

export interface ZonedParts {
  date: CalendarDate;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** The zone's offset at an instant, read from Intl (slow: formatToParts costs microseconds). */
function intlOffsetMs(instant: Instant, zone: string): number {
  const values: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') values[p.type] = Number(p.value);
  }
  const date = fromParts(values.year ?? 1970, values.month ?? 1, values.day ?? 1);
  const wall =
    toDayNumber(date) * DAY_MS +
    (((values.hour ?? 0) * 60 + (values.minute ?? 0)) * 60 + (values.second ?? 0)) * 1000;
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

// Views ask for the zone offset thousands of times (every entry of a list, every day boundary of
// a report). Offsets change only at transitions, which fall on whole quarter hours of UTC in
// every zone since standard time, so one answer serves a whole quarter hour: cached when the
// offset is the same at both ends of it, computed exactly otherwise (old local mean times).
const QUARTER_HOUR_MS = 900_000;
const offsetCache = new Map<string, number>();

/** The zone's offset from UTC at an instant, in ms (New York in winter: −5 h). */
export function offsetMs(instant: Instant, zone: string): number {
  const start = Math.floor(instant / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const key = `${zone} ${start}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const offset = intlOffsetMs(start, zone);
  if (intlOffsetMs(start + QUARTER_HOUR_MS - 1000, zone) !== offset) {
    return intlOffsetMs(instant, zone);
  }
  if (offsetCache.size >= 50_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** The wall-clock date and time of an instant in a zone. */
export function zonedParts(instant: Instant, zone: string): ZonedParts {
  const wall = instant + offsetMs(instant, zone);
  const day = Math.floor(wall / DAY_MS);
  const msOfDay = wall - day * DAY_MS;
  return {
    date: fromDayNumber(day),
    hour: Math.floor(msOfDay / 3_600_000),
    minute: Math.floor(msOfDay / 60_000) % 60,
    second: Math.floor(msOfDay / 1000) % 60,
    millisecond: msOfDay % 1000,
  };
}

export function localDate(instant: Instant, zone: string): CalendarDate {
  return zonedParts(instant, zone).date;
}

/**
 * The instant a wall-clock time happens in a zone. A time that occurs twice (clocks going back)
 * gives the earlier instant; a time skipped by clocks going forward is moved forward by the gap —
 * the "compatible" rule calendars and Temporal use.
 */
export function instantAt(date: CalendarDate, msOfDay: number, zone: string): Instant {
  const wall = toDayNumber(date) * DAY_MS + msOfDay;
  const before = offsetMs(wall - DAY_MS, zone);
  const after = offsetMs(wall + DAY_MS, zone);
  const valid = [before, after].filter((o) => offsetMs(wall - o, zone) === o);
  if (valid.length > 0) return wall - Math.max(...valid);
  return wall - before;
}

export function startOfDay(date: CalendarDate, zone: string): Instant {
  return instantAt(date, 0, zone);
}

/** 24 h, or 23/25 h on the days clocks change. */
export function dayLengthMs(date: CalendarDate, zone: string): number {
  return startOfDay(addDays(date, 1), zone) - startOfDay(date, zone);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
