// GPX 1.0 and 1.1, with or without the namespace, including Garmin's TrackPointExtension (heart
// rate, cadence, temperature) and the bare <power> Strava writes. Each <trk> with timed points
// is one activity; its <trkseg>s are the stretches between pauses. GPX has no summary, so every
// metric is computed from the points. Routes and waypoints are plans, not workouts: ignored.
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

export function parseGpx(
  text: string,
  options: ParseOptions = {},
): Result<ParsedActivity[], ParseFailure> {
  const doc = xml.parse(text);
  if (!doc.ok) {
    return err(
      doc.error.truncated
        ? failure('truncated', `The GPX file is cut short: ${doc.error.message}.`)
        : failure('corrupt', `The GPX file is not well-formed XML (${doc.error.message}).`),
    );
  }
  if (doc.value.name !== 'gpx') {
    return err(failure('unsupported', `Expected a <gpx> document, found <${doc.value.name}>.`));
  }
  const root = doc.value.root;
  const tracks = xml.children(root, 'trk');
  if (tracks.length === 0) {
    const waypoints = xml.children(root, 'wpt').length;
    const routes = xml.children(root, 'rte').length;
    return err(
      failure(
        'not-an-activity',
        `The GPX file has no track, only ${waypoints} waypoint(s) and ${routes} route(s): a plan, not a recorded workout.`,
      ),
    );
  }

  const activities: ParsedActivity[] = [];
  // When no track is usable, the most telling problem is reported: bad positions, then
  // missing times, then empty tracks.
  const problems: { rank: number; reason: 'no-points' | 'not-an-activity'; message: string }[] = [];
  for (const [index, trk] of tracks.entries()) {
    const label = `track ${index + 1}${xml.text(trk, 'name') ? ` ("${xml.text(trk, 'name')}")` : ''}`;
    const read = readTrack(trk);
    if (read.points === 0) {
      problems.push({ rank: 3, reason: 'no-points', message: `The GPX ${label} has no points.` });
      continue;
    }
    if (read.timed === 0) {
      problems.push({
        rank: 2,
        reason: 'not-an-activity',
        message: `The GPX ${label} has ${read.points} point(s) but no times: a planned route, not a recorded workout.`,
      });
      continue;
    }
    if (read.positioned === 0) {
      problems.push({
        rank: 1,
        reason: 'no-points',
        message: `The GPX ${label} has ${read.points} point(s), none with a valid position (${read.firstInvalid ?? 'lat/lon missing'}).`,
      });
      continue;
    }
    const summary = metrics.summarize(read.segments);
    if (summary.start === undefined) continue;
    const sport = sports.fromName(xml.text(trk, 'type'));
    const activity: ParsedActivity = {
      ...sport,
      start: summary.start,
      startKind: 'utc',
      timeZone: times.zoneForOffset(read.offsetMinutes),
      elapsedSeconds: summary.elapsedSeconds,
      movingSeconds: summary.movingSeconds,
      distanceMeters: summary.distanceMeters,
      elevationGainMeters: summary.elevationGainMeters,
      maxElevationMeters: summary.maxElevationMeters,
      avgHeartRate: summary.avgHeartRate,
      maxHeartRate: summary.maxHeartRate,
      avgCadence: summary.avgCadence,
      avgPowerWatts: summary.avgPowerWatts,
      avgTemperatureC: summary.avgTemperatureC,
      name: xml.text(trk, 'name'),
      notes: xml.text(trk, 'desc'),
    };
    if (options.includeTrack) {
      activity.track = track.simplifyForStorage(track.positions(read.segments));
    }
    activities.push(tidy(activity));
  }
  if (activities.length > 0) return ok(activities);
  const first = problems.sort((a, b) => a.rank - b.rank)[0];
  return err(
    failure(first?.reason ?? 'no-points', first?.message ?? 'The GPX file has no points.'),
  );
}

interface ReadTrack {
  segments: Segment[];
  points: number;
  timed: number;
  positioned: number;
  offsetMinutes?: number;
  firstInvalid?: string;
}

function readTrack(trk: xml.XmlElement): ReadTrack {
  const out: ReadTrack = { segments: [], points: 0, timed: 0, positioned: 0 };
  let offsetSeen = false;
  for (const seg of xml.children(trk, 'trkseg')) {
    const points: TrackPoint[] = [];
    for (const pt of xml.children(seg, 'trkpt')) {
      out.points++;
      const point: TrackPoint = {};
      const latText = xml.attr(pt, 'lat');
      const lonText = xml.attr(pt, 'lon');
      const lat = xml.number(latText);
      const lon = xml.number(lonText);
      if (geo.isValidPosition(lat, lon)) {
        point.lat = lat;
        point.lon = lon;
        out.positioned++;
      } else {
        out.firstInvalid ??= `lat="${latText ?? ''}" lon="${lonText ?? ''}"`;
      }
      const time = times.parseIso(xml.text(pt, 'time'));
      if (time) {
        point.time = time.instant;
        out.timed++;
        if (!offsetSeen) {
          out.offsetMinutes = time.offsetMinutes;
          offsetSeen = true;
        }
      }
      const ele = xml.number(xml.text(pt, 'ele'));
      if (ele !== undefined) point.ele = ele;
      const extensions = xml.child(pt, 'extensions');
      if (extensions) {
        const value = (name: string): number | undefined =>
          xml.number(xml.text(xml.find(extensions, name)));
        point.heartRate = value('hr') ?? value('heartrate');
        point.cadence = value('cad') ?? value('cadence');
        point.temperature = value('atemp') ?? value('temp');
        point.power = value('power') ?? value('PowerInWatts');
        for (const key of ['heartRate', 'cadence', 'temperature', 'power'] as const) {
          if (point[key] === undefined) delete point[key];
        }
      }
      if (point.time !== undefined || point.lat !== undefined) points.push(point);
    }
    if (points.length > 0) out.segments.push(points);
  }
  return out;
}
