// Synthetic workout files and records with known answers, for tests here and in `web/`, and
// for the import benchmark: a GPX or TCX document from points, a FIT file from sessions and
// records (through fit-file-parser's encoder), a track along a meridian whose length is exact,
// and activity records with overrides.
import * as v from 'valibot';
import { FitBaseType, FitEncoder, getFitSportId, getFitSubSportId } from 'fit-file-parser';
import { collections, type InputOf, type RecordOf } from '../collections.ts';
import { FIXED_ID } from '../testing.ts';
import * as geo from './geo.ts';
import type { TrackPoint } from './track.ts';

// ---- Tracks ----

/** Degrees of latitude that make `meters` along a meridian (haversine-exact). */
export function metersToLatitude(meters: number): number {
  return (meters / geo.EARTH_RADIUS_M) * (180 / Math.PI);
}

/**
 * `count` points `stepMeters` apart due north from (lat, lon), `stepSeconds` apart from
 * `start`; `ele(i)` gives each point's altitude.
 */
export function meridianTrack(options: {
  start: number;
  count: number;
  stepMeters?: number;
  stepSeconds?: number;
  lat?: number;
  lon?: number;
  ele?: (i: number) => number | undefined;
  heartRate?: (i: number) => number | undefined;
}): TrackPoint[] {
  const step = options.stepMeters ?? 1000;
  const seconds = options.stepSeconds ?? 300;
  const lat0 = options.lat ?? 45;
  const lon = options.lon ?? 10;
  return Array.from({ length: options.count }, (_, i) => {
    const point: TrackPoint = {
      time: options.start + i * seconds * 1000,
      lat: lat0 + metersToLatitude(i * step),
      lon,
    };
    const ele = options.ele?.(i);
    if (ele !== undefined) point.ele = ele;
    const hr = options.heartRate?.(i);
    if (hr !== undefined) point.heartRate = hr;
    return point;
  });
}

// ---- GPX and TCX ----

export interface GpxTrack {
  name?: string;
  type?: string;
  segments: TrackPoint[][];
}

export function gpxDocument(
  tracks: GpxTrack[],
  options: { version?: '1.0' | '1.1'; namespace?: boolean } = {},
): string {
  const version = options.version ?? '1.1';
  const ns =
    options.namespace === false
      ? ''
      : ` xmlns="http://www.topografix.com/GPX/${version.replace('.', '/')}" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"`;
  const point = (p: TrackPoint): string => {
    const ext =
      p.heartRate !== undefined || p.cadence !== undefined || p.temperature !== undefined
        ? `<extensions><gpxtpx:TrackPointExtension>${tag('gpxtpx:hr', p.heartRate)}${tag('gpxtpx:cad', p.cadence)}${tag('gpxtpx:atemp', p.temperature)}</gpxtpx:TrackPointExtension>${tag('power', p.power)}</extensions>`
        : '';
    return `<trkpt lat="${p.lat}" lon="${p.lon}">${tag('ele', p.ele)}${p.time !== undefined ? `<time>${new Date(p.time).toISOString()}</time>` : ''}${ext}</trkpt>`;
  };
  const body = tracks
    .map(
      (t) =>
        `<trk>${tag('name', t.name)}${tag('type', t.type)}${t.segments.map((s) => `<trkseg>${s.map(point).join('')}</trkseg>`).join('')}</trk>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="${version}" creator="Tally tests"${ns}>\n${body}\n</gpx>\n`;
}

export interface TcxLap {
  start: number;
  totalSeconds?: number;
  distance?: number;
  calories?: number;
  avgHeartRate?: number;
  maxHeartRate?: number;
  cadence?: number;
  avgWatts?: number;
  points: TrackPoint[];
}

export function tcxDocument(activity: {
  sport: string;
  id?: number;
  laps: TcxLap[];
  creator?: string;
  notes?: string;
}): string {
  const iso = (t: number): string => new Date(t).toISOString();
  const point = (p: TrackPoint): string =>
    `<Trackpoint>${p.time !== undefined ? `<Time>${iso(p.time)}</Time>` : ''}${
      p.lat !== undefined
        ? `<Position><LatitudeDegrees>${p.lat}</LatitudeDegrees><LongitudeDegrees>${p.lon}</LongitudeDegrees></Position>`
        : ''
    }${tag('AltitudeMeters', p.ele)}${tag('DistanceMeters', p.distance)}${
      p.heartRate !== undefined ? `<HeartRateBpm><Value>${p.heartRate}</Value></HeartRateBpm>` : ''
    }${tag('Cadence', p.cadence)}${
      p.power !== undefined
        ? `<Extensions><ns3:TPX><ns3:Watts>${p.power}</ns3:Watts></ns3:TPX></Extensions>`
        : ''
    }</Trackpoint>`;
  const lap = (l: TcxLap): string =>
    `<Lap StartTime="${iso(l.start)}">${tag('TotalTimeSeconds', l.totalSeconds)}${tag('DistanceMeters', l.distance)}${tag('Calories', l.calories)}${
      l.avgHeartRate !== undefined
        ? `<AverageHeartRateBpm><Value>${l.avgHeartRate}</Value></AverageHeartRateBpm>`
        : ''
    }${
      l.maxHeartRate !== undefined
        ? `<MaximumHeartRateBpm><Value>${l.maxHeartRate}</Value></MaximumHeartRateBpm>`
        : ''
    }${tag('Cadence', l.cadence)}<Track>${l.points.map(point).join('')}</Track>${
      l.avgWatts !== undefined
        ? `<Extensions><ns3:LX><ns3:AvgWatts>${l.avgWatts}</ns3:AvgWatts></ns3:LX></Extensions>`
        : ''
    }</Lap>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
<Activities><Activity Sport="${activity.sport}"><Id>${iso(activity.id ?? activity.laps[0]?.start ?? 0)}</Id>${activity.laps.map(lap).join('')}${tag('Notes', activity.notes)}${
    activity.creator ? `<Creator><Name>${activity.creator}</Name></Creator>` : ''
  }</Activity></Activities>
</TrainingCenterDatabase>
`;
}

function tag(name: string, value: string | number | undefined): string {
  return value === undefined ? '' : `<${name}>${value}</${name}>`;
}

// ---- FIT ----

const FIT_EPOCH_MS = 631_065_600_000;

export interface FitSession {
  sport: string;
  subSport?: string;
  start: number;
  elapsedSeconds?: number;
  timerSeconds?: number;
  distanceMeters?: number;
  calories?: number;
  avgHeartRate?: number;
  maxHeartRate?: number;
  ascentMeters?: number;
  laps?: number;
}

export interface FitFileSpec {
  /** FIT `file` enum: 4 activity (default), 2 settings, 6 course, 9 monitoring. */
  fileType?: number;
  /** Garmin (1) and a product id, e.g. 1765 = Forerunner 920XT. */
  manufacturer?: number;
  product?: number;
  sessions?: FitSession[];
  records?: TrackPoint[];
  /** The `activity` message: its end, and the local wall-clock time then. */
  activity?: { timestamp: number; localTimestamp?: number };
}

/** FIT time (seconds since 1989-12-31) for an epoch-ms instant. */
export function fitTime(epochMs: number): number {
  return Math.round((epochMs - FIT_EPOCH_MS) / 1000);
}

/** The epoch-ms that fit-file-parser shows for a raw FIT time (device-relative ones too). */
export function fromFitTime(seconds: number): number {
  return FIT_EPOCH_MS + seconds * 1000;
}

export function fitFile(spec: FitFileSpec): Uint8Array {
  const e = new FitEncoder();
  const u32 = (number: number, value: number) => ({
    number,
    size: 4,
    baseType: FitBaseType.Uint32,
    value,
  });
  const u16 = (number: number, value: number) => ({
    number,
    size: 2,
    baseType: FitBaseType.Uint16,
    value,
  });
  const u8 = (number: number, value: number) => ({
    number,
    size: 1,
    baseType: FitBaseType.Uint8,
    value,
  });
  const en = (number: number, value: number) => ({
    number,
    size: 1,
    baseType: FitBaseType.Enum,
    value,
  });
  const s32 = (number: number, value: number) => ({
    number,
    size: 4,
    baseType: FitBaseType.Sint32,
    value,
  });
  const firstStart = spec.sessions?.[0]?.start ?? spec.records?.[0]?.time ?? FIT_EPOCH_MS;
  e.writeMessage(0, [
    en(0, spec.fileType ?? 4),
    u16(1, spec.manufacturer ?? 1),
    u16(2, spec.product ?? 1765),
    u32(4, fitTime(firstStart)),
  ]);
  for (const r of spec.records ?? []) {
    const fields = [u32(253, fitTime(r.time ?? firstStart))];
    if (r.lat !== undefined && r.lon !== undefined) {
      fields.push(s32(0, Math.round((r.lat * 2 ** 31) / 180)));
      fields.push(s32(1, Math.round((r.lon * 2 ** 31) / 180)));
    }
    if (r.ele !== undefined) fields.push(u16(2, Math.round((r.ele + 500) * 5)));
    if (r.heartRate !== undefined) fields.push(u8(3, r.heartRate));
    if (r.distance !== undefined) fields.push(u32(5, Math.round(r.distance * 100)));
    e.writeMessage(20, fields, 1);
  }
  for (const s of spec.sessions ?? []) {
    const end = s.start + (s.elapsedSeconds ?? 0) * 1000;
    e.writeMessage(19, [u32(253, fitTime(end)), u32(2, fitTime(s.start))], 2);
    const fields = [
      u32(253, fitTime(end)),
      u32(2, fitTime(s.start)),
      en(5, getFitSportId(s.sport) ?? 0),
      en(6, s.subSport ? (getFitSubSportId(s.subSport) ?? 0) : 0),
    ];
    if (s.elapsedSeconds !== undefined) fields.push(u32(7, Math.round(s.elapsedSeconds * 1000)));
    if (s.timerSeconds !== undefined) fields.push(u32(8, Math.round(s.timerSeconds * 1000)));
    if (s.distanceMeters !== undefined) fields.push(u32(9, Math.round(s.distanceMeters * 100)));
    if (s.calories !== undefined) fields.push(u16(11, s.calories));
    if (s.avgHeartRate !== undefined) fields.push(u8(16, s.avgHeartRate));
    if (s.maxHeartRate !== undefined) fields.push(u8(17, s.maxHeartRate));
    if (s.ascentMeters !== undefined) fields.push(u16(22, s.ascentMeters));
    fields.push(u16(26, s.laps ?? 1));
    e.writeMessage(18, fields, 3);
  }
  if (spec.activity) {
    const fields = [u32(253, fitTime(spec.activity.timestamp)), u16(1, spec.sessions?.length ?? 0)];
    if (spec.activity.localTimestamp !== undefined) {
      fields.push(u32(5, fitTime(spec.activity.localTimestamp)));
    }
    e.writeMessage(34, fields, 4);
  }
  return e.close();
}

// ---- Records ----

let counter = 0;

/** A valid activity record (as read back from the store), with overrides. */
export function activityRecord(
  overrides: Partial<InputOf<'activities'>> = {},
): RecordOf<'activities'> {
  counter++;
  const id = overrides.id ?? `01JD${String(counter).padStart(22, '0')}`;
  return v.parse(collections.activities.schema, {
    name: `Run ${counter}`,
    sport: 'running',
    start: Date.UTC(2026, 10, 2, 7),
    elapsedSeconds: 1800,
    distanceMeters: 5000,
    ...overrides,
    id,
  });
}

/** A valid gear record, with overrides. */
export function gearRecord(overrides: Partial<InputOf<'gear'>> = {}): RecordOf<'gear'> {
  counter++;
  return v.parse(collections.gear.schema, {
    name: `Shoes ${counter}`,
    kind: 'shoes',
    ...overrides,
    id: overrides.id ?? `01JE${String(counter).padStart(22, '0')}`,
  });
}

export { FIXED_ID };
