// Hours as people bill them: decimal, two places, in the user's locale (5400 s → "1.50").
import type { Formatting } from '../app/format.ts';

export function decimalHours(f: Formatting, seconds: number): string {
  return new Intl.NumberFormat(f.locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(Math.round(seconds / 36) / 100);
}
