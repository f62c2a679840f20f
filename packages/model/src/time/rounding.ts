// Rounding of worked time for billing. As in TimeTracker, the *duration* of each entry is
// rounded (never its start or end), the stored entry keeps its exact times, and reports and
// invoices apply the rounding when they read. Per entry, not per group: a day of eight
// 7-minute calls rounded up to 15 minutes bills 2 h, which is what a client sees on each entry.
// An interval of 1 minute means "exact", as in TimeTracker.
import type { Settings } from '../collections.ts';
import * as money from '../money.ts';

export type Method = 'nearest' | 'up' | 'down';
export const intervals = [1, 5, 10, 15, 30, 60] as const;
export const methods = ['nearest', 'up', 'down'] as const satisfies readonly Method[];

export interface Rounding {
  minutes: number;
  method: Method;
}

export const EXACT: Rounding = { minutes: 1, method: 'nearest' };

export function fromSettings(
  settings: Pick<Settings, 'roundingMinutes' | 'roundingMethod'>,
): Rounding {
  return { minutes: settings.roundingMinutes, method: settings.roundingMethod };
}

export function isExact(rounding: Rounding): boolean {
  return rounding.minutes <= 1;
}

/**
 * Rounds whole seconds to the interval. `nearest` takes an exact half up (7:30 of a 15-minute
 * interval becomes 15:00), as invoices expect; TimeTracker's Python `round` would go to even.
 */
export function roundSeconds(seconds: number, rounding: Rounding): number {
  if (isExact(rounding)) return seconds;
  const step = rounding.minutes * 60;
  const mode: money.Rounding = rounding.method === 'nearest' ? 'half-up' : rounding.method;
  return money.roundDiv(seconds, step, mode) * step;
}
