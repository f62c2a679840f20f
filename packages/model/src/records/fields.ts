// Field schemas shared by every record type. Keep them small and strict: a record that a newer or
// broken app wrote in a shape we cannot read is set aside with the reason, never guessed at.
import * as v from 'valibot';
import { isCalendarDate, isMonthKey, isTimeZone } from '../dates.ts';
import { isCurrency } from '../money.ts';
import { isId } from '../ids.ts';

export const id = v.pipe(v.string(), v.check(isId, 'not a record id'));
export const ref = id;

export const calendarDate = v.pipe(v.string(), v.check(isCalendarDate, 'not a date (YYYY-MM-DD)'));
export const monthKey = v.pipe(v.string(), v.check(isMonthKey, 'not a month (YYYY-MM)'));
export const timeZone = v.pipe(v.string(), v.check(isTimeZone, 'not an IANA time zone'));

/** UTC epoch milliseconds. */
export const instant = v.pipe(v.number(), v.integer(), v.minValue(0));
export const seconds = v.pipe(v.number(), v.integer(), v.minValue(0));

/** Whole minor units of a currency (cents); may be negative (refunds, credits). */
export const minor = v.pipe(v.number(), v.safeInteger());
export const nonNegativeMinor = v.pipe(minor, v.minValue(0));
export const currency = v.pipe(v.string(), v.check(isCurrency, 'not an ISO 4217 currency code'));

/** Basis points: 1 % = 100. An APR of 19.99 % is 1999. */
export const basisPoints = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000));

export const name = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'a name is required'),
  v.maxLength(200),
);
export const text = v.pipe(v.string(), v.maxLength(10_000));
export const shortText = v.pipe(v.string(), v.maxLength(500));
export const color = v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'not a colour (#rrggbb)'));
export const tags = v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)));
export const nonNegative = v.pipe(v.number(), v.minValue(0));
export const positiveInt = v.pipe(v.number(), v.integer(), v.minValue(1));
