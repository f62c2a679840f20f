// Amounts as statements write them, on top of money.parseDecimal: a decimal comma or point
// decided once for a whole column (so "1,234" means the same on every row), a trailing minus
// ("12,50-", German banks) and DR/CR suffixes.
import * as money from '../money.ts';
import { err, type Result } from '../result.ts';

export type DecimalSeparator = '.' | ',';

const CURRENCY_MARK =
  /^(?:\p{Sc}{1,2}|[A-Z]{3}|[A-Z]{2}\$|kr|Kr|Ft|zł|Kč|лв|Lei|lei|Fr\.?|CHF\.?)$/u;

export interface SeparatorGuess {
  separator: DecimalSeparator;
  /** No value showed which separator it uses ("100", "1,234"): the guess is the fallback. */
  ambiguous: boolean;
}

/**
 * Decides the decimal separator of a column from values that can only be read one way:
 * "12,50" and "1.234,5" use a comma, "12.50" and "1,234.5" a point. Values such as "100" or
 * "1,234" say nothing; when nothing does, `fallback` is used and reported as a guess.
 */
export function detectDecimalSeparator(
  values: readonly string[],
  fallback: DecimalSeparator = '.',
): SeparatorGuess {
  let comma = 0;
  let point = 0;
  for (const raw of values) {
    const v = raw.replace(/[^\d.,]/g, '');
    if (/\.\d{3},\d*$/.test(v) || /,\d{1,2}$/.test(v)) comma++;
    else if (/,\d{3}\.\d*$/.test(v) || /\.\d{1,2}$/.test(v)) point++;
  }
  if (comma === point) return { separator: fallback, ambiguous: true };
  return { separator: comma > point ? ',' : '.', ambiguous: false };
}

/** Reads an amount in minor units of `currency`; negative means money out. */
export function parseAmount(
  text: string,
  currency: string,
  separator?: DecimalSeparator,
): Result<number> {
  let s = text.trim();
  let negate = false;
  const drcr = /^(.*?)\s*(?<![A-Za-z])(DR|CR)\.?$/i.exec(s);
  if (drcr) {
    s = drcr[1] ?? '';
    negate = drcr[2]?.toUpperCase() === 'DR';
    if (/^[-(]/.test(s.trim())) return err(`not an amount: "${text}" (both a sign and ${drcr[2]})`);
  }
  const trailingMinus = /^([^-+]*\d)\s*-$/.exec(s);
  if (trailingMinus) s = `-${trailingMinus[1] ?? ''}`;
  if (s === '') return err('the amount is empty');
  // money.parseDecimal ignores any symbol around the number; here only currency marks may be
  // there, so a payee such as "Shop 12" is not read as 12.
  const residue = s.replace(/[\d.,+\-()'\s\u00a0\u202f]/g, '');
  if (residue !== '' && !CURRENCY_MARK.test(residue)) return err(`not an amount: "${text.trim()}"`);
  const parsed = money.parseDecimal(s, currency, separator ? { decimalSeparator: separator } : {});
  if (!parsed.ok) return err(parsed.error.replace(`"${s}"`, `"${text.trim()}"`));
  return negate ? { ok: true, value: parsed.value === 0 ? 0 : -Math.abs(parsed.value) } : parsed;
}
