// Report periods: the presets people pick most, as inclusive ranges of local days.
import { dates } from '@tally/model';

export const presets = [
  { value: 'this-week', label: 'This week' },
  { value: 'last-week', label: 'Last week' },
  { value: 'this-month', label: 'This month' },
  { value: 'last-month', label: 'Last month' },
  { value: 'this-year', label: 'This year' },
  { value: 'custom', label: 'Custom' },
] as const;

export type Preset = (typeof presets)[number]['value'];

export interface DayRange {
  from: string;
  to: string;
}

export function isPreset(value: string | null): value is Preset {
  return presets.some((p) => p.value === value);
}

export function presetRange(
  preset: Exclude<Preset, 'custom'>,
  today: string,
  weekStart: number,
): DayRange {
  switch (preset) {
    case 'this-week': {
      const from = dates.startOfWeek(today, weekStart);
      return { from, to: dates.addDays(from, 6) };
    }
    case 'last-week': {
      const from = dates.addDays(dates.startOfWeek(today, weekStart), -7);
      return { from, to: dates.addDays(from, 6) };
    }
    case 'this-month': {
      const month = dates.monthOf(today);
      return { from: dates.firstOfMonth(month), to: dates.lastOfMonth(month) };
    }
    case 'last-month': {
      const month = dates.addMonthsToMonth(dates.monthOf(today), -1);
      return { from: dates.firstOfMonth(month), to: dates.lastOfMonth(month) };
    }
    case 'this-year': {
      const { year } = dates.parts(today);
      return { from: dates.fromParts(year, 1, 1), to: dates.fromParts(year, 12, 31) };
    }
  }
}

/** A custom range from the URL, with the ends swapped if typed backwards; undefined if unreadable. */
export function customRange(from: string | null, to: string | null): DayRange | undefined {
  if (!from || !to || !dates.isCalendarDate(from) || !dates.isCalendarDate(to)) return undefined;
  return dates.compare(from, to) <= 0 ? { from, to } : { from: to, to: from };
}

/** The instants that hold the local days of a range: [start of `from`, start of the day after `to`). */
export function instants(range: DayRange, zone: string): { start: number; end: number } {
  return {
    start: dates.startOfDay(range.from, zone),
    end: dates.startOfDay(dates.addDays(range.to, 1), zone),
  };
}
