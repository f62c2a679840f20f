import { describe, expect, it } from 'vitest';
import { parseGpx } from './gpx.ts';
import { gpxDocument, meridianTrack } from './testing.ts';

const START = Date.UTC(2024, 4, 1, 6, 0, 0);

function only<T>(result: { ok: true; value: T[] } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  expect(result.value).toHaveLength(1);
  return result.value[0]!;
}

describe('parseGpx on synthetic files', () => {
  const run = meridianTrack({
    start: START,
    count: 11,
    ele: (i) => 100 + i * 10,
    heartRate: (i) => 140 + i,
  });

  it.each([
    ['GPX 1.1 with the namespace', { version: '1.1' as const }],
    ['GPX 1.0', { version: '1.0' as const }],
    ['GPX without any namespace', { namespace: false }],
  ])('%s: distance, time, climb and heart rate from the points', (_name, options) => {
    const a = only(
      parseGpx(gpxDocument([{ name: 'Ten k', type: 'running', segments: [run] }], options)),
    );
    expect(a.sport).toBe('running');
    expect(a.name).toBe('Ten k');
    expect(a.start).toBe(START);
    expect(a.startKind).toBe('utc');
    expect(a.elapsedSeconds).toBe(3000);
    expect(a.distanceMeters).toBeCloseTo(10_000, 1);
    expect(a.elevationGainMeters).toBe(100);
    expect(a.maxElevationMeters).toBe(200);
    expect(a.maxHeartRate).toBe(150);
    expect(a.avgHeartRate).toBe(145);
  });

  it('reads cadence, temperature and the bare <power> element', () => {
    const points = run.slice(0, 3).map((p) => ({ ...p, cadence: 85, temperature: 20, power: 200 }));
    const a = only(parseGpx(gpxDocument([{ segments: [points] }])));
    expect(a.avgCadence).toBe(85);
    expect(a.avgTemperatureC).toBe(20);
    expect(a.avgPowerWatts).toBe(200);
    expect(a.sport).toBe('other');
  });

  it('drops invalid coordinates but keeps the rest of the track; no NaN anywhere', () => {
    const text = gpxDocument([{ segments: [run.slice(0, 3)] }]).replace(
      `lat="${run[1]!.lat}" lon="${run[1]!.lon}"`,
      'lat="undefined" lon="x"',
    );
    const a = only(parseGpx(text, { includeTrack: true }));
    expect(a.distanceMeters).toBeCloseTo(2000, 1);
    expect(a.track).toHaveLength(2);
    expect(JSON.stringify(a)).not.toMatch(/NaN|null/);
  });

  it('makes one activity per track and never counts across segments', () => {
    const morning = meridianTrack({ start: START, count: 3 });
    const evening = meridianTrack({ start: START + 10 * 3_600_000, count: 3, lat: 46 });
    const result = parseGpx(
      gpxDocument([
        { name: 'AM', segments: [morning.slice(0, 2), morning.slice(2)] },
        { name: 'PM', segments: [evening] },
      ]),
    );
    expect(
      result.ok && result.value.map((a) => [a.name, Math.round(a.distanceMeters ?? 0)]),
    ).toEqual([
      ['AM', 1000],
      ['PM', 2000],
    ]);
  });

  it('keeps a simplified track only when asked', () => {
    const text = gpxDocument([{ segments: [run] }]);
    expect(only(parseGpx(text)).track).toBeUndefined();
    const drawn = only(parseGpx(text, { includeTrack: true })).track;
    // A straight line simplifies to its ends.
    expect(drawn).toEqual([
      [run[0]!.lat, run[0]!.lon],
      [Math.round(run[10]!.lat! * 1e6) / 1e6, run[10]!.lon],
    ]);
  });

  it.each([
    [
      'waypoints only',
      '<gpx version="1.1"><wpt lat="1" lon="2"/></gpx>',
      'not-an-activity',
      /no track, only 1 waypoint/,
    ],
    [
      'a route drawn without times',
      gpxDocument([{ segments: [run.map(({ time: _t, ...p }) => p)] }]),
      'not-an-activity',
      /no times/,
    ],
    [
      'an empty track',
      '<gpx version="1.1"><trk><trkseg></trkseg></trk></gpx>',
      'no-points',
      /no points/,
    ],
    [
      'only invalid positions',
      '<gpx><trk><trkseg><trkpt lat="NaN" lon="1"><time>2024-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>',
      'no-points',
      /none with a valid position \(lat="NaN" lon="1"\)/,
    ],
    [
      'a file cut short',
      gpxDocument([{ segments: [run] }]).slice(0, 400),
      'truncated',
      /cut short/,
    ],
    ['broken XML', '<gpx><trk></gpx>', 'corrupt', /not well-formed/],
    ['another XML document', '<kml></kml>', 'unsupported', /<kml>/],
  ])('fails cleanly on %s', (_name, text, reason, message) => {
    const result = parseGpx(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.reason).toBe(reason);
      expect(result.error.message).toMatch(message);
    }
  });

  it('takes the zone from a time with an offset', () => {
    const text = gpxDocument([{ segments: [run.slice(0, 2)] }]).replaceAll(
      /<time>([^<]+)Z<\/time>/g,
      (_m, t: string) => `<time>${t.replace('T06', 'T08')}+02:00</time>`,
    );
    const a = only(parseGpx(text));
    expect(a.start).toBe(START);
    expect(a.timeZone).toBe('Etc/GMT-2');
  });
});
