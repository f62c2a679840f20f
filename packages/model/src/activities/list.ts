// The activity list's filters: sport (or family), gear, a date range in local days, and text
// across name, notes, device and sport. Newest first.
import type { CalendarDate } from '../dates.ts';
import type { RecordOf } from '../collections.ts';
import * as sports from './sports.ts';
import { dayOf, type DayOptions } from './totals.ts';

type Activity = RecordOf<'activities'>;

export interface ActivityFilter {
  sport?: string;
  family?: sports.Family;
  /** A gear id, or `none` for activities without gear. */
  gearId?: string;
  from?: CalendarDate;
  to?: CalendarDate;
  text?: string;
}

export function filterActivities(
  activities: readonly Activity[],
  filter: ActivityFilter,
  options: DayOptions,
): Activity[] {
  const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return activities
    .filter((a) => {
      if (filter.sport && a.sport !== filter.sport) return false;
      if (filter.family && sports.familyOf(a.sport) !== filter.family) return false;
      if (filter.gearId === 'none' ? a.gearId : filter.gearId && a.gearId !== filter.gearId)
        return false;
      if (filter.from || filter.to) {
        const day = dayOf(a, options);
        if (filter.from && day < filter.from) return false;
        if (filter.to && day > filter.to) return false;
      }
      if (words.length > 0) {
        const haystack = [a.name, a.notes, a.device, a.sport, a.subSport, sports.label(a.sport)]
          .filter(Boolean)
          .join(' ')
          .toLowerCase();
        if (!words.every((w) => haystack.includes(w))) return false;
      }
      return true;
    })
    .sort((a, b) => b.start - a.start || a.id.localeCompare(b.id));
}
