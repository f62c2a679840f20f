// Scales for the small SVG charts: round tick values around the data (zero always shown, so a
// balance that crosses it is plain to see) and the path of a line through the points.
import * as money from '@tally/model/money';

export interface Scale {
  min: number;
  max: number;
  ticks: number[];
}

/** 1, 2 or 5 times a power of ten, at least `rough`. */
function niceStep(rough: number): number {
  if (rough <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

/** A scale over the values and zero with about `count` round ticks. */
export function niceScale(values: readonly number[], count = 5): Scale {
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  if (lo === hi) return { min: 0, max: 1, ticks: [0] };
  const step = Math.max(1, niceStep((hi - lo) / Math.max(1, count - 1)));
  const min = Math.floor(lo / step) * step;
  const max = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let t = min; t <= max; t += step) ticks.push(t);
  return { min, max, ticks };
}

/** Maps `value` in [min, max] onto [from, to] (to < from for an upward y axis). */
export function project(value: number, scale: Scale, from: number, to: number): number {
  return from + ((value - scale.min) / (scale.max - scale.min)) * (to - from);
}

/** An SVG path through the points, rounded to a tenth of a pixel. */
export function linePath(points: readonly { x: number; y: number }[]): string {
  return points
    .map(
      (p, i) => `${i === 0 ? 'M' : 'L'}${Math.round(p.x * 10) / 10},${Math.round(p.y * 10) / 10}`,
    )
    .join(' ');
}

/** Money for an axis: "$1.2K", "-€300". */
export function compactMoney(minor: number, currency: string, locale?: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(minor / 10 ** money.minorDigits(currency));
}
