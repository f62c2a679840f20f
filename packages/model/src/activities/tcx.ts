// TCX (Garmin Training Center): <Activity Sport="…"> elements with <Lap> summaries and
// <Trackpoint>s, power and run cadence in the ActivityExtension (TPX/LX). Lap totals are the
// device's own summary and win over anything computed from points (a shortened file may keep
// all the laps but few of the points). A file with only <Course>s is a planned route.
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
import type { Segment, TrackPoint } from './track.ts';
import * as xml from './xml.ts';

export function parseTcx(
  text: string,
  options: ParseOptions = {},
): Result<ParsedActivity[], ParseFailure> {
  const doc = xml.parse(text);
  if (!doc.ok) {
    return err(
      doc.error.truncated
        ? failure('truncated', `The TCX file is cut short: ${doc.error.message}.`)
        : failure('corrupt', `The TCX file is not well-formed XML (${doc.error.message}).`),
    );
  }
  if (doc.value.name !== 'TrainingCenterDatabase') {
    return err(
      failure('unsupported', `Expected a <TrainingCenterDatabase>, found <${doc.value.name}>.`),
    );
  }
  const root = doc.value.root;
  const activityNodes = activityElements(root);
  if (activityNodes.length === 0) {
    const courses = xml.children(xml.child(root, 'Courses'), 'Course').length;
    return err(
      failure(
        'not-an-activity',
        courses > 0
          ? `The TCX file holds ${courses} course(s) (planned routes), not a recorded activity.`
          : 'The TCX file has no <Activity>.',
      ),
    );
  }
  const out: ParsedActivity[] = [];
  for (const [index, node] of activityNodes.entries()) {
    const parsed = readActivity(node, index, options);
    if (!parsed.ok) return parsed;
    out.push(parsed.value);
  }
  return ok(out);
}

/** <Activities><Activity>, and the legs of a <MultiSportSession>. */
function activityElements(root: xml.XmlElement): xml.XmlElement[] {
  const activities = xml.child(root, 'Activities');
  const out = [...xml.children(activities, 'Activity')];
  for (const session of xml.children(activities, 'MultiSportSession')) {
    for (const leg of [
      ...xml.children(session, 'FirstSport'),
      ...xml.children(session, 'NextSport'),
    ]) {
      out.push(...xml.children(leg, 'Activity'));
    }
  }
  return out;
}

interface Lap {
  start?: number;
  totalSeconds?: number;
  distance?: number;
  calories?: number;
  maxSpeed?: number;
  avgHeartRate?: number;
  maxHeartRate?: number;
  cadence?: number;
  avgWatts?: number;
}

function readActivity(
  node: xml.XmlElement,
  index: number,
  options: ParseOptions,
): Result<ParsedActivity, ParseFailure> {
  const where = `TCX activity ${index + 1}`;
  const id = times.parseIso(xml.text(node, 'Id'));
  const laps: Lap[] = [];
  const segments: Segment[] = [];
  const seenLaps = new Set<string>();
  let firstOffset: number | undefined;
  let offsetSeen = false;
  for (const lapNode of xml.children(node, 'Lap')) {
    const lapStart = times.parseIso(xml.attr(lapNode, 'StartTime'));
    const lx = xml.find(xml.child(lapNode, 'Extensions'), 'LX');
    const lap: Lap = {
      start: lapStart?.instant,
      totalSeconds: xml.number(xml.text(lapNode, 'TotalTimeSeconds')),
      distance: xml.number(xml.text(lapNode, 'DistanceMeters')),
      calories: xml.number(xml.text(lapNode, 'Calories')),
      maxSpeed: xml.number(xml.text(lapNode, 'MaximumSpeed')),
      avgHeartRate: xml.number(xml.text(xml.child(lapNode, 'AverageHeartRateBpm'), 'Value')),
      maxHeartRate: xml.number(xml.text(xml.child(lapNode, 'MaximumHeartRateBpm'), 'Value')),
      cadence:
        xml.number(xml.text(lapNode, 'Cadence')) ?? xml.number(xml.text(lx, 'AvgRunCadence')),
      avgWatts: xml.number(xml.text(lx, 'AvgWatts')),
    };
    // Some exporters (Fitbit) write the same lap twice; two laps cannot start at one instant.
    const key = `${lap.start}|${lap.totalSeconds}|${lap.distance}`;
    if (lap.start !== undefined && seenLaps.has(key)) continue;
    seenLaps.add(key);
    laps.push(lap);
    for (const trackNode of xml.children(lapNode, 'Track')) {
      const points: TrackPoint[] = [];
      for (const tp of xml.children(trackNode, 'Trackpoint')) {
        const point = readTrackpoint(tp);
        if (point.time !== undefined && !offsetSeen) {
          firstOffset = times.parseIso(xml.text(tp, 'Time'))?.offsetMinutes;
          offsetSeen = true;
        }
        if (Object.keys(point).length > 0) points.push(point);
      }
      if (points.length > 0) segments.push(points);
    }
  }

  const summary = metrics.summarize(segments);
  const start = id?.instant ?? laps[0]?.start ?? summary.start;
  if (start === undefined) {
    return err(
      failure('no-points', `The ${where} has no start time: no <Id>, lap start or timed point.`),
    );
  }
  const hasLapTotals = laps.some((l) => l.totalSeconds !== undefined);
  if (!hasLapTotals && summary.start === undefined) {
    return err(failure('no-points', `The ${where} has no lap totals and no timed track points.`));
  }
  const lapSeconds = sum(laps.map((l) => l.totalSeconds));
  const lapDistance = sum(laps.map((l) => l.distance));
  const lastLap = laps.at(-1);
  const lapEnd =
    lastLap?.start !== undefined && lastLap.totalSeconds !== undefined
      ? lastLap.start + lastLap.totalSeconds * 1000
      : undefined;
  const end = Math.max(summary.end ?? start, lapEnd ?? start, start + (lapSeconds ?? 0) * 1000);
  const offset = firstOffset ?? id?.offsetMinutes;

  const activity: ParsedActivity = {
    ...sports.fromName(xml.attr(node, 'Sport')),
    start,
    startKind: 'utc',
    timeZone: times.zoneForOffset(offset),
    elapsedSeconds: (end - start) / 1000,
    // Lap time is the device's timer: it stops on auto-pause, which is what moving time means.
    movingSeconds: lapSeconds ?? summary.movingSeconds,
    distanceMeters: lapDistance ?? summary.distanceMeters,
    elevationGainMeters: summary.elevationGainMeters,
    maxElevationMeters: summary.maxElevationMeters,
    avgHeartRate: weighted(laps, 'avgHeartRate') ?? summary.avgHeartRate,
    maxHeartRate: max(laps.map((l) => l.maxHeartRate)) ?? summary.maxHeartRate,
    avgCadence: weighted(laps, 'cadence') ?? summary.avgCadence,
    avgPowerWatts: weighted(laps, 'avgWatts') ?? summary.avgPowerWatts,
    maxSpeedMetersPerSecond: max(laps.map((l) => l.maxSpeed)),
    calories: sum(laps.map((l) => l.calories)),
    avgTemperatureC: summary.avgTemperatureC,
    device: xml.text(xml.child(node, 'Creator'), 'Name'),
    laps: laps.length > 0 ? laps.length : undefined,
    notes: xml.text(node, 'Notes'),
  };
  if (options.includeTrack) activity.track = track.simplifyForStorage(track.positions(segments));
  return ok(tidy(activity));
}

function readTrackpoint(tp: xml.XmlElement): TrackPoint {
  const point: TrackPoint = {};
  const time = times.parseIso(xml.text(tp, 'Time'));
  if (time) point.time = time.instant;
  const position = xml.child(tp, 'Position');
  const lat = xml.number(xml.text(position, 'LatitudeDegrees'));
  const lon = xml.number(xml.text(position, 'LongitudeDegrees'));
  if (geo.isValidPosition(lat, lon)) {
    point.lat = lat;
    point.lon = lon;
  }
  const set = (key: keyof TrackPoint, value: number | undefined): void => {
    if (value !== undefined) point[key] = value;
  };
  set('ele', xml.number(xml.text(tp, 'AltitudeMeters')));
  set('distance', xml.number(xml.text(tp, 'DistanceMeters')));
  set('heartRate', xml.number(xml.text(xml.child(tp, 'HeartRateBpm'), 'Value')));
  const tpx = xml.find(xml.child(tp, 'Extensions'), 'TPX');
  set('cadence', xml.number(xml.text(tp, 'Cadence')) ?? xml.number(xml.text(tpx, 'RunCadence')));
  set('power', xml.number(xml.text(tpx, 'Watts')));
  return point;
}

function sum(values: (number | undefined)[]): number | undefined {
  const present = values.filter((v): v is number => v !== undefined);
  return present.length > 0 ? present.reduce((a, b) => a + b, 0) : undefined;
}

function max(values: (number | undefined)[]): number | undefined {
  const present = values.filter((v): v is number => v !== undefined);
  return present.length > 0 ? Math.max(...present) : undefined;
}

/** A lap average weighted by lap time (a 10-minute lap counts ten times a 1-minute one). */
function weighted(laps: Lap[], key: 'avgHeartRate' | 'cadence' | 'avgWatts'): number | undefined {
  let total = 0;
  let weight = 0;
  for (const lap of laps) {
    const value = lap[key];
    if (value === undefined || value <= 0) continue;
    const w = lap.totalSeconds && lap.totalSeconds > 0 ? lap.totalSeconds : 1;
    total += value * w;
    weight += w;
  }
  return weight > 0 ? total / weight : undefined;
}
