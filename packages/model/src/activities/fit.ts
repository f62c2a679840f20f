// FIT activity files, read with fit-file-parser (CRC checked). What is decided here:
// - Chained FIT files (several FIT files back to back, e.g. an activity then its settings) are
//   split and each part is read; only `activity` parts give workouts.
// - One workout per session. A triathlon is five sessions (swim, T1, bike, T2, run); a runner
//   expects what Garmin Connect's children and Strava show: the swim, the ride and the run as
//   three activities (they match those copies one to one). Transitions are dropped unless
//   `keepTransitions` is set. The legs share the file's content hash, which groups them.
// - The session summary is the device's own word and wins; only what it lacks is computed from
//   the records inside the session's time window.
// - Timestamps below 0x10000000 are seconds since the device was switched on, not dates (FIT
//   spec, "date_time"). Such a file is not stored as 1990: when its `activity` message carries
//   a real local wall-clock time, the start is rebuilt from it in the importing user's zone and
//   marked `device-clock`; otherwise the file fails with `unknown-start`.
import FitParser, { getFitGarminProductDisplayName } from 'fit-file-parser';
import * as dates from '../dates.ts';
import { err, ok, type Result } from '../result.ts';
import * as geo from './geo.ts';
import * as metrics from './metrics.ts';
import {
  failure,
  tidy,
  type ParseFailure,
  type ParseOptions,
  type ParsedActivity,
} from './parsed.ts';
import * as sports from './sports.ts';
import * as times from './times.ts';
import * as track from './track.ts';
import type { TrackPoint } from './track.ts';

/** FIT time zero, 1989-12-31T00:00:00Z, in epoch ms. */
const FIT_EPOCH_MS = 631_065_600_000;
/** FIT `date_time` values below this are relative to device power-on (FIT profile). */
const FIT_MIN_ABSOLUTE_SECONDS = 0x10000000;

/** Whether the bytes start like a FIT file (".FIT" at byte 8 of a 12- or 14-byte header). */
export function isFit(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 12 &&
    (bytes[0] === 12 || bytes[0] === 14) &&
    bytes[8] === 0x2e &&
    bytes[9] === 0x46 &&
    bytes[10] === 0x49 &&
    bytes[11] === 0x54
  );
}

export function parseFit(
  bytes: Uint8Array,
  options: ParseOptions = {},
): Result<ParsedActivity[], ParseFailure> {
  const parts = splitChain(bytes);
  if (!parts.ok) return parts;
  const fileTypes: string[] = [];
  const activities: ParsedActivity[] = [];
  for (const [index, part] of parts.value.entries()) {
    const where = parts.value.length > 1 ? `part ${index + 1} of the chained FIT file` : 'FIT file';
    const decoded = decode(part, where);
    if (!decoded.ok) return decoded;
    const fit = decoded.value;
    const type = fit.file_ids?.[0]?.type;
    fileTypes.push(
      typeof type === 'string' ? type : typeof type === 'number' ? `type ${type}` : 'unknown',
    );
    const isActivity = type === 'activity' || (type === undefined && hasWorkoutData(fit));
    if (!isActivity) continue;
    const read = readActivityFile(fit, where, options);
    if (!read.ok) return read;
    activities.push(...read.value);
  }
  if (activities.length > 0) return ok(activities);
  if (fileTypes.some((t) => t === 'activity')) {
    return err(failure('no-points', 'The FIT activity file has no sessions and no records.'));
  }
  const described = [...new Set(fileTypes)].map((t) => `a ${t.replaceAll('_', ' ')} file`);
  return err(
    failure('not-an-activity', `This FIT file is ${described.join(' and ')}, not an activity.`),
  );
}

// ---- The container: chained files, truncation, CRC ----

function splitChain(bytes: Uint8Array): Result<Uint8Array[], ParseFailure> {
  if (!isFit(bytes)) {
    return err(failure('unsupported', 'Not a FIT file: the header has no ".FIT" signature.'));
  }
  const parts: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const rest = bytes.subarray(offset);
    if (parts.length > 0 && rest.every((b) => b === 0)) break; // padding after the last file
    if (!isFit(rest)) {
      return err(
        failure(
          'corrupt',
          `The FIT file has ${rest.length} unexpected byte(s) after its end at byte ${offset}.`,
        ),
      );
    }
    const headerSize = rest[0] as number;
    const dataSize = new DataView(rest.buffer, rest.byteOffset, rest.byteLength).getUint32(4, true);
    const size = headerSize + dataSize + 2;
    if (size > rest.length) {
      return err(
        failure(
          'truncated',
          `The FIT file is cut short: its header promises ${offset + size} bytes, but the file has ${bytes.length}.`,
        ),
      );
    }
    parts.push(rest.subarray(0, size));
    offset += size;
  }
  return ok(parts);
}

interface FitMessage {
  [field: string]: unknown;
}

interface Fit {
  file_ids?: FitMessage[];
  sessions?: FitMessage[];
  laps?: FitMessage[];
  records?: FitMessage[];
  sports?: FitMessage[];
  activity?: FitMessage;
}

function decode(part: Uint8Array, where: string): Result<Fit, ParseFailure> {
  const copy = part.slice().buffer; // the parser wants a whole ArrayBuffer
  let result: Result<Fit, ParseFailure> = err(
    failure('corrupt', `The ${where} could not be read.`),
  );
  try {
    new FitParser({ force: false, mode: 'list' }).parse(copy, (error, data) => {
      if (error !== undefined) result = err(describeParserError(error, where));
      else if (data !== undefined) result = ok(data as unknown as Fit);
    });
  } catch (e) {
    // The parser throws on records that run past the data or definitions it never saw.
    const message = e instanceof Error ? e.message : String(e);
    return err(failure('corrupt', `The ${where} is damaged: ${message}.`));
  }
  return result;
}

function describeParserError(error: string, where: string): ParseFailure {
  if (/CRC/i.test(error)) {
    return failure(
      'corrupt',
      `The ${where} failed its checksum (${error}): it was damaged in transfer or storage.`,
    );
  }
  if (/exceeds input length|missing/i.test(error)) {
    return failure('truncated', `The ${where} is cut short (${error}).`);
  }
  return failure('corrupt', `The ${where} could not be read: ${error}.`);
}

function hasWorkoutData(fit: Fit): boolean {
  return (fit.sessions?.length ?? 0) > 0 || (fit.records?.length ?? 0) > 0;
}

// ---- Sessions to workouts ----

function readActivityFile(
  fit: Fit,
  where: string,
  options: ParseOptions,
): Result<ParsedActivity[], ParseFailure> {
  const records = fit.records ?? [];
  const sessions = [...(fit.sessions ?? [])].sort(
    (a, b) => (ms(a.start_time) ?? 0) - (ms(b.start_time) ?? 0),
  );
  const units =
    sessions.length > 0
      ? sessions
      : // A file the device never finished (no session): one workout from its records.
        records.length > 0
        ? [{ sport: fit.sports?.[0]?.sport, sub_sport: fit.sports?.[0]?.sub_sport }]
        : [];
  if (units.length === 0) return ok([]);

  const clock = clockOf(fit, units, records, options.timeZone ?? 'UTC');
  if (!clock.ok) return err(failure('unknown-start', `The ${where}: ${clock.error}`));

  const out: ParsedActivity[] = [];
  for (const session of units) {
    const sport = sports.fromFit(session.sport, session.sub_sport);
    if (sport.sport === 'transition' && !options.keepTransitions) continue;
    const start = ms(session.start_time) ?? firstTime(records);
    if (start === undefined) continue;
    const end = ms(session.timestamp);
    const inside =
      units.length === 1
        ? records
        : records.filter((r) => {
            const t = ms(r.timestamp);
            return t !== undefined && t >= start && (end === undefined || t <= end);
          });
    const points = inside.map(toPoint);
    const computed = metrics.summarize([points]);
    const lapCount =
      num(session.num_laps) ??
      (fit.laps ?? []).filter((l) => {
        const t = ms(l.start_time);
        return t !== undefined && t >= start && (end === undefined || t <= end);
      }).length;

    const activity: ParsedActivity = {
      ...sport,
      start: clock.value.toUtc(start),
      startKind: clock.value.kind,
      timeZone: clock.value.timeZone,
      elapsedSeconds:
        num(session.total_elapsed_time) ??
        (end !== undefined ? (end - start) / 1000 : computed.elapsedSeconds),
      movingSeconds:
        num(session.total_moving_time) ?? num(session.total_timer_time) ?? computed.movingSeconds,
      distanceMeters: num(session.total_distance) ?? computed.distanceMeters,
      elevationGainMeters: num(session.total_ascent) ?? computed.elevationGainMeters,
      maxElevationMeters:
        num(session.enhanced_max_altitude) ??
        num(session.max_altitude) ??
        computed.maxElevationMeters,
      avgHeartRate: num(session.avg_heart_rate) ?? computed.avgHeartRate,
      maxHeartRate: num(session.max_heart_rate) ?? computed.maxHeartRate,
      avgPowerWatts: num(session.avg_power) ?? computed.avgPowerWatts,
      avgCadence: num(session.avg_cadence) ?? computed.avgCadence,
      maxSpeedMetersPerSecond: num(session.enhanced_max_speed) ?? num(session.max_speed),
      calories: num(session.total_calories),
      avgTemperatureC: num(session.avg_temperature) ?? computed.avgTemperatureC,
      device: deviceName(fit.file_ids?.[0]),
      laps: lapCount > 0 ? lapCount : undefined,
    };
    if (options.includeTrack) activity.track = track.simplifyForStorage(track.positions([points]));
    out.push(tidy(activity));
  }
  return ok(out);
}

interface Clock {
  kind: 'utc' | 'device-clock';
  timeZone?: string;
  /** Turns a time as the parser read it into a real UTC instant. */
  toUtc(parsed: number): number;
}

function clockOf(
  fit: Fit,
  sessions: FitMessage[],
  records: FitMessage[],
  zone: string,
): Result<Clock, string> {
  const start = ms(sessions[0]?.start_time) ?? firstTime(records);
  const activityEnd = ms(fit.activity?.timestamp);
  const localEnd = ms(fit.activity?.local_timestamp);
  if (start !== undefined && isAbsolute(start)) {
    // local_timestamp − timestamp is the zone offset the device was in.
    const offsetMinutes =
      activityEnd !== undefined && localEnd !== undefined && isAbsolute(activityEnd)
        ? Math.round((localEnd - activityEnd) / 900_000) * 15
        : undefined;
    return ok({ kind: 'utc', timeZone: times.zoneForOffset(offsetMinutes), toUtc: (t) => t });
  }
  const raw = start === undefined ? 'none' : String(Math.round((start - FIT_EPOCH_MS) / 1000));
  if (localEnd === undefined || !isAbsolute(localEnd) || activityEnd === undefined) {
    return err(
      `the device recorded only the time since it was switched on (FIT time ${raw} s), not a date, and the file has no local time to rebuild the date from.`,
    );
  }
  // The parser reads local_timestamp as if it were UTC: it is the wall clock at the end.
  return ok({
    kind: 'device-clock',
    toUtc: (t) => wallClockToInstant(t - activityEnd + localEnd, zone),
  });
}

function wallClockToInstant(wallClockAsUtc: number, zone: string): number {
  const day = dates.fromDayNumber(Math.floor(wallClockAsUtc / 86_400_000));
  return dates.instantAt(day, wallClockAsUtc - dates.toDayNumber(day) * 86_400_000, zone);
}

function isAbsolute(epochMs: number): boolean {
  return (epochMs - FIT_EPOCH_MS) / 1000 >= FIT_MIN_ABSOLUTE_SECONDS;
}

function toPoint(record: FitMessage): TrackPoint {
  const point: TrackPoint = {};
  const time = ms(record.timestamp);
  if (time !== undefined) point.time = time;
  const lat = num(record.position_lat);
  const lon = num(record.position_long);
  if (geo.isValidPosition(lat, lon)) {
    point.lat = lat;
    point.lon = lon;
  }
  const set = (key: keyof TrackPoint, value: number | undefined): void => {
    if (value !== undefined) point[key] = value;
  };
  set('ele', num(record.enhanced_altitude) ?? num(record.altitude));
  set('distance', num(record.distance));
  set('heartRate', num(record.heart_rate));
  set('cadence', num(record.cadence));
  set('power', num(record.power));
  set('temperature', num(record.temperature));
  return point;
}

function deviceName(fileId: FitMessage | undefined): string | undefined {
  if (!fileId) return undefined;
  const productName = typeof fileId.product_name === 'string' ? fileId.product_name : undefined;
  const manufacturer =
    typeof fileId.manufacturer === 'string' ? fileId.manufacturer.replaceAll('_', ' ') : undefined;
  const brand = manufacturer ? manufacturer[0]!.toUpperCase() + manufacturer.slice(1) : undefined;
  const product =
    productName ??
    (fileId.manufacturer === 'garmin' && typeof fileId.product === 'number'
      ? (getFitGarminProductDisplayName(fileId.product) ?? undefined)
      : undefined);
  const name = [brand, product].filter(Boolean).join(' ');
  return name.length > 0 ? name : undefined;
}

function firstTime(records: FitMessage[]): number | undefined {
  for (const r of records) {
    const t = ms(r.timestamp);
    if (t !== undefined) return t;
  }
  return undefined;
}

function ms(value: unknown): number | undefined {
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isFinite(t) ? t : undefined;
  }
  return undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
