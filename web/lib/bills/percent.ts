// Percentages as people type them ("19.99", "19,99 %") and basis points as records keep them
// (1999): exact, no floats.
import { err, ok, type Result } from '@tally/model/result';

/** Basis points from a percentage with at most two decimals; 10,000 % at most. */
export function parsePercent(text: string): Result<number, string> {
  const s = text.trim().replace(/\s*%$/, '');
  const m = /^(\d{1,5})(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) {
    return err(
      /^-/.test(s)
        ? 'A rate cannot be negative.'
        : `"${text.trim()}" is not a percentage: type it like 19.99 (two decimals at most).`,
    );
  }
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp > 1_000_000 ? err('That rate is above 10,000 %.') : ok(bp);
}

/** 1999 → "19.99", 2000 → "20", 1950 → "19.5". */
export function formatPercent(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const frac = String(Math.abs(basisPoints % 100))
    .padStart(2, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}
