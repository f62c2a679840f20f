// Activities: one record per workout with the metadata tracekit keeps, however many files it
// came from; gear; and references to the source files a user chose to keep.
import * as v from 'valibot';
import * as f from './fields.ts';

export const sourceKinds = ['fit', 'gpx', 'tcx', 'strava', 'garmin', 'manual'] as const;

export const activitySource = v.object({
  kind: v.picklist(sourceKinds),
  fileName: v.optional(f.shortText),
  /** SHA-256 of the file's bytes, hex. */
  contentHash: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/))),
  /** The provider's activity id (Strava, Garmin). */
  providerId: v.optional(v.pipe(v.string(), v.maxLength(100))),
});

const measure = f.nonNegative;

export const activity = v.object({
  id: f.id,
  name: v.optional(f.shortText, ''),
  /** Lower-case FIT-style sport: running, cycling, swimming, walking, hiking, rowing, … */
  sport: v.pipe(v.string(), v.minLength(1), v.maxLength(60)),
  subSport: v.optional(v.pipe(v.string(), v.maxLength(60))),
  start: f.instant,
  /** Where it happened, when known; totals by day use it. */
  timeZone: v.optional(f.timeZone),
  elapsedSeconds: measure,
  movingSeconds: v.optional(measure),
  distanceMeters: v.optional(measure),
  elevationGainMeters: v.optional(measure),
  maxElevationMeters: v.optional(v.number()),
  avgHeartRate: v.optional(measure),
  maxHeartRate: v.optional(measure),
  avgPowerWatts: v.optional(measure),
  avgCadence: v.optional(measure),
  calories: v.optional(measure),
  avgTemperatureC: v.optional(v.number()),
  device: v.optional(f.shortText),
  /** Laps the device recorded. */
  laps: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  maxSpeedMetersPerSecond: v.optional(measure),
  /**
   * The file had no real clock time (a device counting from power-on), so `start` was rebuilt
   * from the device's local wall-clock time in the importing user's zone: show it as approximate.
   */
  startIsEstimate: v.optional(v.boolean()),
  gearId: v.optional(f.ref),
  notes: v.optional(f.text),
  sources: v.optional(v.array(activitySource), []),
});

export const gearKinds = ['shoes', 'bike', 'other'] as const;

export const gear = v.object({
  id: f.id,
  name: f.name,
  kind: v.optional(v.picklist(gearKinds), 'other'),
  brand: v.optional(f.shortText),
  model: v.optional(f.shortText),
  /** Distance already on the gear before Tally saw it. */
  startDistanceMeters: v.optional(measure, 0),
  retired: v.optional(v.boolean(), false),
  /** Sports this gear is picked for by default. */
  defaultFor: v.optional(v.array(v.pipe(v.string(), v.maxLength(60))), []),
});

/** A source file kept on this device (the bytes live in a local blob table, not in the docs). */
export const sourceFile = v.object({
  id: f.id,
  contentHash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  fileName: f.shortText,
  kind: v.picklist(sourceKinds),
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  activityId: v.optional(f.ref),
  /** Whether the bytes are also sent to the sync server. */
  synced: v.optional(v.boolean(), false),
});

/** Two activities the user said are not the same workout. */
export const matchDismissal = v.object({
  id: f.id,
  activityIds: v.pipe(v.array(f.ref), v.length(2)),
  dismissedAt: f.instant,
});
