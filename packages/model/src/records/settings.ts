// Settings shared by the user's devices. Every field has a default, so an empty settings doc is
// valid and a field added later costs nothing. Device-only state (the sync token, the server
// URL) is not here: it never leaves the device.
import * as v from 'valibot';
import * as f from './fields.ts';

export const modules = ['bills', 'time', 'activities'] as const;

export const settings = v.object({
  /** BCP 47 tag; absent = the browser's. */
  locale: v.optional(v.pipe(v.string(), v.maxLength(35))),
  currency: v.optional(f.currency, 'USD'),
  /** Absent = the device's zone. */
  timeZone: v.optional(f.timeZone),
  /** 0 = Sunday, 1 = Monday. */
  weekStart: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6)), 1),
  theme: v.optional(v.picklist(['system', 'light', 'dark']), 'system'),
  hiddenModules: v.optional(v.array(v.picklist(modules)), []),
  // Bills
  dueSoonDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(31)), 3),
  // Time
  roundingMinutes: v.optional(v.picklist([1, 5, 10, 15, 30, 60]), 1),
  roundingMethod: v.optional(v.picklist(['nearest', 'up', 'down']), 'nearest'),
  idleMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(480)), 30),
  stillWorkingHours: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(48)), 10),
  defaultRate: v.optional(f.nonNegativeMinor),
  // Activities
  keepSourceFiles: v.optional(v.boolean(), false),
  /** Also send kept files' bytes to the user's own sync server (only while signed in). */
  syncKeptFiles: v.optional(v.boolean(), false),
  units: v.optional(v.picklist(['metric', 'imperial']), 'metric'),
});
