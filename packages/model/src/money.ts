// Money is an integer count of a currency's minor units (cents) plus its ISO 4217 code. Never a
// float: every operation here stays in safe integers and rounds explicitly.
import { err, ok, type Result } from './result.ts';

export interface Money {
  minor: number;
  currency: string;
}

export type Rounding = 'half-up' | 'half-even' | 'up' | 'down';

// ISO 4217 currencies whose minor unit is not 1/100.
const MINOR_DIGITS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code);
}

/** Digits after the decimal point for a currency: 2 for USD, 0 for JPY, 3 for KWD. */
export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

export function money(minor: number, currency: string): Money {
  assertMinor(minor);
  return { minor, currency };
}

export function assertMinor(minor: number): void {
  if (!Number.isSafeInteger(minor))
    throw new RangeError(`not a whole number of minor units: ${minor}`);
}

/**
 * Integer division with an explicit rounding rule, exact for any safe integers. `half-up` rounds
 * halves away from zero (what invoices and banks expect); `up`/`down` are away from / toward zero.
 */
export function roundDiv(numerator: number, denominator: number, rounding: Rounding): number {
  return Number(divide(BigInt(numerator), BigInt(denominator), rounding));
}

/** `minor × numerator / denominator`, rounded; for rates, ratios and shares. */
export function multiplyRatio(
  minor: number,
  numerator: number,
  denominator: number,
  rounding: Rounding = 'half-up',
): number {
  // In BigInt: the product may exceed 2^53 before the division brings it back.
  return Number(divide(BigInt(minor) * BigInt(numerator), BigInt(denominator), rounding));
}

function divide(n: bigint, d: bigint, rounding: Rounding): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  let q = an / ad;
  const twice = (an % ad) * 2n;
  if (twice !== 0n) {
    const away =
      rounding === 'up' ||
      (rounding === 'half-up' && twice >= ad) ||
      (rounding === 'half-even' && (twice > ad || (twice === ad && q % 2n === 1n)));
    if (away) q += 1n;
  }
  return negative ? -q : q;
}

/** The amount earned over `seconds` at `minorPerHour`, rounded half-up to the minor unit. */
export function amountForDuration(minorPerHour: number, seconds: number): number {
  return multiplyRatio(minorPerHour, seconds, 3600, 'half-up');
}

/** A percentage in basis points (1 % = 100 bp) of an amount, e.g. tax at 1950 bp = 19.5 %. */
export function percentOf(
  minor: number,
  basisPoints: number,
  rounding: Rounding = 'half-up',
): number {
  return multiplyRatio(minor, basisPoints, 10_000, rounding);
}

export function sum(amounts: readonly number[]): number {
  let total = 0;
  for (const a of amounts) total += a;
  assertMinor(total);
  return total;
}

/**
 * Splits an amount into shares proportional to whole-number `weights` that add up exactly to the
 * amount (largest remainder first), e.g. 100 over [1, 1, 1] → [34, 33, 33].
 */
export function allocate(minor: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, w) => a + w, 0);
  if (
    weights.length === 0 ||
    total <= 0 ||
    !weights.every((w) => Number.isSafeInteger(w) && w >= 0)
  ) {
    throw new RangeError('weights must be whole numbers ≥ 0 adding up to more than 0');
  }
  const sign = minor < 0 ? -1n : 1n;
  const abs = BigInt(Math.abs(minor));
  const shares = weights.map((w) => (abs * BigInt(w)) / BigInt(total));
  const remainders = weights.map((w, i) => ({ i, r: (abs * BigInt(w)) % BigInt(total) }));
  let rest = abs - shares.reduce((a, s) => a + s, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (rest === 0n) break;
    shares[i] = (shares[i] ?? 0n) + 1n;
    rest -= 1n;
  }
  return shares.map((s) => Number(s * sign));
}

/** `1234, 'USD'` → `"12.34"`; `-5, 'USD'` → `"-0.05"`; `1200, 'JPY'` → `"1200"`. */
export function toDecimalString(minor: number, currency: string): string {
  assertMinor(minor);
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = abs.slice(0, abs.length - digits);
  const frac = abs.slice(abs.length - digits);
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${frac}` : ''}`;
}

export interface ParseOptions {
  /** The decimal separator, when the source says which; otherwise it is inferred. */
  decimalSeparator?: '.' | ',';
}

/**
 * Reads a decimal amount as written in statements and exports: "1,234.56", "1.234,56", "-12",
 * "(320.00)" (negative), "+5", "12,5" (decimal comma), "€ 3.50". Returns minor units, or an error
 * naming what could not be read; more fraction digits than the currency has is an error, not a
 * silent rounding.
 */
export function parseDecimal(
  text: string,
  currency: string,
  options: ParseOptions = {},
): Result<number> {
  let s = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  // One sign, before or after a leading currency symbol ("-$7", "$-7"); a symbol or code may
  // also trail ("3,50 €").
  const m = /^([+-]?)([^\d+\-.,]*)([+-]?)([\d.,]*\d[\d.,]*)([^\d+\-.,]*)$/.exec(s);
  if (!m || (m[1] && m[3])) return err(`not an amount: "${text}"`);
  if ((m[1] || m[3]) === '-') negative = !negative;
  s = m[4] ?? '';

  const sep = options.decimalSeparator ?? inferDecimalSeparator(s);
  const thousands = sep === '.' ? ',' : '.';
  const parts = s.split(sep);
  if (parts.length > 2) return err(`not an amount: "${text}"`);
  const whole = (parts[0] ?? '').split(thousands).join('');
  const frac = parts[1] ?? '';
  if (!/^\d*$/.test(whole) || !/^\d*$/.test(frac)) return err(`not an amount: "${text}"`);
  const digits = minorDigits(currency);
  const significant = frac.replace(/0+$/, '');
  if (significant.length > digits) {
    return err(`"${text}" has more decimal places than ${currency} allows (${digits})`);
  }
  const minor = Number((whole || '0') + frac.padEnd(digits, '0').slice(0, digits));
  if (!Number.isSafeInteger(minor)) return err(`amount too large: "${text}"`);
  return ok(negative && minor !== 0 ? -minor : minor);
}

function inferDecimalSeparator(s: string): '.' | ',' {
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? '.' : ',';
  if (lastComma >= 0) {
    // "1,234" reads as thousands; "12,5" and "0,01" as decimals.
    const after = s.length - lastComma - 1;
    const groups = s.split(',');
    const looksGrouped =
      after === 3 &&
      groups.length >= 2 &&
      groups.every((g, i) => (i === 0 ? g.length <= 3 && g.length > 0 : g.length === 3)) &&
      groups[0] !== '0';
    return looksGrouped ? '.' : ',';
  }
  if (lastDot >= 0 && s.split('.').length > 2) return ','; // "1.234.567"
  return '.';
}

// One formatter per (locale, currency): building one costs far more than using it.
const currencyFormats = new Map<string, Intl.NumberFormat>();

/** Formats for display with the user's locale. */
export function format(minor: number, currency: string, locale?: string): string {
  const digits = minorDigits(currency);
  const key = `${locale ?? ''}|${currency}`;
  let formatter = currencyFormats.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    currencyFormats.set(key, formatter);
  }
  return formatter.format(minor / 10 ** digits);
}
