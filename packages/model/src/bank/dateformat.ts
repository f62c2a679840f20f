// Dates as statements write them: ISO `2025-12-04`, dotted `2025.12.04` and `04.12.2025`, US
// `12/04/2025`, European `04/12/2025`, two-digit years `12/19/18`, Quicken's `1/23'19`, compact
// `20251204`, month names `04 Dec 2025` / `Dec 4, 2025`, each maybe followed by a time. Whether
// `04/05/2025` is April or May cannot be told from one value; it is decided over a whole column,
// and when even that cannot tell, the caller is told so it can ask the person.
import * as dates from '../dates.ts';
import { foldKey } from './text.ts';

export type DateOrder = 'ymd' | 'mdy' | 'dmy';
export const dateOrders: readonly DateOrder[] = ['ymd', 'mdy', 'dmy'];

export const dateOrderLabels: Record<DateOrder, string> = {
  ymd: 'year-month-day (2025-12-31)',
  mdy: 'month/day/year (12/31/2025)',
  dmy: 'day/month/year (31/12/2025)',
};

/** Two-digit years below this are 20xx, the rest 19xx (`18` → 2018, `85` → 1985). */
const TWO_DIGIT_PIVOT = 70;

const NUMERIC = /^(\d{1,4})([./-])(\d{1,2})(?:\2|')(\d{1,4})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const DAY_MONTH_NAME = /^(\d{1,2})[.\-/]?(\p{L}+)\.?[-/,]?(\d{4}|\d{2})$/u;
const MONTH_NAME_DAY = /^(\p{L}+)\.?[-/]?(\d{1,2}),?(\d{4})$/u;
const YEAR_MONTH_NAME = /^(\d{4})[.\-/](\p{L}+)\.?[.\-/](\d{1,2})$/u;

// Month names and abbreviations in English, German, French, Spanish, Italian, Dutch and
// Hungarian, by their accent-free lower-case prefix; January first.
const MONTH_NAMES = [
  'jan janv gen ene',
  'feb fev',
  'mar',
  'apr avr abr',
  'may mai mag maj mei',
  'jun juin giu',
  'jul juil lug',
  'aug aou ago',
  'sep set szept',
  'oct okt ott',
  'nov',
  'dec dez dic',
];
const MONTH_PREFIXES: readonly [string, number][] = MONTH_NAMES.flatMap((list, i) =>
  list.split(' ').map((prefix) => [prefix, i + 1] as [string, number]),
).sort((a, b) => b[0].length - a[0].length);

function monthFromName(name: string): number | undefined {
  const key = foldKey(name);
  if (key.length < 3) return undefined;
  for (const [prefix, month] of MONTH_PREFIXES) if (key.startsWith(prefix)) return month;
  return undefined;
}

function fullYear(text: string): number | undefined {
  if (text.length === 4) return Number(text);
  if (text.length === 2) {
    const yy = Number(text);
    return yy < TWO_DIGIT_PIVOT ? 2000 + yy : 1900 + yy;
  }
  return undefined;
}

function build(
  year: number | undefined,
  month: number,
  day: number,
): dates.CalendarDate | undefined {
  if (year === undefined || year < 1 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > dates.daysInMonth(year, month)) return undefined;
  return dates.fromParts(year, month, day);
}

/** The date part of a cell: drops a trailing time (`2025-12-04 10:11`, `…T10:11:00Z`). */
function datePart(text: string): string {
  const t = text.trim();
  const m = /^(.*?\d)(?:[T\s]+\d{1,2}:\d{2}.*|T\d{6}.*)$/.exec(t);
  return (m?.[1] ?? t).replace(/\s+/g, '');
}

/** Reads one date in the given order; undefined when the text is not a real date in it. */
export function parseDate(text: string, order: DateOrder): dates.CalendarDate | undefined {
  const s = datePart(text);
  if (s === '') return undefined;
  let m = NUMERIC.exec(s);
  if (m) {
    const [a, b, c] = [m[1] ?? '', m[3] ?? '', m[4] ?? ''];
    if (m[0].includes("'") && order !== 'ymd') {
      // Quicken writes 2000s years after an apostrophe: 1/23'19 is 2019.
      const year = c.length === 2 ? 2000 + Number(c) : fullYear(c);
      return order === 'mdy'
        ? build(year, Number(a), Number(b))
        : build(year, Number(b), Number(a));
    }
    if (order === 'ymd') {
      return a.length === 4 || a.length === 2
        ? build(fullYear(a), Number(b), Number(c))
        : undefined;
    }
    if (a.length > 2) return undefined;
    return order === 'mdy'
      ? build(fullYear(c), Number(a), Number(b))
      : build(fullYear(c), Number(b), Number(a));
  }
  m = COMPACT.exec(s);
  if (m) return order === 'ymd' ? build(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  // Month names say which part is the month, so the order does not matter.
  m = DAY_MONTH_NAME.exec(s);
  if (m) {
    const month = monthFromName(m[2] ?? '');
    return month ? build(fullYear(m[3] ?? ''), month, Number(m[1])) : undefined;
  }
  m = MONTH_NAME_DAY.exec(s);
  if (m) {
    const month = monthFromName(m[1] ?? '');
    return month ? build(Number(m[3]), month, Number(m[2])) : undefined;
  }
  m = YEAR_MONTH_NAME.exec(s);
  if (m) {
    const month = monthFromName(m[2] ?? '');
    return month ? build(Number(m[1]), month, Number(m[3])) : undefined;
  }
  return undefined;
}

/** True when the text reads as a date in at least one order. */
export function looksLikeDate(text: string): boolean {
  return dateOrders.some((order) => parseDate(text, order) !== undefined);
}

export interface DateOrderGuess {
  /** The order to use; undefined when no order reads the values. */
  order: DateOrder | undefined;
  /** Every order that reads the values equally well. */
  candidates: DateOrder[];
  /** Several orders read the values with different results: ask the person. */
  ambiguous: boolean;
  reason: string;
}

/**
 * Decides the date order of a column. Orders that read the most values are candidates; if they
 * disagree, a statement's dates are sorted, so an order under which the values run in date
 * order (and the others do not) wins. Otherwise the guess is `preferred` (e.g. from the
 * person's locale), flagged as ambiguous.
 */
export function detectDateOrder(
  values: readonly string[],
  preferred: DateOrder = 'ymd',
): DateOrderGuess {
  const samples = values.map((v) => v.trim()).filter((v) => v !== '');
  if (samples.length === 0) {
    return { order: undefined, candidates: [], ambiguous: false, reason: 'no dates to read' };
  }
  const readings = dateOrders.map((order) => ({
    order,
    dates: samples.map((s) => parseDate(s, order)),
  }));
  const best = Math.max(...readings.map((r) => r.dates.filter(Boolean).length));
  if (best === 0) {
    return {
      order: undefined,
      candidates: [],
      ambiguous: false,
      reason: `"${samples[0] ?? ''}" is not a date in any format we know`,
    };
  }
  const candidates = readings.filter((r) => r.dates.filter(Boolean).length === best);
  const first = candidates[0];
  if (!first) throw new Error('unreachable: best > 0 has a candidate');
  const agree = candidates.every((c) => c.dates.every((d, i) => d === first.dates[i]));
  if (candidates.length === 1 || agree) {
    return {
      order: first.order,
      candidates: candidates.map((c) => c.order),
      ambiguous: false,
      reason:
        candidates.length === 1
          ? `only ${dateOrderLabels[first.order]} reads every date`
          : 'the dates read the same in every order',
    };
  }
  const sorted = candidates.filter((c) => isMonotonic(c.dates));
  if (sorted.length === 1 && sorted[0]) {
    return {
      order: sorted[0].order,
      candidates: candidates.map((c) => c.order),
      ambiguous: false,
      reason: `only ${dateOrderLabels[sorted[0].order]} puts the rows in date order`,
    };
  }
  const chosen = candidates.find((c) => c.order === preferred) ?? first;
  return {
    order: chosen.order,
    candidates: candidates.map((c) => c.order),
    ambiguous: true,
    reason: `the dates read as ${candidates.map((c) => dateOrderLabels[c.order]).join(' or ')}`,
  };
}

function isMonotonic(values: readonly (string | undefined)[]): boolean {
  const known = values.filter((v): v is string => v !== undefined);
  let up = true;
  let down = true;
  for (let i = 1; i < known.length; i++) {
    const a = known[i - 1] ?? '';
    const b = known[i] ?? '';
    if (b < a) up = false;
    if (b > a) down = false;
  }
  return up || down;
}
